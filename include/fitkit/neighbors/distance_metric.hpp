#pragma once
// The distance metrics the neighbour searches (kNN, DBSCAN, NearestNeighbors) take, by
// scikit-learn's names: `metric` (and `p` for minkowski) in their Params.

#include <array>
#include <utility>

#include "fitkit/core/params.hpp"

namespace fitkit {

enum class DistanceMetric { euclidean, manhattan, chebyshev, minkowski };

template <>
struct EnumNames<DistanceMetric> {
  static constexpr std::array values{std::pair{DistanceMetric::euclidean, "euclidean"},
                                     std::pair{DistanceMetric::manhattan, "manhattan"},
                                     std::pair{DistanceMetric::chebyshev, "chebyshev"},
                                     std::pair{DistanceMetric::minkowski, "minkowski"}};
};

}  // namespace fitkit
