#pragma once
// The names a column gets when the file has none: x0, x1, ... for features (counted among
// the features, as scikit-learn does) and y for the target.

#include <cstddef>
#include <string>

namespace fitkit::io::detail {

inline std::string default_target_name() {
  return "y";
}

inline std::string default_feature_name(std::size_t feature) {
  std::string name = "x";
  name += std::to_string(feature);  // appended: GCC 12 misreads "x" + string as overlapping
  return name;
}

}  // namespace fitkit::io::detail
