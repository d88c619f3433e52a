#include "ensemble/hgb_boosting.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "core/helped_loop.hpp"
#include "ensemble/hgb_binning.hpp"
#include "ensemble/hgb_grower.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/progress.hpp"
#include "fitkit/model_selection/validation_split.hpp"

namespace fitkit::detail::hgb {
namespace {

// Serial cost of adding its leaf's value to one row's raw prediction, in row order, and the
// rows per task.
constexpr double kRawUpdateNanoseconds = 0.5;
constexpr Index kRawUpdateChunk = 16384;

// scikit-learn's early_stopping='auto' threshold.
constexpr Index kAutoEarlyStoppingSamples = 10000;

std::string feature_label(Index f, const std::vector<std::string>& names) {
  return names.size() > f ? "'" + names[f] + "'" : "at index " + std::to_string(f);
}

// The sorted categories of each categorical feature over all of X, checked as scikit-learn
// checks them (at most max_bins of them, codes below max_bins), and refused where they are
// not non-negative integers.
std::vector<std::vector<double>> known_categories(const Matrix& X,
                                                  const std::vector<std::uint8_t>& is_categorical,
                                                  int max_bins) {
  std::vector<std::vector<double>> known(X.n_cols);
  for (Index f = 0; f < X.n_cols; ++f) {
    if (!is_categorical[f]) continue;
    std::vector<double> values;
    values.reserve(X.n_rows);
    for (Index i = 0; i < X.n_rows; ++i)
      if (!std::isnan(X(i, f))) values.push_back(X(i, f));
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    const std::string feature = "categorical feature " + feature_label(f, {});
    if (values.size() > static_cast<std::size_t>(max_bins))
      throw DataError(feature + " has " + std::to_string(values.size()) +
                      " categories; at most max_bins = " + std::to_string(max_bins) +
                      " are supported");
    for (const double v : values) {
      if (v < 0)
        throw DataError(feature + " holds the negative value " + format_double(v) +
                        "; categories are codes 0.." + std::to_string(max_bins - 1));
      if (v != std::floor(v))
        throw DataError(feature + " holds the non-integer value " + format_double(v) +
                        "; categories are integer codes 0.." + std::to_string(max_bins - 1));
      if (v >= max_bins)
        throw DataError(
            feature + " holds the category " + format_double(v) +
            "; categories must be encoded with values < max_bins = " + std::to_string(max_bins));
    }
    known[f] = std::move(values);
  }
  return known;
}

// scikit-learn's _should_stop on scores (higher is better).
bool should_stop(const std::vector<double>& scores, int n_iter_no_change, double tol) {
  const std::size_t reference_position = static_cast<std::size_t>(n_iter_no_change) + 1;
  if (scores.size() < reference_position) return false;
  const double reference = scores[scores.size() - reference_position] + tol;
  for (std::size_t i = scores.size() - reference_position + 1; i < scores.size(); ++i)
    if (scores[i] > reference) return false;
  return true;
}

Vector rows_of(const Vector& v, const arma::uvec& rows) {
  return rows.is_empty() ? v : Vector(v.elem(rows));
}

// Each row's leaf value added to its raw prediction: each row's leaf first (two bytes a row, in
// cache, one row after another in partition order), then the raw predictions in row order,
// shared between the cores. Adding a leaf's value to its rows directly wrote the raw predictions
// in scattered order, several leaves to each cache line.
void add_leaf_values(const TreeGrower& grower, Index n, double* raw,
                     std::vector<std::uint16_t>& leaf_of_row) {
  const std::vector<int>& leaves = grower.leaves();
  if (leaves.size() > std::numeric_limits<std::uint16_t>::max()) {
    for (const int leaf : leaves) {
      const GrowerNode& node = grower.nodes()[leaf];
      const std::uint32_t* rows = grower.rows(node);
      for (Index i = 0; i < node.n_samples(); ++i) raw[rows[i]] += node.value;
    }
    return;
  }
  std::vector<double> values(leaves.size());
  leaf_of_row.resize(n);
  for (std::size_t l = 0; l < leaves.size(); ++l) {
    const GrowerNode& node = grower.nodes()[leaves[l]];
    values[l] = node.value;
    const std::uint32_t* rows = grower.rows(node);
    for (Index i = 0; i < node.n_samples(); ++i)
      leaf_of_row[rows[i]] = static_cast<std::uint16_t>(l);
  }
  const Index chunks = (n + kRawUpdateChunk - 1) / kRawUpdateChunk;
  helped_loop(chunks,
              threads_for_helped(kRawUpdateNanoseconds * static_cast<double>(n),
                                 static_cast<double>(chunks)),
              [&](Index c) {
                const Index end = std::min(n, (c + 1) * kRawUpdateChunk);
                for (Index i = c * kRawUpdateChunk; i < end; ++i) raw[i] += values[leaf_of_row[i]];
              });
}

}  // namespace

std::vector<std::int8_t> monotonic_constraints(const std::vector<int>& monotonic_cst,
                                               Index n_features,
                                               const std::vector<std::uint8_t>& is_categorical) {
  if (monotonic_cst.empty()) return {};
  if (monotonic_cst.size() != n_features)
    throw InvalidParameter("monotonic_cst", "has " + std::to_string(monotonic_cst.size()) +
                                                " values, expected one per feature (" +
                                                std::to_string(n_features) + ")");
  std::vector<std::int8_t> out(n_features);
  for (Index f = 0; f < n_features; ++f) {
    const int c = monotonic_cst[f];
    if (c < -1 || c > 1)
      throw InvalidParameter("monotonic_cst",
                             "values must be -1, 0 or 1, got " + std::to_string(c));
    if (c != 0 && is_categorical[f])
      throw InvalidParameter("monotonic_cst", "categorical feature " + std::to_string(f) +
                                                  " cannot have a monotonic constraint");
    out[f] = static_cast<std::int8_t>(c);
  }
  return out;
}

HgbEnsemble boost(const Matrix& X, const Vector& y, const Vector* sample_weight,
                  const BoostingSettings& s) {
  const Index n = X.n_rows;
  const Loss& loss = s.loss;
  const Index K = loss.n_trees_per_iteration();
  const std::vector<std::vector<double>> known = known_categories(X, s.is_categorical, s.max_bins);

  HgbEnsemble model;
  model.n_trees_per_iteration = K;
  model.is_categorical = s.is_categorical;
  model.do_early_stopping = s.early_stopping == HgbEarlyStopping::automatic
                                ? n > kAutoEarlyStoppingSamples
                                : s.early_stopping == HgbEarlyStopping::yes;
  const bool use_validation = model.do_early_stopping && s.validation_fraction.has_value();

  // The validation split (stratified for classifiers), then the training and validation rows.
  arma::uvec train_rows, validation_rows;  // empty train_rows: all
  if (use_validation) {
    const bool classify = loss.kind == LossKind::binomial || loss.kind == LossKind::multinomial;
    const arma::uvec strata = classify ? arma::conv_to<arma::uvec>::from(y) : arma::uvec();
    const std::vector<unsigned char> held_out =
        validation_split(n, *s.validation_fraction, classify ? &strata : nullptr, s.seed);
    std::vector<arma::uword> train, validation;
    for (Index i = 0; i < n; ++i) (held_out[i] ? validation : train).push_back(i);
    train_rows = arma::uvec(train);
    validation_rows = arma::uvec(validation);
  }
  const BinMapper mapper =
      fit_bin_mapper(X, train_rows, s.max_bins, s.is_categorical, known, s.seed);
  const BinnedData binned = bin_data(mapper, X, train_rows);
  BinnedData binned_validation;
  if (use_validation) binned_validation = bin_data(mapper, X, validation_rows);
  const Vector y_train = rows_of(y, train_rows);
  const Vector y_validation = use_validation ? Vector(y.elem(validation_rows)) : Vector();
  Vector w_train, w_validation;
  if (sample_weight != nullptr) {
    w_train = rows_of(*sample_weight, train_rows);
    if (use_validation) w_validation = sample_weight->elem(validation_rows);
  }
  const Vector* w = sample_weight != nullptr ? &w_train : nullptr;
  const Vector* w_val = sample_weight != nullptr ? &w_validation : nullptr;
  const Index n_train = binned.n_rows;

  GrowerOptions grower;
  grower.max_leaf_nodes = s.max_leaf_nodes;
  grower.max_depth = s.max_depth;
  grower.shrinkage = s.learning_rate;
  SplitterOptions& splitter = grower.splitter;
  splitter.mapper = &mapper;
  splitter.has_missing_values.assign(X.n_cols, 0);
  for (Index f = 0; f < X.n_cols; ++f) {
    const Bin* column = binned.column(f);
    splitter.has_missing_values[f] =
        std::find(column, column + n_train, mapper.missing_bin()) != column + n_train;
  }
  splitter.monotonic_cst = s.monotonic_cst;
  splitter.l2_regularization = s.l2_regularization;
  splitter.min_samples_leaf = static_cast<std::uint32_t>(s.min_samples_leaf);
  splitter.hessians_are_constant = loss.constant_hessian(w != nullptr);

  model.baseline = loss.baseline(y_train, w);
  Matrix raw(n_train, K);
  raw.each_row() = model.baseline.t();
  Matrix raw_validation;
  if (use_validation) {
    raw_validation.set_size(binned_validation.n_rows, K);
    raw_validation.each_row() = model.baseline.t();
  }
  // scikit-learn's _check_early_stopping_loss: the scores, then whether to stop.
  const auto score_and_check = [&] {
    model.train_score.push_back(-loss.mean_loss(y_train, raw, w));
    if (!use_validation) return should_stop(model.train_score, s.n_iter_no_change, s.tol);
    model.validation_score.push_back(-loss.mean_loss(y_validation, raw_validation, w_val));
    return should_stop(model.validation_score, s.n_iter_no_change, s.tol);
  };
  if (model.do_early_stopping) score_and_check();

  GrowerWorkspace workspace;
  std::vector<GradientPair> pairs;
  std::vector<double> residuals, leaf_weights;
  std::vector<std::uint16_t> leaf_of_row;
  Progress progress(s.estimator, static_cast<std::size_t>(s.max_iter));
  for (int iteration = 0; iteration < s.max_iter; ++iteration) {
    loss.gradients(y_train, raw, w, pairs);
    for (Index k = 0; k < K; ++k) {
      TreeGrower tree_grower(binned, pairs.data() + k * n_train, grower, workspace);
      tree_grower.grow();
      if (loss.updates_leaf_values()) {
        // The leaf's best constant of the residuals replaces the Newton step (scikit-learn's
        // _update_leaves_values; the l2 penalty does not apply).
        for (const int leaf : tree_grower.leaves()) {
          const GrowerNode& node = tree_grower.nodes()[leaf];
          const std::uint32_t* rows = tree_grower.rows(node);
          residuals.resize(node.n_samples());
          leaf_weights.resize(node.n_samples());
          for (Index i = 0; i < node.n_samples(); ++i) {
            residuals[i] = y_train(rows[i]) - raw(rows[i], k);
            if (w != nullptr) leaf_weights[i] = (*w)(rows[i]);
          }
          tree_grower.set_leaf_value(
              leaf,
              s.learning_rate * loss.leaf_value(residuals, w != nullptr ? &leaf_weights : nullptr));
        }
      }
      add_leaf_values(tree_grower, n_train, raw.colptr(k), leaf_of_row);
      Tree tree;
      BinnedTree binned_tree;
      tree_grower.make_trees(mapper, w != nullptr ? w->memptr() : nullptr, tree, binned_tree);
      if (use_validation) {
        double* raw_val_k = raw_validation.colptr(k);
        for (Index i = 0; i < binned_validation.n_rows; ++i)
          raw_val_k[i] += binned_tree.predict(binned_validation, i, mapper.missing_bin());
      }
      model.trees.push_back(std::move(tree));
    }
    progress.update(static_cast<std::size_t>(iteration + 1));
    if (model.do_early_stopping && score_and_check()) break;
  }
  progress.finish();
  model.n_iter = static_cast<Index>(model.trees.size()) / K;
  return model;
}

}  // namespace fitkit::detail::hgb
