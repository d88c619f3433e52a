#pragma once
// The names a column gets when the file has none.
//
// CSV without a header: every field is named by its position in the file, x0, x1, ... (the
// target too), so a target or feature chosen by name or index is the same column with or
// without a header, and a model fitted on such a file finds its columns again by name.
// LIBSVM: the features are x0, x1, ... (counted among the features) and the target y.

#include <cstddef>
#include <string>
#include <vector>

namespace fitkit::io::detail {

inline std::string default_target_name() {
  return "y";
}

// "x" followed by `index`: a CSV field's position, or a LIBSVM feature's.
inline std::string default_feature_name(std::size_t index) {
  std::string name = "x";
  name += std::to_string(index);  // appended: GCC 12 misreads "x" + string as overlapping
  return name;
}

// x0, x1, ..., one per field: the header of a CSV file that has none.
inline std::vector<std::string> positional_names(std::size_t n_fields) {
  std::vector<std::string> names;
  names.reserve(n_fields);
  for (std::size_t j = 0; j < n_fields; ++j) names.push_back(default_feature_name(j));
  return names;
}

}  // namespace fitkit::io::detail
