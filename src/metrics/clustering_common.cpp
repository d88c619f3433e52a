#include "clustering_common.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"

namespace fitkit::detail {

EncodedLabels encode_labels(const Labels& labels) {
  std::vector<std::int64_t> values(labels.begin(), labels.end());
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  EncodedLabels out;
  out.index.resize(labels.n_elem);
  out.counts.assign(values.size(), 0);
  for (Index i = 0; i < labels.n_elem; ++i) {
    const auto k = static_cast<Index>(std::lower_bound(values.begin(), values.end(), labels(i)) -
                                      values.begin());
    out.index[i] = k;
    ++out.counts[k];
  }
  return out;
}

EncodedLabels checked_clustering(const Matrix& X, const Labels& labels, std::string_view metric) {
  const std::string name(metric);
  if (X.n_rows == 0) throw DataError(name + ": X has no rows");
  if (X.n_cols == 0) throw DataError(name + ": X has no feature columns");
  if (labels.n_elem != X.n_rows)
    throw DimensionMismatch(name + ": X has " + std::to_string(X.n_rows) + " rows but labels has " +
                            std::to_string(labels.n_elem) + " entries");
  check_finite(X, "X");
  EncodedLabels out = encode_labels(labels);
  const Index n_labels = out.counts.size();
  if (n_labels < 2 || n_labels >= X.n_rows)
    throw DataError(name + ": Number of labels is " + std::to_string(n_labels) +
                    ". Valid values are 2 to n_samples - 1 (inclusive), and there are " +
                    std::to_string(X.n_rows) + " samples");
  return out;
}

Contingency contingency_table(const Labels& labels_true, const Labels& labels_pred,
                              std::string_view metric) {
  const std::string name(metric);
  if (labels_true.n_elem != labels_pred.n_elem)
    throw DimensionMismatch(name + ": labels_true has " + std::to_string(labels_true.n_elem) +
                            " entries but labels_pred has " + std::to_string(labels_pred.n_elem));
  if (labels_true.is_empty()) throw DataError(name + ": the labelings are empty");
  const EncodedLabels rows = encode_labels(labels_true), cols = encode_labels(labels_pred);
  Contingency table;
  table.n_samples = static_cast<std::int64_t>(labels_true.n_elem);
  table.row_sums = rows.counts;
  table.col_sums = cols.counts;
  const Index n = labels_true.n_elem, n_rows = rows.counts.size(), n_cols = cols.counts.size();
  // A dense count when the table is not much larger than the data (the usual case: few
  // clusters); otherwise the cells' codes sorted, in memory that grows with n alone.
  if (n_rows <= (4 * n + 4096) / n_cols) {
    std::vector<std::int64_t> counts(n_rows * n_cols, 0);
    for (Index i = 0; i < n; ++i) ++counts[rows.index[i] * n_cols + cols.index[i]];
    for (Index code = 0; code < counts.size(); ++code)
      if (counts[code] != 0) table.cells.push_back({code / n_cols, code % n_cols, counts[code]});
  } else {
    std::vector<std::uint64_t> codes(n);
    for (Index i = 0; i < n; ++i) codes[i] = rows.index[i] * n_cols + cols.index[i];
    std::sort(codes.begin(), codes.end());
    for (Index i = 0; i < n;) {
      Index j = i + 1;
      while (j < n && codes[j] == codes[i]) ++j;
      table.cells.push_back(
          {codes[i] / n_cols, codes[i] % n_cols, static_cast<std::int64_t>(j - i)});
      i = j;
    }
  }
  return table;
}

double entropy(const std::vector<std::int64_t>& sizes) {
  std::int64_t total = 0, nonzero = 0;
  for (const auto s : sizes) {
    total += s;
    nonzero += s > 0;
  }
  if (nonzero <= 1) return 0.0;
  const double n = static_cast<double>(total), log_n = std::log(n);
  double h = 0;
  for (const auto s : sizes)
    if (s > 0) h -= (static_cast<double>(s) / n) * (std::log(static_cast<double>(s)) - log_n);
  return h;
}

double mutual_information(const Contingency& table) {
  if (table.row_sums.size() == 1 || table.col_sums.size() == 1) return 0.0;
  const double n = static_cast<double>(table.n_samples), log_n = std::log(n);
  const double eps = std::numeric_limits<double>::epsilon();
  double mi = 0;
  for (const auto& cell : table.cells) {
    const double p = static_cast<double>(cell.count) / n;
    const double outer = static_cast<double>(table.row_sums[cell.row] * table.col_sums[cell.col]);
    // p log(n n_ij / (a_i b_j)), as scikit-learn splits it into logs of counts.
    const double term = p * (std::log(static_cast<double>(cell.count)) - log_n) +
                        p * (-std::log(outer) + log_n + log_n);
    if (std::abs(term) >= eps) mi += term;
  }
  return std::max(mi, 0.0);
}

}  // namespace fitkit::detail
