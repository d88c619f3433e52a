#pragma once
// What the clustering metrics share (src/metrics/clustering_*.cpp): labels numbered, a
// clustering of X checked; for the label-comparison metrics, the contingency table of two
// labelings as its non-zero cells, entropies and the mutual information.

#include <cstdint>
#include <string_view>
#include <vector>

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

// Labels numbered 0..n_classes-1 in the order of their sorted distinct values (scikit-learn's
// np.unique(..., return_inverse=True)), with the number of samples of each.
struct EncodedLabels {
  std::vector<Index> index;          // one per sample
  std::vector<std::int64_t> counts;  // one per distinct value
};
EncodedLabels encode_labels(const Labels& labels);

// A clustering of X checked for the metrics that score one (silhouette, Calinski-Harabasz,
// Davies-Bouldin; the messages name `metric`): X has rows and columns and is finite, labels has
// one entry per row and takes between 2 and n_samples - 1 distinct values. Returns them
// numbered.
EncodedLabels checked_clustering(const Matrix& X, const Labels& labels, std::string_view metric);

// The non-zero cells of the contingency table, row by row and in column order within a row,
// and the margins: rows are the classes of labels_true, columns the clusters of labels_pred.
struct Contingency {
  struct Cell {
    Index row, col;
    std::int64_t count;
  };
  std::int64_t n_samples = 0;
  std::vector<Cell> cells;
  std::vector<std::int64_t> row_sums;  // class sizes
  std::vector<std::int64_t> col_sums;  // cluster sizes
};

// Checks the two labelings (same length, not empty; the messages name `metric`) and counts.
Contingency contingency_table(const Labels& labels_true, const Labels& labels_pred,
                              std::string_view metric);

// -sum p log p over the sizes (0 for one cluster).
double entropy(const std::vector<std::int64_t>& sizes);

// Mutual information of the table in nats, as scikit-learn's mutual_info_score: 0 when either
// labeling is one cluster, terms below machine epsilon dropped, never negative.
double mutual_information(const Contingency& table);

}  // namespace fitkit::detail
