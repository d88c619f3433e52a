#include "ensemble/forest_fit.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <numeric>
#include <ostream>

#include "core/format_problem.hpp"
#include "core/parallel.hpp"
#include "ensemble/compact_tree.hpp"
#include "ensemble/hgb_binning.hpp"
#include "core/numpy_random_state.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/progress.hpp"
#include "fitkit/core/warnings.hpp"
#include "fitkit/tree/tree_shap.hpp"
#include "tree/binned_cart.hpp"
#include "tree/decision_tree_common.hpp"
#include "tree/forest_predictor.hpp"

namespace fitkit::detail {
namespace {

// Rows whose leaves in every tree are found at once for the out-of-bag predictions.
constexpr Index kOutOfBagBlock = 4096;

// The rows of a tree's bootstrap: how many times each row was drawn.
std::vector<std::uint32_t> bootstrap_counts(std::uint32_t tree_seed, Index n_samples,
                                            Index n_draws) {
  NumpyRandomState draws(tree_seed);
  std::vector<std::uint32_t> counts(n_samples, 0);
  for (Index d = 0; d < n_draws; ++d)
    ++counts[static_cast<Index>(draws.randint(0, static_cast<std::int64_t>(n_samples)))];
  return counts;
}

// scikit-learn's compute_sample_weight("balanced", y, indices=bootstrap): n_drawn / (classes
// drawn * draws of the class) for the classes drawn, 0 for the others.
Vector balanced_subsample_weights(const Vector& y, Index n_classes,
                                  const std::vector<std::uint32_t>& counts) {
  std::vector<double> drawn(n_classes, 0.0);
  double n_drawn = 0;
  for (Index i = 0; i < y.n_elem; ++i) {
    drawn[static_cast<Index>(y(i))] += counts[i];
    n_drawn += counts[i];
  }
  const auto present = static_cast<double>(
      std::count_if(drawn.begin(), drawn.end(), [](double c) { return c > 0; }));
  Vector w(y.n_elem);
  for (Index i = 0; i < y.n_elem; ++i) {
    const double c = drawn[static_cast<Index>(y(i))];
    w(i) = c > 0 ? n_drawn / (present * c) : 0.0;
  }
  return w;
}

bool uses_binned_cart(const ForestSettings& s) {
  return s.max_bins.has_value() && !s.tree.random_splitter &&
         s.tree.criterion != CartCriterion::absolute_error;
}

// The data every tree of a forest reads: X as float32 (as scikit-learn's trees read it), and
// for binned CART its bins.
struct ForestData {
  arma::fmat X32;
  hgb::BinMapper mapper;
  hgb::BinnedData bins;
};

ForestData prepare_data(const ForestProblem& problem, const ForestSettings& s) {
  ForestData data;
  data.X32 = arma::conv_to<arma::fmat>::from(*problem.X);
  if (!uses_binned_cart(s)) return data;
  const Matrix rounded = arma::conv_to<Matrix>::from(data.X32);
  std::vector<std::uint8_t> categorical = problem.categorical;
  if (categorical.empty()) categorical.assign(rounded.n_cols, 0);
  std::vector<std::vector<double>> known(rounded.n_cols);
  for (Index f = 0; f < rounded.n_cols; ++f) {
    if (!categorical[f]) continue;
    std::vector<double> codes;
    for (Index i = 0; i < rounded.n_rows; ++i)
      if (!std::isnan(rounded(i, f))) codes.push_back(rounded(i, f));
    std::sort(codes.begin(), codes.end());
    codes.erase(std::unique(codes.begin(), codes.end()), codes.end());
    if (codes.size() > static_cast<std::size_t>(*s.max_bins))
      throw DataError("categorical feature " + std::to_string(f) + " has " +
                      std::to_string(codes.size()) +
                      " categories, more than max_bins = " + std::to_string(*s.max_bins));
    known[f] = std::move(codes);
  }
  data.mapper = hgb::fit_bin_mapper(rounded, {}, *s.max_bins, categorical, known, s.seed);
  data.bins = hgb::bin_data(data.mapper, rounded, {});
  return data;
}

Tree grow_tree(const ForestProblem& problem, const ForestSettings& s, const ForestData& data,
               std::uint32_t tree_seed) {
  const Index n = problem.X->n_rows;
  Vector weights =
      problem.sample_weight.is_empty() ? Vector(n, arma::fill::ones) : problem.sample_weight;
  if (s.bootstrap) {
    const std::vector<std::uint32_t> counts = bootstrap_counts(tree_seed, n, s.n_samples_bootstrap);
    for (Index i = 0; i < n; ++i) weights(i) *= counts[i];
    if (problem.balanced_subsample)
      weights %= balanced_subsample_weights(problem.y, problem.n_classes, counts);
  }
  CartOptions options = s.tree;
  options.min_weight_leaf = s.min_weight_fraction_leaf * arma::accu(weights);
  std::vector<Index> rows(n);
  std::iota(rows.begin(), rows.end(), Index{0});
  const std::uint32_t rand_r_state = sklearn_rand_r_seed(tree_seed);
  if (uses_binned_cart(s)) {
    BinnedCartInput in{&data.bins, &data.mapper, problem.y.memptr(), problem.n_classes,
                       weights.memptr()};
    return build_binned_cart(in, rows, options, rand_r_state);
  }
  CartInput in;
  in.X = data.X32.memptr();
  in.n_rows = n;
  in.n_features = problem.X->n_cols;
  in.y = problem.y.memptr();
  in.n_classes = problem.n_classes;
  in.sample_weight = weights.memptr();
  in.categorical = problem.categorical;
  return build_cart(in, rows, options, rand_r_state);
}

// Runs body(t) for every tree on the threads the work is worth, rethrowing the first
// exception after the region (none may leave an OpenMP region).
template <class Body>
void for_each_tree(Index n_trees, double nanoseconds_per_tree, Body&& body) {
  const int threads = threads_for(nanoseconds_per_tree * static_cast<double>(n_trees),
                                  static_cast<double>(n_trees));
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (Index t = 0; t < n_trees; ++t) {
    if (failed.load()) continue;
    try {
      body(t);
    } catch (...) {
#pragma omp critical(fitkit_forest_failure)
      if (!failure) failure = std::current_exception();
      failed = true;
    }
  }
  if (failure) std::rethrow_exception(failure);
}

double nanoseconds_per_tree(const ForestProblem& problem, const ForestSettings& s) {
  const double n = static_cast<double>(problem.X->n_rows);
  const double sort = uses_binned_cart(s) || s.tree.random_splitter ? 1.0 : std::log2(n + 2);
  return 5.0 * n * sort * static_cast<double>(s.tree.max_features) * std::log2(n + 2);
}

void compute_oob(const ForestProblem& problem, const ForestSettings& s,
                 const std::vector<std::uint32_t>& tree_seeds, FittedForest& forest) {
  const Index n = problem.X->n_rows, n_trees = forest.trees.size();
  const Index width = forest.trees.front().value.n_cols;
  std::vector<std::vector<std::uint8_t>> out_of_bag(n_trees);
  for_each_tree(n_trees, 10.0 * static_cast<double>(s.n_samples_bootstrap), [&](Index t) {
    const std::vector<std::uint32_t> counts =
        bootstrap_counts(tree_seeds[t], n, s.n_samples_bootstrap);
    out_of_bag[t].resize(n);
    for (Index i = 0; i < n; ++i) out_of_bag[t][i] = counts[i] == 0 ? 1 : 0;
  });
  Matrix sums(n, width, arma::fill::zeros);
  arma::uvec n_predictions(n, arma::fill::zeros);
  // Through the forest's predictor, a block of rows at a time (its leaves in every tree), the
  // sums of each row in tree order.
  for (Index begin = 0; begin < n; begin += kOutOfBagBlock) {
    const Index end = std::min(n, begin + kOutOfBagBlock);
    const arma::umat leaves = forest.predictor->apply(problem.X->rows(begin, end - 1));
    for (Index t = 0; t < n_trees; ++t)
      for (Index i = begin; i < end; ++i) {
        if (!out_of_bag[t][i]) continue;
        sums.row(i) += forest.trees[t].value.row(leaves(i - begin, t));
        ++n_predictions(i);
      }
  }
  if (arma::any(n_predictions == 0))
    warn(WarningKind::runtime,
         s.estimator +
             ": some rows were drawn by every tree's bootstrap and have no "
             "out-of-bag prediction (0 there); grow more trees for a reliable oob_score");
  for (Index i = 0; i < n; ++i)
    sums.row(i) /= static_cast<double>(std::max<Index>(1, n_predictions(i)));
  forest.oob_prediction = std::move(sums);
  if (problem.n_classes > 0) {
    Index correct = 0;
    for (Index i = 0; i < n; ++i)
      correct += forest.oob_prediction.row(i).index_max() == static_cast<Index>(problem.y(i));
    forest.oob_score = static_cast<double>(correct) / static_cast<double>(n);
  } else {
    const Vector prediction = forest.oob_prediction.col(0);
    const double mean = arma::mean(problem.y);
    const double residual = arma::accu(arma::square(problem.y - prediction));
    const double total = arma::accu(arma::square(problem.y - mean));
    forest.oob_score = total > 0 ? 1.0 - residual / total : (residual == 0 ? 1.0 : 0.0);
  }
}

}  // namespace

Index n_samples_bootstrap(const MaxSamples& max_samples, Index n_samples) {
  if (max_samples.is_keyword()) return n_samples;
  if (max_samples.holds<std::int64_t>()) {
    const std::int64_t count = max_samples.get<std::int64_t>();
    if (count < 1 || static_cast<Index>(count) > n_samples)
      throw InvalidParameter("max_samples", "must be a count in 1.." + std::to_string(n_samples) +
                                                " (the number of samples), found " +
                                                std::to_string(count));
    return static_cast<Index>(count);
  }
  const double fraction = max_samples.get<double>();
  if (!(fraction > 0.0 && fraction <= 1.0))
    throw InvalidParameter("max_samples",
                           "as a fraction must be in (0, 1], found " + format_double(fraction));
  // Python's round: halves to even, as nearbyint in the default rounding mode.
  return std::max<Index>(1, static_cast<Index>(std::nearbyint(fraction * n_samples)));
}

FittedForest grow_forest(const ForestProblem& problem, const ForestSettings& s) {
  const Index n_features = problem.X->n_cols;
  NumpyRandomState seeds(static_cast<std::uint32_t>(s.seed & 0xFFFFFFFFu));
  std::vector<std::uint32_t> tree_seeds(s.n_estimators);
  for (auto& seed : tree_seeds) seed = static_cast<std::uint32_t>(seeds.randint(0, kNumpyInt32Max));

  const ForestData data = prepare_data(problem, s);
  FittedForest forest;
  forest.trees.resize(s.n_estimators);
  std::vector<Vector> importances(s.n_estimators);
  Progress progress(s.estimator, s.n_estimators);
  std::atomic<std::size_t> done{0};
  for_each_tree(s.n_estimators, nanoseconds_per_tree(problem, s), [&](Index t) {
    Tree grown = grow_tree(problem, s, data, tree_seeds[t]);
    if (s.ccp_alpha > 0) grown = prune_cost_complexity(grown, s.ccp_alpha);
    if (grown.node_count() > 1) importances[t] = impurity_importances(grown, n_features);
    const Index width = grown.value.n_cols;
    forest.trees[t] = expand_tree(compact_tree(grown), width, n_features);
    const std::size_t finished = ++done;
#pragma omp critical(fitkit_forest_progress)
    progress.update(finished);
  });
  progress.finish();

  // scikit-learn's feature_importances_: the mean over trees that split, normalised.
  forest.feature_importances.zeros(n_features);
  Index n_split = 0;
  for (const Vector& v : importances)
    if (!v.is_empty()) {
      forest.feature_importances += v;
      ++n_split;
    }
  if (n_split > 0) {
    forest.feature_importances /= static_cast<double>(n_split);
    const double total = arma::accu(forest.feature_importances);
    if (total > 0) forest.feature_importances /= total;
  }
  forest.predictor = std::make_shared<const ForestPredictor>(forest.trees);
  if (s.oob_score) compute_oob(problem, s, tree_seeds, forest);
  return forest;
}

Matrix forest_mean_value(const FittedForest& forest, const Matrix& X) {
  return forest.predictor->mean_value(X);
}

arma::umat forest_apply(const FittedForest& forest, const Matrix& X) {
  return forest.predictor->apply(X);
}

Matrix forest_contributions(const std::vector<Tree>& trees, const Matrix& X) {
  std::vector<const Tree*> pointers;
  for (const Tree& t : trees) pointers.push_back(&t);
  return tree_contributions(
      pointers, std::vector<double>(trees.size(), 1.0 / static_cast<double>(trees.size())),
      as_float32_values(X));
}

void describe_forest(std::ostream& out, const FittedForest& forest,
                     const std::vector<std::string>& feature_names) {
  Index shallowest = 0, deepest = 0, leaves = 0;
  for (Index t = 0; t < forest.trees.size(); ++t) {
    const Index depth = forest.trees[t].max_depth();
    shallowest = t == 0 ? depth : std::min(shallowest, depth);
    deepest = std::max(deepest, depth);
    leaves += forest.trees[t].n_leaves();
  }
  out << forest.trees.size() << " trees, depth " << shallowest << " to " << deepest << ", "
      << format_double(static_cast<double>(leaves) / static_cast<double>(forest.trees.size()))
      << " leaves on average\n";
  if (forest.oob_score) out << "out-of-bag score: " << format_double(*forest.oob_score) << "\n";
  describe_importances(out, forest.feature_importances, feature_names);
}

}  // namespace fitkit::detail
