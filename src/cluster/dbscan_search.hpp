#pragma once
// DBSCAN's passes and the range searches under them (private to src/cluster/dbscan*.cpp).
//
// Distances are compared as scikit-learn's kd-tree compares them, in "reduced" form (the sum of
// squares against eps * eps for euclidean, the sum of |d|^p against eps^p for minkowski), each
// summed over the features in order: a pair at eps to the last bit is a neighbour or not exactly
// as in scikit-learn.

#include <cstdint>
#include <optional>

#include "fitkit/core/types.hpp"
#include "fitkit/neighbors/distance_metric.hpp"

namespace fitkit::detail {

enum class DbscanSearch { grid, kd_tree, brute };

struct DbscanSettings {
  double eps = 0.5;
  double min_samples = 5;
  DistanceMetric metric = DistanceMetric::euclidean;
  double p = 2.0;
  DbscanSearch search = DbscanSearch::grid;
  Index leaf_size = 30;
};

struct DbscanResult {
  Labels labels;            // per row, -1 for noise
  arma::uvec core_indices;  // increasing
};

// Whether a uniform grid can hold X (d <= 3 and a span of at most 2^24 cells a side).
bool grid_fits(const Matrix& X, const DbscanSettings& settings);

// The three passes (core samples, clusters of core samples, border points); sample_weight may
// be null. X is n x d, already checked.
DbscanResult run_dbscan(const Matrix& X, const Vector* sample_weight,
                        const DbscanSettings& settings);

// For each row of Q, the cluster (core_labels) of the nearest row of `cores` within eps (equal
// distances: the lower row), or -1.
Labels nearest_core_labels(const Matrix& cores, const Labels& core_labels, const Matrix& Q,
                           const DbscanSettings& settings);

}  // namespace fitkit::detail
