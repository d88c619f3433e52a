#pragma once
// What NearestNeighbors, KNeighborsClassifier and KNeighborsRegressor share: the search
// algorithm and weight choices by scikit-learn's names, the answers of a neighbour query, and
// the fitted search itself (the training points and, for algorithm kd_tree, the tree over them).
//
// Neighbour order, as every query returns it: nearest first; at equal distances the lower
// training row first. scikit-learn orders exact ties by the layout of its heaps (which depends
// on its own tree and on its thread count), so lists agree with it exactly where distances do
// not tie; where they tie, the same neighbours at the same distances, possibly in another order
// among the tied ones.

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
