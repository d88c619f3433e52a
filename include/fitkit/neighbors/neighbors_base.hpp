#pragma once
// What NearestNeighbors, KNeighborsClassifier and KNeighborsRegressor share: the search
// algorithm and weight choices by scikit-learn's names, the answers of a neighbour query, and
// the fitted search itself (the training points and, for algorithm kd_tree, the tree over them).
//
// Neighbour order, as every query returns it: nearest first, and equal distances in the order
// scikit-learn gives them, which follows from how it searches rather than from a rule: its
// kd-tree (median splits, searched depth first) or brute force (training rows in order, with
// its decomposition of euclidean distances), its fixed-size heap (of rows tied at the k-th
// distance, the first met is kept) and its quicksort. fitkit searches and sorts the same way,
// so the lists are scikit-learn's, ties included, whatever the thread count.

#include <array>
#include <memory>
#include <utility>
#include <vector>

#include "fitkit/core/params.hpp"
#include "fitkit/core/types.hpp"
#include "fitkit/neighbors/distance_metric.hpp"

namespace fitkit {

// auto: scikit-learn's rule: brute force when there are more than 15 features or n_neighbors
// is at least half the training rows, else the kd-tree.
enum class NeighborsAlgorithm { automatic, kd_tree, brute };

template <>
struct EnumNames<NeighborsAlgorithm> {
  static constexpr std::array values{std::pair{NeighborsAlgorithm::automatic, "auto"},
                                     std::pair{NeighborsAlgorithm::kd_tree, "kd_tree"},
                                     std::pair{NeighborsAlgorithm::brute, "brute"}};
};

// How the neighbours of a query vote (classifier) or average (regressor): equally, or by the
// inverse of their distance (neighbours at distance 0, when there are any, share all the
// weight, as scikit-learn's).
enum class NeighborsWeights { uniform, distance };

template <>
struct EnumNames<NeighborsWeights> {
  static constexpr std::array values{std::pair{NeighborsWeights::uniform, "uniform"},
                                     std::pair{NeighborsWeights::distance, "distance"}};
};

// The neighbour-search parameters every neighbours estimator has (algorithm, leaf_size, metric,
// p), listed once for their Params::visit.
template <class V>
void visit_search_params(V&& v, NeighborsAlgorithm& algorithm, int& leaf_size,
                         DistanceMetric& metric, double& p) {
  v("algorithm", algorithm,
    "auto: brute with more than 15 features or n_neighbors >= half the rows, else kd_tree; "
    "kd_tree; brute (euclidean distances by GEMM)",
    one_of_enum());
  v("leaf_size", leaf_size, "points per kd-tree leaf (speed only)", at_least(1));
  v("metric", metric, "euclidean, manhattan, chebyshev, or minkowski with p", one_of_enum());
  v("p", p, "minkowski's power (2: euclidean, 1: manhattan)", at_least(1.0));
}

// The k nearest training rows of each query row: both n_queries x k, nearest first.
struct KNeighbors {
  arma::Mat<arma::uword> indices;
  Matrix distances;
};

// The training rows within a radius of each query row, one list per query, nearest first.
struct RadiusNeighbors {
  std::vector<arma::uvec> indices;
  std::vector<Vector> distances;
};

namespace detail {
class NeighborIndex;  // src/neighbors/neighbor_index.hpp
}

}  // namespace fitkit
