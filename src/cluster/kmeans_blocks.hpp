#pragma once
// What the k-means loops share: samples as columns (d x n, X transposed once), the labels as
// 32-bit indices, and per-cluster weighted sums built over fixed ranges of samples and added
// in range order, so that the centres have the same bits on any thread count.

#include <omp.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/parallel.hpp"
#include "fitkit/core/types.hpp"

namespace fitkit::detail {

using ClusterLabels = std::vector<std::int32_t>;

// Rows per partial sum (and per task of a pass). Fixed, not per thread: the partials, and so the
// sums, do not depend on the thread count.
inline constexpr Index kKMeansReductionRows = 4096;

// Weighted sums of the samples of each cluster, and their weights.
struct ClusterSums {
  Matrix sums;     // d x k
  Vector weights;  // k
  ClusterSums() = default;
  ClusterSums(Index d, Index k) : sums(d, k, arma::fill::zeros), weights(k, arma::fill::zeros) {}
  void add(const ClusterSums& other) {
    sums += other.sums;
    weights += other.weights;
  }
};

// Threads worth using for one pass over n samples of d features against k centres.
inline int kmeans_pass_threads(Index n, Index d, Index k) {
  const double per_row = static_cast<double>(d) * kStreamNanoseconds +
                         static_cast<double>(k * d) * 2 * kFlopNanoseconds +
                         static_cast<double>(k) * 0.5;
  const double ranges = static_cast<double>((n + kKMeansReductionRows - 1) / kKMeansReductionRows);
  return threads_for(per_row * static_cast<double>(n), ranges);
}

// body(begin, end, partial) over the ranges [r * kKMeansReductionRows, ...) of 0..n, on
// `threads` threads, each range into its own partial (zeroed, d x k); the partials are added
// into `total` in range order. Without sums wanted (total == nullptr) body gets nullptr.
template <class Body>
void over_sample_ranges(Index n, Index d, Index k, int threads, ClusterSums* total, Body body) {
  const Index n_ranges = (n + kKMeansReductionRows - 1) / kKMeansReductionRows;
  std::vector<ClusterSums> partials(total != nullptr ? n_ranges : 0);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (Index r = 0; r < n_ranges; ++r) {
    const Index begin = r * kKMeansReductionRows;
    const Index end = std::min(n, begin + kKMeansReductionRows);
    ClusterSums* partial = nullptr;
    if (total != nullptr) {
      partials[r] = ClusterSums(d, k);
      partial = &partials[r];
    }
    body(begin, end, partial);
  }
  if (total != nullptr) {
    *total = ClusterSums(d, k);
    for (const ClusterSums& partial : partials) total->add(partial);
  }
}

}  // namespace fitkit::detail
