#include "ensemble/hgb_ensemble.hpp"

#include <ostream>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/tree/tree_shap.hpp"

namespace fitkit {

namespace {
// Serial cost of one row's walk down one tree.
constexpr double kTreeWalkNanoseconds = 20.0;
constexpr Index kRowBlock = 256;
}  // namespace

Matrix detail::HgbEnsemble::raw_predict(const Matrix& X) const {
  const Index n = X.n_rows;
  const Index K = n_trees_per_iteration;
  Matrix raw(n, K);
  raw.each_row() = baseline.t();
  const Index n_blocks = (n + kRowBlock - 1) / kRowBlock;
  const int threads = detail::threads_for(
      kTreeWalkNanoseconds * static_cast<double>(n) * static_cast<double>(trees.size()),
      static_cast<double>(n_blocks));
  // A block of rows walks one tree at a time (the tree stays in cache); each row's sum runs
  // in tree order whatever the thread count.
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (Index block = 0; block < n_blocks; ++block) {
    const Index begin = block * kRowBlock, end = std::min(n, begin + kRowBlock);
    for (std::size_t t = 0; t < trees.size(); ++t) {
      const Tree& tree = trees[t];
      double* column = raw.colptr(t % K);
      for (Index row = begin; row < end; ++row) column[row] += tree.value(tree.leaf_of(X, row), 0);
    }
  }
  return raw;
}

Matrix detail::HgbEnsemble::contributions(const Matrix& X) const {
  const Index K = n_trees_per_iteration, width = X.n_cols + 1;
  Matrix out(X.n_rows, K * width, arma::fill::zeros);
  for (Index k = 0; k < K; ++k) {
    std::vector<const Tree*> class_trees;
    for (std::size_t t = k; t < trees.size(); t += K) class_trees.push_back(&trees[t]);
    if (!class_trees.empty())
      out.cols(k * width, (k + 1) * width - 1) =
          tree_contributions(class_trees, std::vector<double>(class_trees.size(), 1.0), X, 0);
    out.col(k * width + width - 1) += baseline(k);
  }
  return out;
}

namespace detail::hgb {

void check_fit_input(const Matrix& X, const Vector& y, const Vector* sample_weight,
                     const std::string& estimator) {
  fitkit::check_fit_input(X, y, estimator, 1, MissingValues::allowed);
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);
}

void describe_ensemble(std::ostream& out, const HgbEnsemble& model,
                       const std::vector<std::string>& feature_names) {
  Index leaves = 0;
  for (const Tree& tree : model.trees) leaves += tree.n_leaves();
  out << model.n_iter << " iterations, " << model.trees.size() << " trees, " << leaves << " leaves";
  if (model.do_early_stopping) out << " (early stopping)";
  out << "\n";
  std::string categorical;
  for (std::size_t f = 0; f < model.is_categorical.size(); ++f)
    if (model.is_categorical[f])
      categorical += (categorical.empty() ? "" : ", ") +
                     (f < feature_names.size() ? feature_names[f] : "x" + std::to_string(f));
  if (!categorical.empty()) out << "categorical features: " << categorical << "\n";
  if (!model.train_score.empty())
    out << "final training score (-loss): " << format_double(model.train_score.back()) << "\n";
  if (!model.validation_score.empty())
    out << "final validation score (-loss): " << format_double(model.validation_score.back())
        << "\n";
}

}  // namespace detail::hgb
}  // namespace fitkit
