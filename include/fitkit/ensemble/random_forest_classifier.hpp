#pragma once
// A random forest for classification, as scikit-learn's RandomForestClassifier (1.2):
// n_estimators CART trees, each grown on a bootstrap sample with max_features features tried
// at each node, their class probabilities averaged.
//
//   fitkit::RandomForestClassifier forest({.n_estimators = 300, .oob_score = true});
//   forest.fit(X, y);            // NaN in X is a missing value
//   forest.predict(X); forest.predict_proba(X); forest.oob_score(); forest.feature_importances();
//
// With max_bins none the forest is scikit-learn's for the same seed, tree for tree; the
// default (255) grows the trees on binned features, several times faster (see forest.hpp).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fitkit/ensemble/forest_classifier.hpp"
#include "fitkit/tree/decision_tree_classifier.hpp"

namespace fitkit {

struct RandomForestClassifierParams {
  int n_estimators = 100;
  TreeClassificationCriterion criterion = TreeClassificationCriterion::gini;
  std::optional<int> max_depth;
  int min_samples_split = 2;
  int min_samples_leaf = 1;
  double min_weight_fraction_leaf = 0.0;
  MaxFeatures max_features = MaxFeaturesKeyword::sqrt;
  std::optional<int> max_leaf_nodes;
  double min_impurity_decrease = 0.0;
  bool bootstrap = true;
  bool oob_score = false;
  std::uint64_t seed = 0;
  ForestClassWeight class_weight;
  double ccp_alpha = 0.0;
  MaxSamples max_samples = MaxSamplesKeyword::none;
  std::vector<std::string> categorical_features;
  std::optional<int> max_bins = 255;

  template <class V>
  void visit(V&& v) {
    v("criterion", criterion, "gini, entropy or log_loss (the same as entropy)", one_of_enum());
    visit_forest_params(v, *this);
    v("class_weight", class_weight,
      "none; balanced; balanced_subsample (balanced on each tree's bootstrap); or "
      "label:weight pairs");
    v("ccp_alpha", ccp_alpha, "complexity parameter of each tree's cost-complexity pruning",
      at_least(0.0));
    v("max_bins", max_bins,
      "bins per feature for the split search (2..255); none: exact CART, scikit-learn's trees",
      in_range(2, 255));
  }
};

class RandomForestClassifier final
    : public ForestClassifier<RandomForestClassifier, RandomForestClassifierParams> {
 public:
  using ForestClassifier::ForestClassifier;
  std::string type_name() const override { return "RandomForestClassifier"; }
  std::uint32_t class_version() const override { return 1; }
};

extern template class ForestEstimator<RandomForestClassifier, RandomForestClassifierParams,
                                      Classifier>;
extern template class ForestClassifier<RandomForestClassifier, RandomForestClassifierParams>;

}  // namespace fitkit
