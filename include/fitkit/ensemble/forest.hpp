#pragma once
// What the four forests share (RandomForestClassifier/Regressor, ExtraTreesClassifier/
// Regressor): scikit-learn 1.2's forest parameters, and the fitted trees.
//
// n_estimators   trees, grown on every core; a seed gives the same forest whatever the thread
//                count (tree t draws its bootstrap and its features from the t-th seed drawn
//                from `seed`, as scikit-learn draws them from random_state)
// bootstrap      each tree learns from n_samples (or max_samples) rows drawn with replacement,
//                as sample weights (the count of each row); oob_score scores every row with
//                the trees that did not draw it
// max_bins       RandomForest only: none grows exact CART trees, scikit-learn's forest tree
//                for tree for the same seed; a count (the default, 255) bins every feature
//                once into at most that many quantile bins and searches splits over bin edges
//                (histogram CART, LightGBM's idea): several times faster, the same trees
//                wherever a feature has at most max_bins distinct values, scores equal to
//                scikit-learn's within noise elsewhere
//
// Missing values (NaN) and categorical_features (by index or feature name; integer codes
// 0..255) split natively as in DecisionTree*. A model file keeps what prediction and
// TreeSHAP need: each tree's splits, its leaves' values and every node's training weight, in
// preorder; not the impurities or sample counts (feature_importances() is kept whole).

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fitkit/core/class_weight.hpp"
#include "fitkit/core/params.hpp"
#include "fitkit/tree/decision_tree.hpp"
#include "fitkit/tree/tree.hpp"

namespace fitkit {

enum class MaxSamplesKeyword { none };
template <>
struct EnumNames<MaxSamplesKeyword> {
  static constexpr std::array values{std::pair{MaxSamplesKeyword::none, "none"}};
};
// scikit-learn's max_samples: none (n_samples), a count, or a fraction of n_samples.
using MaxSamples = KeywordOr<MaxSamplesKeyword, std::int64_t, double>;

// A forest classifier's class_weight: scikit-learn's ClassWeight, or balanced_subsample
// (balanced on each tree's bootstrap sample).
struct ForestClassWeight {
  ClassWeight weight;
  bool subsample = false;

  ForestClassWeight() = default;
  ForestClassWeight(ClassWeightMode m) : weight(m) {}         // NOLINT: implicit, as ClassWeight
  ForestClassWeight(ClassWeight w) : weight(std::move(w)) {}  // NOLINT
  static ForestClassWeight balanced_subsample();

  bool operator==(const ForestClassWeight&) const = default;
  std::string to_text() const;
  static std::string from_text(std::string_view text, ForestClassWeight& out);
  static std::string param_type_name() { return "class weights"; }
};

// The parameters every forest has, in scikit-learn's order after criterion.
template <class V, class P>
void visit_forest_params(V&& v, P& p) {
  v("n_estimators", p.n_estimators, "trees in the forest", at_least(1));
  visit_tree_size_params(v, p);
  v("bootstrap", p.bootstrap,
    "grow each tree on a sample drawn with replacement (false: on every row)");
  v("oob_score", p.oob_score,
    "score the forest on the rows each tree left out (needs bootstrap); see oob_score()");
  v("seed", p.seed, "random seed (bootstraps, the features tried at each node, thresholds)");
  v("max_samples", p.max_samples,
    "rows drawn for each tree with bootstrap: none (n_samples), a count or a fraction",
    greater_than(0.0));
  v("categorical_features", p.categorical_features,
    "categorical columns by index or feature name (integer codes 0..255, split by sets of "
    "categories)");
}

namespace detail {
class ForestPredictor;  // src/tree/forest_predictor.hpp

// The fitted part every forest shares.
struct FittedForest {
  std::vector<Tree> trees;
  // The trees laid out for prediction, built once per fit or load.
  std::shared_ptr<const ForestPredictor> predictor;
  Vector feature_importances;
  // With oob_score: the score, and per training row the mean prediction of the trees that
  // left it out (class probabilities, or the regression prediction).
  std::optional<double> oob_score;
  Matrix oob_prediction;
};
}  // namespace detail

}  // namespace fitkit
