#include "cluster/kmeans_block.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "cluster/kmeans_assign.hpp"
#include "core/lanes.hpp"
#include "core/vector_clones.hpp"

namespace fitkit::detail {
namespace {

constexpr Index kTileCenters = 2 * kLanes;  // a tile of sums held in registers: 8 centres
constexpr Index kTileSamples = kLanes;      // by 4 samples

// Rows become columns: a holds what was the first lane of each, and so on.
void transpose(Lanes& a, Lanes& b, Lanes& c, Lanes& d) {
  const Lanes ab_even = __builtin_shufflevector(a, b, 0, 4, 2, 6);
  const Lanes ab_odd = __builtin_shufflevector(a, b, 1, 5, 3, 7);
  const Lanes cd_even = __builtin_shufflevector(c, d, 0, 4, 2, 6);
  const Lanes cd_odd = __builtin_shufflevector(c, d, 1, 5, 3, 7);
  a = __builtin_shufflevector(ab_even, cd_even, 0, 1, 4, 5);
  b = __builtin_shufflevector(ab_odd, cd_odd, 0, 1, 4, 5);
  c = __builtin_shufflevector(ab_even, cd_even, 2, 3, 6, 7);
  d = __builtin_shufflevector(ab_odd, cd_odd, 2, 3, 6, 7);
}

// scores(c, s) = ||c||² + sum_j x_j(s) (-2 c_j), summed in j order, for the m samples x (d x m,
// column-major) and the centres padded to a multiple of kTileCenters (-2 c as d rows of
// k_padded; a padding centre has an infinite norm, and so is never the nearest). The sums of a
// tile run with lanes over centres and are transposed before they are stored, so that the
// search for the nearest centre below runs with lanes over samples. The last samples, when m is
// not a multiple of kTileSamples, are read from `tail` (kTileSamples x d, zero-padded).
// Meanwhile the `upcoming` doubles (the next block's samples, when the caller walks the data in
// order) are fetched from memory, a few cache lines per tile: the arithmetic of a block takes
// about as long as reading the next one, and so hides it. (A burst of prefetches at once stalls
// on the few lines a core can have in flight; the hardware prefetcher alone left each block
// waiting on memory.) A prefetch never faults, past the end of the data either.
FITKIT_VECTOR_CLONES void cross_scores(const double* minus_two_centers, const double* norms,
                                       Index k_padded, const double* x, const double* tail, Index d,
                                       Index m, Index width, double* scores, const double* upcoming,
                                       Index upcoming_doubles) {
  constexpr Index kLineDoubles = 8;
  const Index tiles = width / kTileSamples * (k_padded / kTileCenters);
  const Index lines_per_tile = (upcoming_doubles / kLineDoubles + tiles) / tiles;
  const double* const upcoming_end = upcoming + upcoming_doubles;
  for (Index s = 0; s < width; s += kTileSamples) {
    const double* samples = s + kTileSamples <= m ? x + s * d : tail;
    for (Index c = 0; c < k_padded; c += kTileCenters) {
      for (Index line = 0; line < lines_per_tile && upcoming < upcoming_end; ++line) {
        __builtin_prefetch(upcoming);
        upcoming += kLineDoubles;
      }
      Lanes low[kTileSamples], high[kTileSamples];  // centres c..c+3 and c+4..c+7
      for (Index t = 0; t < kTileSamples; ++t) {
        low[t] = load(norms + c);
        high[t] = load(norms + c + kLanes);
      }
      for (Index j = 0; j < d; ++j) {
        const Lanes center_low = load(minus_two_centers + j * k_padded + c);
        const Lanes center_high = load(minus_two_centers + j * k_padded + c + kLanes);
        for (Index t = 0; t < kTileSamples; ++t) {
          const double value = samples[t * d + j];
          low[t] += value * center_low;
          high[t] += value * center_high;
        }
      }
      transpose(low[0], low[1], low[2], low[3]);
      transpose(high[0], high[1], high[2], high[3]);
      for (Index q = 0; q < kLanes; ++q) {
        store(scores + (c + q) * width + s, low[q]);
        store(scores + (c + kLanes + q) * width + s, high[q]);
      }
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

BlockNearest::BlockNearest(const Matrix& centers, double max_sample_norm)
    : centers_(&centers),
      d_(centers.n_rows),
      k_(centers.n_cols),
      k_padded_((centers.n_cols + kTileCenters - 1) / kTileCenters * kTileCenters),
      minus_two_centers_(centers.n_rows * k_padded_, 0.0),
      norms_(k_padded_, std::numeric_limits<double>::infinity()),
      tail_(centers.n_rows * kTileSamples),
      scores_(k_padded_ * kMaxSamples),
      best_(kMaxSamples),
      second_(kMaxSamples),
      label_(kMaxSamples) {
  // A bound on the rounding of ||c||² - 2 x·c (a dot product of d terms, and the norm) relative
  // to ||x||² + ||c||², with room to spare.
  slack_per_norm_ = 8.0 * static_cast<double>(d_ + 2) * std::numeric_limits<double>::epsilon();
  static_assert(kMaxSamples % kTileSamples == 0 && kTileSamples == kLanes);
  for (Index c = 0; c < k_; ++c) {
    const double* center = centers.colptr(c);
    double norm = 0;
    for (Index j = 0; j < d_; ++j) {
      minus_two_centers_[j * k_padded_ + c] = -2.0 * center[j];
      norm += center[j] * center[j];
    }
    norms_[c] = norm;
    max_norm_ = std::max(max_norm_, norm);
  }
  max_norm_bound_ = max_sample_norm + max_norm_;
}

void BlockNearest::search(const double* x, Index m) {
  width_ = (m + kTileSamples - 1) / kTileSamples * kTileSamples;
  const Index whole = m / kTileSamples * kTileSamples;
  std::fill(tail_.begin(), tail_.end(), 0.0);
  std::copy(x + whole * d_, x + m * d_, tail_.begin());
  cross_scores(minus_two_centers_.data(), norms_.data(), k_padded_, x, tail_.data(), d_, m, width_,
               scores_.data(), x + m * d_, m * d_);
  nearest_two(scores_.data(), k_, width_, best_.data(), second_.data(), label_.data());
}

std::int32_t BlockNearest::nearest(Index s, const double* x, double x_norm) const {
  const double best = best_[s], second = second_[s];
  std::int32_t label = this->label(s);
  // The sample's own norm is looked at only when the two nearest centres are within the bound
  // for the largest norm.
  if (second - best > slack_per_norm_ * max_norm_ &&
      (second - best > slack_per_norm_ * max_norm_bound_ ||
       second - best > rounding(std::isnan(x_norm) ? squared_norm(x, d_) : x_norm)))
    return label;
  const double within = second + slack_per_norm_ * max_norm_bound_;  // ties of three too
  double exact_best = std::numeric_limits<double>::infinity();
  for (Index c = 0; c < k_; ++c) {
    if (!(score(c, s) <= within)) continue;
    const double exact = squared_distance(x, centers_->colptr(c), d_);
    if (exact < exact_best) {
      exact_best = exact;
      label = static_cast<std::int32_t>(c);
    }
  }
  return label;
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
