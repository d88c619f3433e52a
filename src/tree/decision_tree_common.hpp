#pragma once
// The fit and the model-file state DecisionTreeClassifier and DecisionTreeRegressor share
// (src/tree/decision_tree_common.cpp).

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "fitkit/core/class_weight.hpp"
#include "fitkit/core/tags.hpp"
#include "fitkit/tree/decision_tree.hpp"
#include "fitkit/tree/decision_tree_classifier.hpp"
#include "fitkit/tree/decision_tree_regressor.hpp"
#include "tree/cart_builder.hpp"

namespace fitkit::detail {

// The growth parameters in the builder's terms (max_features resolved on n_features,
// min_samples_split raised to 2 min_samples_leaf as scikit-learn does, min_weight_leaf from
// the fraction and the total weight).
template <class P>
CartOptions cart_options(const P& p, CartCriterion criterion, Index n_features,
                         double total_weight) {
  CartOptions o;
  o.criterion = criterion;
  if constexpr (requires { p.splitter; }) o.random_splitter = p.splitter == TreeSplitter::random;
  if (p.max_depth) o.max_depth = static_cast<Index>(*p.max_depth);
  o.min_samples_leaf = static_cast<Index>(p.min_samples_leaf);
  o.min_samples_split = std::max(static_cast<Index>(p.min_samples_split), 2 * o.min_samples_leaf);
  o.min_weight_leaf = p.min_weight_fraction_leaf * total_weight;
  o.max_features = resolve_max_features(p.max_features, n_features);
  if (p.max_leaf_nodes) o.max_leaf_nodes = static_cast<Index>(*p.max_leaf_nodes);
  o.min_impurity_decrease = p.min_impurity_decrease;
  return o;
}

// What every tree learner offers on top of its base's tags: sample weights, NaN in X as
// missing values, categorical features and TreeSHAP contributions.
inline Tags tree_learner_tags(Tags base) {
  base.sample_weight = true;
  base.allow_nan = true;
  base.categorical = true;
  base.contributions = true;
  return base;
}

// The builder's criterion for a classification tree's (log_loss is entropy).
inline CartCriterion classification_criterion(TreeClassificationCriterion criterion) {
  return criterion == TreeClassificationCriterion::gini ? CartCriterion::gini
                                                        : CartCriterion::entropy;
}
// The builder's criterion for a regression tree's.
CartCriterion regression_criterion(TreeRegressionCriterion criterion);
// What a regression criterion needs of y (poisson: y >= 0 with a positive sum; absolute_error:
// no NaN in X, as in scikit-learn): DataError / InvalidParameter otherwise.
void check_regression_target(TreeRegressionCriterion criterion, const Matrix& X, const Vector& y,
                             const std::string& estimator);

// A classification target as the builders take it: the sorted classes (DataError for fewer
// than two), each row's class index, and the row weights: the sample weights (empty for unit
// ones) times `class_weight` (scikit-learn's compute_sample_weight).
struct ClassTarget {
  Labels classes;
  arma::uvec index;
  Vector y;  // the class indices as doubles
  Vector weights;
};
ClassTarget class_target(const Labels& y, const Vector* sample_weight,
                         const ClassWeight& class_weight, const std::string& estimator);

// Grows (and prunes) the tree; `y` holds targets or class indices.
FittedTree fit_cart(const Matrix& X, const Vector& y, Index n_classes, const Vector& weights,
                    const CartOptions& options, std::uint64_t seed, double ccp_alpha,
                    const std::vector<std::uint8_t>& categorical);

// The categorical mask of categorical_features: InvalidParameter for an index out of range,
// DataError for a value in those columns that is not an integer code 0..255 (or NaN).
std::vector<std::uint8_t> categorical_mask(const std::vector<std::int64_t>& indices,
                                           const Matrix& X);

// The same for columns given by index or feature name (InvalidParameter for a name the data
// does not have).
std::vector<std::uint8_t> categorical_mask(const std::vector<std::string>& features,
                                           const Matrix& X,
                                           const std::vector<std::string>& feature_names);

// X (without infinities: DataError) rounded to float32 as the tree was grown on (scikit-learn
// compares float32 values with the double thresholds), so that a value between two float32
// neighbours goes where it does there.
Matrix as_float32_values(const Matrix& X);

// The leaf of every row, each value rounded to float32 as as_float32_values does (without the
// copy); DataError for an infinity.
arma::uvec leaves_of(const FittedTree& fitted, const Matrix& X);

// "depth 5, 17 leaves, 33 nodes" and the importances, largest first, by feature name.
void describe_tree(std::ostream& out, const FittedTree& fitted,
                   const std::vector<std::string>& feature_names);

// The importances as a table, largest first, by feature name.
void describe_importances(std::ostream& out, const Vector& importances,
                          const std::vector<std::string>& feature_names);

// After loading: the tree checked against the width, importances recomputed.
void check_loaded_tree(FittedTree& fitted, Index n_features, Index value_width);

}  // namespace fitkit::detail
