#pragma once
// The fitted neighbour search the kNN estimators share: the training points and either a
// kd-tree over them or brute force (the euclidean distances as blocked GEMMs through
// core/pairwise.hpp, the others by direct loops), queries on both cores.

#include <optional>
#include <vector>

#include "fitkit/core/types.hpp"
#include "fitkit/neighbors/kd_tree.hpp"
#include "fitkit/neighbors/neighbors_base.hpp"

namespace fitkit::detail {

struct NeighborSearchOptions {
  NeighborsAlgorithm algorithm = NeighborsAlgorithm::automatic;
  DistanceMetric metric = DistanceMetric::minkowski;
  double p = 2.0;
  Index leaf_size = 30;
  Index n_neighbors = 5;  // for the auto rule
};

// scikit-learn's rule for algorithm auto: brute force with more than 15 features or when
// n_neighbors is at least half the training rows, else the kd-tree.
NeighborsAlgorithm resolve_algorithm(const NeighborSearchOptions& options, Index n_samples,
                                     Index n_features);

class NeighborIndex {
 public:
  NeighborIndex(const Matrix& X, const NeighborSearchOptions& options);

  NeighborsAlgorithm method() const { return method_; }
  Index n_samples() const { return X_.n_rows; }

  // The k nearest training rows of every row of Q, nearest first, equal distances in
  // scikit-learn's order (its heap and sort, fed in its order: tree order, or row order).
  KNeighbors kneighbors(const Matrix& Q, Index k) const;
  // The same for the training rows themselves, each without itself (scikit-learn's
  // kneighbors(X=None): where duplicates push a row out of its own k + 1 nearest, the first
  // neighbour is dropped instead).
  KNeighbors kneighbors_of_fit(Index k) const;
  // Every training row within radius (boundary included), nearest first, equal distances in
  // scikit-learn's order.
  RadiusNeighbors radius_neighbors(const Matrix& Q, double radius) const;

 private:
  void brute_kneighbors(const Matrix& Q, Index k, KNeighbors& out) const;
  // Calls visit(query, j, reduced distance) for every training row j and every query of
  // the block [first, last), on the calling thread.
  template <class Visit>
  void brute_block(const Matrix& Q, const Vector& q_norms, Index first, Index last,
                   Visit&& visit) const;

  Matrix X_;
  NeighborSearchOptions options_;
  NeighborsAlgorithm method_ = NeighborsAlgorithm::kd_tree;
  std::optional<KDTree> tree_;
  // Brute force: the training rows in blocks (euclidean: with their squared norms), or
  // samples-contiguous (the other metrics).
  std::vector<Matrix> blocks_;
  std::vector<Vector> block_norms_;
  Matrix rows_;
};

}  // namespace fitkit::detail
