// The pair-counting metrics: the Rand index, adjusted or not, from the contingency table.

#include "clustering_common.hpp"
#include "fitkit/metrics/clustering.hpp"

namespace fitkit {
namespace {

// scikit-learn's pair_confusion_matrix, counting ordered pairs of distinct samples: together in
// both labelings (tp), apart in both (tn), or together in one only (fp: in labels_pred, fn: in
// labels_true). Exact: the products the adjusted index takes need 128 bits past 3e9 pairs.
struct PairCounts {
  __int128 tn = 0, fp = 0, fn = 0, tp = 0;
};

PairCounts pair_counts(const detail::Contingency& table) {
  __int128 cells = 0, rows = 0, cols = 0;
  for (const auto& cell : table.cells) cells += static_cast<__int128>(cell.count) * cell.count;
  for (const auto a : table.row_sums) rows += static_cast<__int128>(a) * a;
  for (const auto b : table.col_sums) cols += static_cast<__int128>(b) * b;
  const __int128 n = table.n_samples;
  PairCounts c;
  c.tp = cells - n;
  c.fp = cols - cells;
  c.fn = rows - cells;
  c.tn = n * n - c.fp - c.fn - cells;
  return c;
}

}  // namespace

arma::Mat<std::int64_t> contingency_matrix(const Labels& labels_true, const Labels& labels_pred) {
  const auto table = detail::contingency_table(labels_true, labels_pred, "contingency_matrix");
  arma::Mat<std::int64_t> m(table.row_sums.size(), table.col_sums.size(), arma::fill::zeros);
  for (const auto& cell : table.cells) m(cell.row, cell.col) = cell.count;
  return m;
}

double rand_score(const Labels& labels_true, const Labels& labels_pred) {
  const auto c = pair_counts(detail::contingency_table(labels_true, labels_pred, "rand_score"));
  const __int128 agree = c.tn + c.tp, all = c.tn + c.tp + c.fn + c.fp;
  // Every pair agreeing (one cluster in both, all singletons in both, one sample): 1.0.
  if (agree == all || all == 0) return 1.0;
  return static_cast<double>(agree) / static_cast<double>(all);
}

double adjusted_rand_score(const Labels& labels_true, const Labels& labels_pred) {
  const auto c =
      pair_counts(detail::contingency_table(labels_true, labels_pred, "adjusted_rand_score"));
  if (c.fn == 0 && c.fp == 0) return 1.0;  // the same partition, including the degenerate ones
  const __int128 numerator = c.tp * c.tn - c.fn * c.fp;
  const __int128 denominator = (c.tp + c.fn) * (c.fn + c.tn) + (c.tp + c.fp) * (c.fp + c.tn);
  // Each exact integer rounded once, as scikit-learn's Python integers.
  return 2.0 * static_cast<double>(numerator) / static_cast<double>(denominator);
}

}  // namespace fitkit
