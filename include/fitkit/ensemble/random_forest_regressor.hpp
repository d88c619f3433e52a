#pragma once
// A random forest for regression, as scikit-learn's RandomForestRegressor (1.2): n_estimators
// CART trees, each grown on a bootstrap sample (max_features: all features by default, as
// scikit-learn 1.2), their predictions averaged.
//
//   fitkit::RandomForestRegressor forest({.n_estimators = 300, .max_features = 0.33});
//   forest.fit(X, y); forest.predict(X); forest.oob_score();
//
// With max_bins none the forest is scikit-learn's for the same seed, tree for tree; the
// default (255) grows the trees on binned features, several times faster (see forest.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fitkit/ensemble/forest_regressor.hpp"
#include "fitkit/tree/decision_tree_regressor.hpp"

namespace fitkit {

struct RandomForestRegressorParams {
  int n_estimators = 100;
  TreeRegressionCriterion criterion = TreeRegressionCriterion::squared_error;
  std::optional<int> max_depth;
  int min_samples_split = 2;
  int min_samples_leaf = 1;
  double min_weight_fraction_leaf = 0.0;
  MaxFeatures max_features = 1.0;
  std::optional<int> max_leaf_nodes;
  double min_impurity_decrease = 0.0;
  bool bootstrap = true;
  bool oob_score = false;
  std::uint64_t seed = 0;
  double ccp_alpha = 0.0;
  MaxSamples max_samples = MaxSamplesKeyword::none;
  std::vector<std::string> categorical_features;
  std::optional<int> max_bins = 255;

  template <class V>
  void visit(V&& v) {
    v("criterion", criterion,
      "squared_error, friedman_mse, absolute_error (leaves predict the median) or poisson "
      "(y >= 0)",
      one_of_enum());
    visit_forest_params(v, *this);
    v("ccp_alpha", ccp_alpha, "complexity parameter of each tree's cost-complexity pruning",
      at_least(0.0));
    v("max_bins", max_bins,
      "bins per feature for the split search (2..255); none: exact CART, scikit-learn's trees",
      in_range(2, 255));
  }
};

class RandomForestRegressor final
    : public ForestRegressor<RandomForestRegressor, RandomForestRegressorParams> {
 public:
  using ForestRegressor::ForestRegressor;
  std::string type_name() const override { return "RandomForestRegressor"; }
  std::uint32_t class_version() const override { return 1; }
};

extern template class ForestEstimator<RandomForestRegressor, RandomForestRegressorParams,
                                      Regressor>;
extern template class ForestRegressor<RandomForestRegressor, RandomForestRegressorParams>;

}  // namespace fitkit
