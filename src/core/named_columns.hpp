#pragma once
// Columns a parameter names (categorical_features of the trees, boosting and encoders): each
// item a 0-based position or a feature name, as scikit-learn takes them.

#include <cstdint>
#include <string>
#include <vector>

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

// The columns named, as a mask over n_features; InvalidParameter(param) for a position out of
// range or an unknown name.
std::vector<std::uint8_t> named_columns_mask(const std::vector<std::string>& items,
                                             Index n_features,
                                             const std::vector<std::string>& feature_names,
                                             const std::string& param = "categorical_features");

}  // namespace fitkit::detail
