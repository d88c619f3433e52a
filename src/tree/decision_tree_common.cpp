#include "tree/decision_tree_common.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <numeric>
#include <ostream>

#include "core/format_problem.hpp"
#include "core/named_columns.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "tree/forest_predictor.hpp"

namespace fitkit {

Index resolve_max_features(const MaxFeatures& max_features, Index n_features) {
  if (max_features.is_keyword()) {
    const double n = static_cast<double>(n_features);
    switch (max_features.keyword()) {
      case MaxFeaturesKeyword::none:
        return n_features;
      case MaxFeaturesKeyword::sqrt:
        return std::max<Index>(1, static_cast<Index>(std::sqrt(n)));
      case MaxFeaturesKeyword::log2:
        return std::max<Index>(1, static_cast<Index>(std::log2(n)));
    }
  }
  if (max_features.holds<std::int64_t>()) {
    const std::int64_t count = max_features.get<std::int64_t>();
    if (count < 1 || static_cast<Index>(count) > n_features)
      throw InvalidParameter("max_features", "must be a count in 1.." + std::to_string(n_features) +
                                                 " (the number of features), found " +
                                                 std::to_string(count));
    return static_cast<Index>(count);
  }
  const double fraction = max_features.get<double>();
  if (!(fraction > 0.0 && fraction <= 1.0))
    throw InvalidParameter("max_features", "as a fraction must be in (0, 1], found " +
                                               detail::format_double(fraction));
  return std::max<Index>(1, static_cast<Index>(fraction * static_cast<double>(n_features)));
}

namespace detail {

CartCriterion regression_criterion(TreeRegressionCriterion criterion) {
  switch (criterion) {
    case TreeRegressionCriterion::squared_error:
      return CartCriterion::squared_error;
    case TreeRegressionCriterion::friedman_mse:
      return CartCriterion::friedman_mse;
    case TreeRegressionCriterion::absolute_error:
      return CartCriterion::absolute_error;
    case TreeRegressionCriterion::poisson:
      return CartCriterion::poisson;
  }
  return CartCriterion::squared_error;
}

void check_regression_target(TreeRegressionCriterion criterion, const Matrix& X, const Vector& y,
                             const std::string& estimator) {
  if (criterion == TreeRegressionCriterion::poisson) {
    if (arma::any(y < 0))
      throw DataError(estimator +
                      ": the poisson criterion needs y >= 0, but y holds negative values");
    if (!(arma::accu(y) > 0))
      throw DataError(estimator + ": the poisson criterion needs a positive sum of y");
  }
  if (criterion == TreeRegressionCriterion::absolute_error && X.has_nan())
    throw InvalidParameter("criterion",
                           "absolute_error does not take missing values (NaN in X), as in "
                           "scikit-learn");
}

ClassTarget class_target(const Labels& y, const Vector* sample_weight,
                         const ClassWeight& class_weight, const std::string& estimator) {
  ClassTarget t;
  t.classes = arma::unique(y);  // sorted
  if (t.classes.n_elem < 2)
    throw DataError(estimator + " needs at least two classes, but the target has only one (" +
                    std::to_string(t.classes(0)) + ")");
  t.index.set_size(y.n_elem);
  t.y.set_size(y.n_elem);
  for (Index i = 0; i < y.n_elem; ++i) {
    t.index(i) = static_cast<Index>(std::lower_bound(t.classes.begin(), t.classes.end(), y(i)) -
                                    t.classes.begin());
    t.y(i) = static_cast<double>(t.index(i));
  }
  if (sample_weight != nullptr) t.weights = *sample_weight;
  if (!class_weight.is_none()) {
    const Vector per_class = class_weight.per_class(t.classes, t.index);
    if (t.weights.is_empty()) t.weights.ones(y.n_elem);
    for (Index i = 0; i < y.n_elem; ++i) t.weights(i) *= per_class(t.index(i));
  }
  if (!t.weights.is_empty() && !(arma::accu(t.weights) > 0))
    throw DataError(estimator + ": the sample weights (times the class weights) sum to zero");
  return t;
}

FittedTree fit_cart(const Matrix& X, const Vector& y, Index n_classes, const Vector& weights,
                    const CartOptions& options, std::uint64_t seed, double ccp_alpha,
                    const std::vector<std::uint8_t>& categorical) {
  // Feature-major float32, as the builder reads it (Armadillo is column-major already).
  const arma::fmat X32 = arma::conv_to<arma::fmat>::from(X);
  CartInput input;
  input.X = X32.memptr();
  input.n_rows = X.n_rows;
  input.n_features = X.n_cols;
  input.y = y.memptr();
  input.n_classes = n_classes;
  input.sample_weight = weights.is_empty() ? nullptr : weights.memptr();
  input.categorical = categorical;
  std::vector<Index> rows(X.n_rows);
  std::iota(rows.begin(), rows.end(), Index{0});
  FittedTree fitted;
  fitted.tree = build_cart(input, rows, options, sklearn_rand_r_seed(seed));
  if (ccp_alpha > 0.0) fitted.tree = prune_cost_complexity(fitted.tree, ccp_alpha);
  fitted.feature_importances = impurity_importances(fitted.tree, X.n_cols);
  fitted.predictor = std::make_shared<const ForestPredictor>(std::vector<Tree>{fitted.tree});
  return fitted;
}

std::vector<std::uint8_t> categorical_mask(const std::vector<std::int64_t>& indices,
                                           const Matrix& X) {
  if (indices.empty()) return {};
  std::vector<std::uint8_t> mask(X.n_cols, 0);
  for (const std::int64_t j : indices) {
    if (j < 0 || static_cast<Index>(j) >= X.n_cols)
      throw InvalidParameter("categorical_features", "column " + std::to_string(j) +
                                                         " is not among the " +
                                                         std::to_string(X.n_cols) + " features");
    mask[static_cast<Index>(j)] = 1;
    for (Index i = 0; i < X.n_rows; ++i) {
      const double v = X(i, static_cast<Index>(j));
      if (std::isnan(v)) continue;
      if (!(v >= 0 && v <= 255 && v == std::floor(v)))
        throw DataError("categorical column " + std::to_string(j) + " holds " + format_double(v) +
                        " at row " + std::to_string(i + 1) +
                        ": categories must be integer codes 0..255 (at most 256 categories, "
                        "as max_bins)");
    }
  }
  return mask;
}

std::vector<std::uint8_t> categorical_mask(const std::vector<std::string>& features,
                                           const Matrix& X,
                                           const std::vector<std::string>& feature_names) {
  if (features.empty()) return {};
  const std::vector<std::uint8_t> mask = named_columns_mask(features, X.n_cols, feature_names);
  std::vector<std::int64_t> indices;
  for (Index f = 0; f < mask.size(); ++f)
    if (mask[f]) indices.push_back(static_cast<std::int64_t>(f));
  return categorical_mask(indices, X);  // checks the codes
}

Matrix as_float32_values(const Matrix& X) {
  check_no_infinity(X, "X");
  return arma::conv_to<Matrix>::from(arma::conv_to<arma::fmat>::from(X));
}

arma::uvec leaves_of(const FittedTree& fitted, const Matrix& X) {
  arma::uvec leaves(X.n_rows);
  fitted.predictor->apply_into(X, leaves.memptr());
  return leaves;
}

void describe_tree(std::ostream& out, const FittedTree& fitted,
                   const std::vector<std::string>& feature_names) {
  const Tree& t = fitted.tree;
  out << "depth " << t.max_depth() << ", " << t.n_leaves() << " leaves, " << t.node_count()
      << " nodes\n";
  describe_importances(out, fitted.feature_importances, feature_names);
}

void describe_importances(std::ostream& out, const Vector& importances,
                          const std::vector<std::string>& feature_names) {
  std::vector<Index> order(importances.n_elem);
  std::iota(order.begin(), order.end(), Index{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](Index a, Index b) { return importances(a) > importances(b); });
  std::size_t width = 7;
  auto name = [&](Index j) {
    return j < feature_names.size() ? feature_names[j] : "x" + std::to_string(j);
  };
  for (const Index j : order) width = std::max(width, name(j).size());
  out << "feature importances (mean decrease in impurity):\n";
  out << "  " << std::left << std::setw(static_cast<int>(width)) << "feature"
      << "  importance\n";
  for (const Index j : order)
    out << "  " << std::left << std::setw(static_cast<int>(width)) << name(j) << "  "
        << format_double(importances(j)) << "\n";
}

void check_loaded_tree(FittedTree& fitted, Index n_features, Index value_width) {
  fitted.tree.check(n_features, value_width);
  for (Index node = 0; node < fitted.tree.node_count(); ++node)
    if (!std::isfinite(fitted.tree.weighted_n_node_samples[node]))
      throw FormatProblem("tree node " + std::to_string(node) + " has a non-finite weight");
  fitted.feature_importances = impurity_importances(fitted.tree, n_features);
  fitted.predictor = std::make_shared<const ForestPredictor>(std::vector<Tree>{fitted.tree});
}

}  // namespace detail
}  // namespace fitkit
