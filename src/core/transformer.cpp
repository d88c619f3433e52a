#include "fitkit/core/transformer.hpp"

#include "fitkit/core/error.hpp"

namespace fitkit {

Tags Transformer::tags() const {
  Tags t;
  t.kind = EstimatorKind::transformer;
  t.transform = true;
  return t;
}

std::vector<std::string> Transformer::input_feature_names() const {
  if (!is_fitted()) throw NotFitted(type_name());
  if (!feature_names().empty()) return feature_names();
  std::vector<std::string> names;
  names.reserve(n_features_in());
  for (Index j = 0; j < n_features_in(); ++j) names.push_back("x" + std::to_string(j));
  return names;
}

}  // namespace fitkit
