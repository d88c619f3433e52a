#pragma once
// What DecisionTreeClassifier and DecisionTreeRegressor share: the parameters of tree growth
// (scikit-learn 1.2's names and defaults), and the fitted tree with its accessors.
//
// splitter          best (every split of the drawn features) or random (one threshold drawn
//                   uniformly between each drawn feature's node min and max)
// max_features      none (all), sqrt, log2, a count, or a fraction of the features; the
//                   features tried at each node are drawn with the seed
// max_leaf_nodes    grows best-first (the largest impurity decrease first) up to this many
//                   leaves; none grows depth-first
// ccp_alpha         minimal cost-complexity pruning after growth
//
// categorical_features  columns (by index or feature name) whose values are category codes
//                   0..255: split by sets
//                   of codes (categories ordered by mean target, or by the share of the
//                   node's most frequent class, and every cut of that order scanned; exact
//                   for regression and two classes); codes unseen at a node go with its
//                   missing values
//
// NaN in X is a missing value: each split sends the rows missing its feature to the side that
// scores better (scikit-learn 1.3); at predict they follow that side (for a feature that had no
// missing value in the node at fit, the side with more training rows).

#include <array>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fitkit/core/params.hpp"
#include "fitkit/core/types.hpp"
#include "fitkit/tree/tree.hpp"

namespace fitkit {

enum class TreeSplitter { best, random };
enum class MaxFeaturesKeyword { none, sqrt, log2 };

template <>
struct EnumNames<TreeSplitter> {
  static constexpr std::array values{std::pair{TreeSplitter::best, "best"},
                                     std::pair{TreeSplitter::random, "random"}};
};

template <>
struct EnumNames<MaxFeaturesKeyword> {
  static constexpr std::array values{std::pair{MaxFeaturesKeyword::none, "none"},
                                     std::pair{MaxFeaturesKeyword::sqrt, "sqrt"},
                                     std::pair{MaxFeaturesKeyword::log2, "log2"}};
};

// scikit-learn's max_features: a keyword, a count (an integer) or a fraction (a float).
using MaxFeatures = KeywordOr<MaxFeaturesKeyword, std::int64_t, double>;

// The number of features max_features stands for among n_features (at least 1); throws
// InvalidParameter for a count above n_features or a fraction above 1.
Index resolve_max_features(const MaxFeatures& max_features, Index n_features);

// The parameters that bound a tree's growth, shared by the trees and the forests.
template <class V, class P>
void visit_tree_size_params(V&& v, P& p) {
  v("max_depth", p.max_depth, "deepest a tree grows (none: until the leaves are pure or small)",
    at_least(1));
  v("min_samples_split", p.min_samples_split, "fewest samples a node needs to be split",
    at_least(2));
  v("min_samples_leaf", p.min_samples_leaf, "fewest samples each leaf keeps", at_least(1));
  v("min_weight_fraction_leaf", p.min_weight_fraction_leaf,
    "smallest share of the total sample weight each leaf keeps", in_range(0.0, 0.5));
  v("max_features", p.max_features,
    "features tried at each node: none (all), sqrt, log2, a count or a fraction",
    greater_than(0.0));
  v("max_leaf_nodes", p.max_leaf_nodes,
    "grow best-first up to this many leaves (none: depth-first, no limit)", at_least(2));
  v("min_impurity_decrease", p.min_impurity_decrease,
    "split only when the weighted impurity decreases by at least this", at_least(0.0));
}

// The growth parameters both trees have, visited after criterion.
template <class V, class P>
void visit_tree_growth_params(V&& v, P& p) {
  v("splitter", p.splitter,
    "best (every split of the drawn features) or random (one random "
    "threshold per drawn feature)",
    one_of_enum());
  visit_tree_size_params(v, p);
  v("seed", p.seed, "random seed (the order features are tried in, random thresholds)");
}

namespace detail {
class ForestPredictor;  // src/tree/forest_predictor.hpp

// The fitted part both trees share.
struct FittedTree {
  Tree tree;
  Vector feature_importances;
  // The tree laid out for prediction, built once per fit or load.
  std::shared_ptr<const ForestPredictor> predictor;
};
}  // namespace detail

}  // namespace fitkit
