#include "cluster/kmeans_packed.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "cluster/kmeans_assign.hpp"
#include "core/huge_pages.hpp"
#include "core/parallel.hpp"
#include "core/vector_clones.hpp"

// The lanes are passed between functions inlined into each clone; the ABI note GCC gives for a
// 32-byte vector in a baseline function is about calls that never happen.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

namespace fitkit::detail {
namespace {

typedef float Floats __attribute__((vector_size(32)));
typedef std::int32_t Ints __attribute__((vector_size(32)));
constexpr Index kTileCenters = 8;  // a tile of sums held in registers: 8 centres by 8 samples
static_assert(PackedSamples::kGroup == sizeof(Floats) / sizeof(float));

Floats splat(float a) {
  return Floats{} + a;
}

Floats load(const float* p) {
  Floats v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// The lowest score ||c||² - 2 x·c of each of the 8 samples of a group (the first centre of
// ties), its centre, and the next lowest. The centres are padded to a multiple of kTileCenters
// (-2 c as d rows of k_padded; a padding centre has an infinite norm, and so is never nearer).
FITKIT_FUSED_CLONES void nearest_two(const float* minus_two_centers, const float* norms,
                                     Index k_padded, Index d, const float* group, float* best,
                                     float* second, std::int32_t* label) {
  constexpr float kInfinity = std::numeric_limits<float>::infinity();
  Floats low = splat(kInfinity), next = low;
  Ints at = {};
  for (Index c = 0; c < k_padded; c += kTileCenters) {
    Floats scores[kTileCenters];
    for (Index t = 0; t < kTileCenters; ++t) scores[t] = splat(norms[c + t]);
    for (Index j = 0; j < d; ++j) {
      const Floats x = load(group + j * PackedSamples::kGroup);
      const float* center = minus_two_centers + j * k_padded + c;
      for (Index t = 0; t < kTileCenters; ++t) scores[t] += x * center[t];
    }
    for (Index t = 0; t < kTileCenters; ++t) {
      const Floats v = scores[t];
      const auto closer = v < low;
      next = closer ? low : (v < next ? v : next);
      at = closer ? static_cast<std::int32_t>(c + t) + Ints{} : at;
      low = closer ? v : low;
    }
  }
  std::memcpy(best, &low, sizeof low);
  std::memcpy(second, &next, sizeof next);
  std::memcpy(label, &at, sizeof at);
}

}  // namespace

PackedSamples::PackedSamples(const Matrix& Xt)
    : d_(Xt.n_rows),
      values_(Xt.n_rows * kGroup, (Xt.n_cols + kGroup - 1) / kGroup, arma::fill::none) {
  // Every value is written below, the padding of the last group too.
  advise_huge_pages(values_.memptr(), values_.n_elem * sizeof(float));
  const Index n = Xt.n_cols, groups = values_.n_cols;
  const int threads = threads_for(static_cast<double>(n * d_) * 1.5 * kStreamNanoseconds,
                                  static_cast<double>(groups));
  double max_abs = 0;
#pragma omp parallel for schedule(static) num_threads(threads) reduction(max : max_abs)
  for (Index g = 0; g < groups; ++g) {
    float* out = values_.colptr(g);
    for (Index s = 0; s < kGroup; ++s) {
      if (g * kGroup + s >= n) {
        for (Index j = 0; j < d_; ++j) out[j * kGroup + s] = 0.0f;
        continue;
      }
      const double* x = Xt.colptr(g * kGroup + s);
      for (Index j = 0; j < d_; ++j) {
        out[j * kGroup + s] = static_cast<float>(x[j]);
        max_abs = std::max(max_abs, std::abs(x[j]));
      }
    }
  }
  max_abs_ = max_abs;
}

PackedNearest::PackedNearest(const Matrix& centers, double max_sample_norm)
    : centers_(&centers),
      d_(centers.n_rows),
      k_(centers.n_cols),
      k_padded_((centers.n_cols + kTileCenters - 1) / kTileCenters * kTileCenters),
      minus_two_centers_(centers.n_rows * k_padded_, 0.0f),
      norms_(k_padded_, std::numeric_limits<float>::infinity()) {
  // A bound on the rounding of a score relative to ||x||² + ||c||², with room to spare: the
  // samples and centres rounded to floats, their d products, and a sum of d + 1 terms.
  slack_per_norm_ = 8.0 * static_cast<double>(d_ + 2) * std::numeric_limits<float>::epsilon();
  for (Index c = 0; c < k_; ++c) {
    const double* center = centers.colptr(c);
    for (Index j = 0; j < d_; ++j)
      minus_two_centers_[j * k_padded_ + c] = static_cast<float>(-2.0 * center[j]);
    const double norm = squared_norm(center, d_);
    norms_[c] = static_cast<float>(norm);
    max_norm_ = std::max(max_norm_, norm);
  }
  max_norm_bound_ = max_sample_norm + max_norm_;
}

bool PackedNearest::usable(const Matrix& centers, const PackedSamples& packed,
                           double max_sample_norm) {
  double max_norm = 0;
  for (Index c = 0; c < centers.n_cols; ++c)
    max_norm = std::max(max_norm, squared_norm(centers.colptr(c), centers.n_rows));
  // Scores far below float's largest value; and centres large enough that a value rounded to a
  // subnormal float (an absolute error of 2^-150) stays within the relative bound.
  constexpr double kLargest = 1e30, kSmallest = 1e-30;
  return max_norm >= kSmallest && max_norm + max_sample_norm < kLargest &&
         packed.max_abs() * packed.max_abs() < kLargest;
}

void PackedNearest::label(const PackedSamples& packed, const Matrix& Xt, const Vector& x_norms,
                          Index begin, Index end, std::int32_t* labels) const {
  constexpr Index kGroup = PackedSamples::kGroup;
  float best[kGroup], second[kGroup];
  std::int32_t at[kGroup];
  for (Index g = begin / kGroup; g * kGroup < end; ++g) {
    nearest_two(minus_two_centers_.data(), norms_.data(), k_padded_, d_, packed.group(g), best,
                second, at);
    for (Index s = 0; s < kGroup && g * kGroup + s < end; ++s) {
      const Index i = g * kGroup + s;
      const double gap = static_cast<double>(second[s]) - static_cast<double>(best[s]);
      // The sample's own norm is looked at only when the two are within the bound for the
      // largest norm.
      const bool sure = gap > slack_per_norm_ * max_norm_bound_ ||
                        gap > slack_per_norm_ * (x_norms[i] + max_norm_);
      labels[i] = sure ? at[s] : exact_nearest(Xt.colptr(i));
    }
  }
}

std::int32_t PackedNearest::exact_nearest(const double* x) const {
  std::int32_t label = 0;
  double nearest = std::numeric_limits<double>::infinity();
  for (Index c = 0; c < k_; ++c) {
    const double distance = squared_distance(x, centers_->colptr(c), d_);
    if (distance < nearest) {
      nearest = distance;
      label = static_cast<std::int32_t>(c);
    }
  }
  return label;
}

}  // namespace fitkit::detail
