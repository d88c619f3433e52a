#pragma once
// Shows a token from a data file inside an error message: quoted, shortened, and with
// control bytes replaced, so a binary file cannot flood or garble the terminal.

#include <string>
#include <string_view>

namespace fitkit::io::detail {

inline std::string quote_token(std::string_view token) {
  constexpr std::size_t max_shown = 40;
  std::string shown = "'";
  for (std::size_t i = 0; i < token.size() && i < max_shown; ++i) {
    const auto c = static_cast<unsigned char>(token[i]);
    shown += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
  }
  if (token.size() > max_shown) shown += "...";
  return shown + "'";
}

}  // namespace fitkit::io::detail
