#include "core/named_columns.hpp"

#include <algorithm>
#include <charconv>

#include "fitkit/core/error.hpp"

namespace fitkit::detail {

std::vector<std::uint8_t> named_columns_mask(const std::vector<std::string>& items,
                                             Index n_features,
                                             const std::vector<std::string>& feature_names,
                                             const std::string& param) {
  std::vector<std::uint8_t> mask(n_features, 0);
  for (const std::string& item : items) {
    long long index = -1;
    const char* end = item.data() + item.size();
    const auto [ptr, ec] = std::from_chars(item.data(), end, index);
    if (ec == std::errc() && ptr == end) {
      if (index < 0 || index >= static_cast<long long>(n_features))
        throw InvalidParameter(
            param, "index " + item + " is outside [0, " + std::to_string(n_features - 1) + "]");
      mask[static_cast<Index>(index)] = 1;
      continue;
    }
    const auto found = std::find(feature_names.begin(), feature_names.end(), item);
    if (found == feature_names.end())
      throw InvalidParameter(param,
                             feature_names.empty()
                                 ? "'" + item + "' is a name, but the data has no feature names"
                                 : "'" + item + "' is not a feature name of the data");
    mask[static_cast<Index>(found - feature_names.begin())] = 1;
  }
  return mask;
}

}  // namespace fitkit::detail
