#pragma once
// Extremely randomised trees for regression, as scikit-learn's ExtraTreesRegressor (1.2):
// each tree tries, at each node, one threshold drawn uniformly between the node's minimum
// and maximum of each of max_features features (all by default), on every row (bootstrap off
// by default); the predictions averaged. For the same seed, scikit-learn's forest tree for
// tree.
//
//   fitkit::ExtraTreesRegressor forest({.n_estimators = 300});
//   forest.fit(X, y); forest.predict(X);

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fitkit/ensemble/forest_regressor.hpp"
#include "fitkit/tree/decision_tree_regressor.hpp"

namespace fitkit {

struct ExtraTreesRegressorParams {
  static constexpr bool kRandomSplits = true;
  int n_estimators = 100;
  TreeRegressionCriterion criterion = TreeRegressionCriterion::squared_error;
  std::optional<int> max_depth;
  int min_samples_split = 2;
  int min_samples_leaf = 1;
  double min_weight_fraction_leaf = 0.0;
  MaxFeatures max_features = 1.0;
  std::optional<int> max_leaf_nodes;
  double min_impurity_decrease = 0.0;
  bool bootstrap = false;
  bool oob_score = false;
  std::uint64_t seed = 0;
  double ccp_alpha = 0.0;
  MaxSamples max_samples = MaxSamplesKeyword::none;
  std::vector<std::string> categorical_features;

  template <class V>
  void visit(V&& v) {
    v("criterion", criterion,
      "squared_error, friedman_mse, absolute_error (leaves predict the median) or poisson "
      "(y >= 0)",
      one_of_enum());
    visit_forest_params(v, *this);
    v("ccp_alpha", ccp_alpha, "complexity parameter of each tree's cost-complexity pruning",
      at_least(0.0));
  }
};

class ExtraTreesRegressor final
    : public ForestRegressor<ExtraTreesRegressor, ExtraTreesRegressorParams> {
 public:
  using ForestRegressor::ForestRegressor;
  std::string type_name() const override { return "ExtraTreesRegressor"; }
  std::uint32_t class_version() const override { return 1; }
};

extern template class ForestEstimator<ExtraTreesRegressor, ExtraTreesRegressorParams, Regressor>;
extern template class ForestRegressor<ExtraTreesRegressor, ExtraTreesRegressorParams>;

}  // namespace fitkit
