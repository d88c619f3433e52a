#include "cluster/kmeans_block.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "core/vector_clones.hpp"

// The lanes below are passed between functions inlined into each clone; the ABI note GCC gives
// for a 32-byte vector in a baseline function is about calls that never happen.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace fitkit::detail {
namespace {

// Four samples side by side (GCC's vector extension; the baseline clone runs them as SSE2
// pairs, the AVX2 one as one register).
typedef double Lanes __attribute__((vector_size(32)));
constexpr Index kLanes = 4;
constexpr Index kTileSamples = 2 * kLanes;  // a tile of sums held in registers: 2 x 4 lanes
constexpr Index kTileCenters = 4;           // by 4 centres

Lanes load(const double* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

void store(double* p, Lanes v) {
  std::memcpy(p, &v, sizeof v);
}

Lanes broadcast(double a) {
  return Lanes{a, a, a, a};
}

// scores(c, s) = ||c||² + sum_j (-2 c_j) x_j(s), summed in j order, for width samples (a
// multiple of kTileSamples) of the transposed block. Meanwhile the `upcoming` doubles (the next
// block's samples, when the caller walks the data in order) are fetched from memory, a few
// cache lines per tile: the arithmetic of a block takes about as long as reading the next one,
// and so hides it. (A burst of prefetches at once stalls on the few lines a core can have in
// flight; the hardware prefetcher alone left the copy of each block waiting on memory.) A
// prefetch never faults, past the end of the data either.
FITKIT_VECTOR_CLONES void cross_scores(const double* minus_two_centers, const double* norms,
                                       const double* packed, Index k, Index d, Index width,
                                       double* scores, const double* upcoming,
                                       Index upcoming_doubles) {
  constexpr Index kLineDoubles = 8;
  const Index tiles = width / kTileSamples * ((k + kTileCenters - 1) / kTileCenters);
  const Index lines_per_tile = (upcoming_doubles / kLineDoubles + tiles) / tiles;
  const double* const upcoming_end = upcoming + upcoming_doubles;
  const auto prefetch_some = [&] {
    for (Index line = 0; line < lines_per_tile && upcoming < upcoming_end; ++line) {
      __builtin_prefetch(upcoming);
      upcoming += kLineDoubles;
    }
  };
  for (Index s = 0; s < width; s += kTileSamples) {
    Index c = 0;
    for (; c + kTileCenters <= k; c += kTileCenters) {
      prefetch_some();
      Lanes acc[kTileCenters][2];
      for (Index t = 0; t < kTileCenters; ++t) acc[t][0] = acc[t][1] = broadcast(norms[c + t]);
      for (Index j = 0; j < d; ++j) {
        const Lanes x0 = load(packed + j * width + s), x1 = load(packed + j * width + s + kLanes);
        for (Index t = 0; t < kTileCenters; ++t) {
          const double a = minus_two_centers[(c + t) * d + j];
          acc[t][0] += a * x0;
          acc[t][1] += a * x1;
        }
      }
      for (Index t = 0; t < kTileCenters; ++t) {
        store(scores + (c + t) * width + s, acc[t][0]);
        store(scores + (c + t) * width + s + kLanes, acc[t][1]);
      }
    }
    if (c < k) prefetch_some();
    for (; c < k; ++c) {
      Lanes acc0 = broadcast(norms[c]), acc1 = acc0;
      for (Index j = 0; j < d; ++j) {
        const double a = minus_two_centers[c * d + j];
        acc0 += a * load(packed + j * width + s);
        acc1 += a * load(packed + j * width + s + kLanes);
      }
      store(scores + c * width + s, acc0);
      store(scores + c * width + s + kLanes, acc1);
    }
  }
}

// The lowest score of each sample (the first centre of ties), its centre, and the next lowest.
FITKIT_VECTOR_CLONES void nearest_two(const double* scores, Index k, Index width, double* best,
                                      double* second, double* label) {
  const Lanes infinity = broadcast(std::numeric_limits<double>::infinity());
  for (Index s = 0; s < width; s += kLanes) {
    Lanes low = load(scores + s), next = infinity, at = broadcast(0);
    for (Index c = 1; c < k; ++c) {
      const Lanes v = load(scores + c * width + s);
      const auto closer = v < low;
      next = closer ? low : (v < next ? v : next);
      at = closer ? broadcast(static_cast<double>(c)) : at;
      low = closer ? v : low;
    }
    store(best + s, low);
    store(second + s, next);
    store(label + s, at);
  }
}

}  // namespace

BlockNearest::BlockNearest(const Matrix& centers)
    : d_(centers.n_rows),
      k_(centers.n_cols),
      minus_two_centers_(centers.n_elem),
      norms_(centers.n_cols),
      packed_(centers.n_rows * kMaxSamples),
      scores_(centers.n_cols * kMaxSamples),
      best_(kMaxSamples),
      second_(kMaxSamples),
      label_(kMaxSamples) {
  static_assert(kMaxSamples % kTileSamples == 0);
  for (Index c = 0; c < k_; ++c) {
    const double* center = centers.colptr(c);
    double norm = 0;
    for (Index j = 0; j < d_; ++j) {
      minus_two_centers_[c * d_ + j] = -2.0 * center[j];
      norm += center[j] * center[j];
    }
    norms_[c] = norm;
    max_norm_ = std::max(max_norm_, norm);
  }
}

void BlockNearest::search(const double* x, Index m) {
  width_ = (m + kTileSamples - 1) / kTileSamples * kTileSamples;
  for (Index s = 0; s < m; ++s)
    for (Index j = 0; j < d_; ++j) packed_[j * width_ + s] = x[s * d_ + j];
  for (Index j = 0; j < d_; ++j)
    std::fill(packed_.data() + j * width_ + m, packed_.data() + (j + 1) * width_, 0.0);
  cross_scores(minus_two_centers_.data(), norms_.data(), packed_.data(), k_, d_, width_,
               scores_.data(), x + m * d_, m * d_);
  nearest_two(scores_.data(), k_, width_, best_.data(), second_.data(), label_.data());
}

// Its own function for the AVX2 clone: the sum of a sample's cluster is read, added to and
// written back a vector at a time.
FITKIT_VECTOR_CLONES void add_to_cluster_sums(const double* x, Index d, Index m,
                                              const std::int32_t* labels, const double* w,
                                              ClusterSums& sums) {
  double* all_sums = sums.sums.memptr();
  double* weights = sums.weights.memptr();
  for (Index s = 0; s < m; ++s) {
    const Index label = static_cast<Index>(labels[s]);
    const double weight = w[s];
    const double* sample = x + s * d;
    double* sum = all_sums + label * d;
    for (Index j = 0; j < d; ++j) sum[j] += sample[j] * weight;
    weights[label] += weight;
  }
}

}  // namespace fitkit::detail
