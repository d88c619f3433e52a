#pragma once
// A kd-tree over the rows of a matrix, for the neighbour searches of kNN, NearestNeighbors and
// DBSCAN: k-nearest and radius queries under the metrics of distance_metric.hpp. Built once,
// as scikit-learn's KDTree (median splits, leaves of leaf_size to 2 leaf_size points), its
// points stored samples-contiguous; queries are const and may run from several threads at once.
//
//   fitkit::KDTree tree(X, {.metric = fitkit::DistanceMetric::euclidean});
//   tree.query(Q, 5, indices, distances);            // 5 nearest rows of X for each row of Q
//   tree.for_each_within(q, 0.5, [&](Index i, double d) { ... });   // no neighbour lists kept
//
// Interface agreed for issue 9; implemented in src/neighbors/kd_tree.cpp.

#include <cstdint>
#include <functional>
#include <memory>

#include "fitkit/core/types.hpp"
#include "fitkit/neighbors/distance_metric.hpp"

namespace fitkit {

struct KDTreeOptions {
  DistanceMetric metric = DistanceMetric::euclidean;
  double p = 2.0;        // minkowski's power (>= 1)
  Index leaf_size = 40;  // scikit-learn's default
};

class KDTree {
 public:
  // X: n_samples x n_features (rows are the points); copied, so X may go away after.
  explicit KDTree(const Matrix& X, KDTreeOptions options = {});

  Index n_samples() const;
  Index n_features() const;
  const KDTreeOptions& options() const;

  // The k nearest points of every row of Q: indices (rows of X) and distances, each
  // n_queries x k, nearest first; equal distances in the order scikit-learn's KDTree.query
  // gives them (and, at the k-th distance, the same rows kept). Both cores.
  void query(const Matrix& Q, Index k, arma::Mat<arma::uword>& indices, Matrix& distances) const;

  // Calls visit(i, distance) for every point i of X with distance(q, x_i) <= radius (as
  // scikit-learn's radius_neighbors, boundary included), in the order scikit-learn's
  // query_radius meets them (sorted by distance, its sort gives its order). q points to
  // n_features() doubles. Keeps nothing, so memory does not grow with the neighbour count.
  void for_each_within(const double* q, double radius,
                       const std::function<void(Index, double)>& visit) const;
  // How many points lie within radius of q (boundary included); stops counting at `stop_at`
  // when it is > 0 (DBSCAN needs only to know whether min_samples is reached).
  Index count_within(const double* q, double radius, Index stop_at = 0) const;

 private:
  struct Impl;
  std::shared_ptr<const Impl> impl_;
};

}  // namespace fitkit
