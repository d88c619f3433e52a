#pragma once
// Small text helpers shared by the apps.

#include <string>
#include <string_view>
#include <vector>

namespace fitkit::apps {

// "a, b, c"
inline std::string join(const std::vector<std::string>& items, std::string_view separator = ", ") {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

}  // namespace fitkit::apps
