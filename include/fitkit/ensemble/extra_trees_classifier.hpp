#pragma once
// Extremely randomised trees for classification, as scikit-learn's ExtraTreesClassifier
// (1.2): each tree tries, at each node, one threshold drawn uniformly between the node's
// minimum and maximum of each of max_features features, on every row (bootstrap off by
// default); the trees' class probabilities averaged. For the same seed, scikit-learn's forest
// tree for tree.
//
//   fitkit::ExtraTreesClassifier forest({.n_estimators = 300});
//   forest.fit(X, y); forest.predict_proba(X);

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fitkit/ensemble/forest_classifier.hpp"
#include "fitkit/tree/decision_tree_classifier.hpp"

namespace fitkit {

struct ExtraTreesClassifierParams {
  static constexpr bool kRandomSplits = true;
  int n_estimators = 100;
  TreeClassificationCriterion criterion = TreeClassificationCriterion::gini;
  std::optional<int> max_depth;
  int min_samples_split = 2;
  int min_samples_leaf = 1;
  double min_weight_fraction_leaf = 0.0;
  MaxFeatures max_features = MaxFeaturesKeyword::sqrt;
  std::optional<int> max_leaf_nodes;
  double min_impurity_decrease = 0.0;
  bool bootstrap = false;
  bool oob_score = false;
  std::uint64_t seed = 0;
  ForestClassWeight class_weight;
  double ccp_alpha = 0.0;
  MaxSamples max_samples = MaxSamplesKeyword::none;
  std::vector<std::string> categorical_features;

  template <class V>
  void visit(V&& v) {
    v("criterion", criterion, "gini, entropy or log_loss (the same as entropy)", one_of_enum());
    visit_forest_params(v, *this);
    v("class_weight", class_weight,
      "none; balanced; balanced_subsample (balanced on each tree's bootstrap); or "
      "label:weight pairs");
    v("ccp_alpha", ccp_alpha, "complexity parameter of each tree's cost-complexity pruning",
      at_least(0.0));
  }
};

class ExtraTreesClassifier final
    : public ForestClassifier<ExtraTreesClassifier, ExtraTreesClassifierParams> {
 public:
  using ForestClassifier::ForestClassifier;
  std::string type_name() const override { return "ExtraTreesClassifier"; }
  std::uint32_t class_version() const override { return 1; }
};

extern template class ForestEstimator<ExtraTreesClassifier, ExtraTreesClassifierParams, Classifier>;
extern template class ForestClassifier<ExtraTreesClassifier, ExtraTreesClassifierParams>;

}  // namespace fitkit
