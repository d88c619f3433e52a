#pragma once
// Lloyd's iterations look for the nearest centre in single precision: the samples are copied
// once to floats, in groups of eight side by side (lanes over samples), which is twice the
// arithmetic per instruction and half the memory of doubles. A sample whose two nearest
// centres are closer than single-precision rounding can tell apart is decided again from its
// double values, so the labels are those of the search in doubles (BlockNearest) wherever
// that one is sure, and the exact nearest (the first of ties) elsewhere.

#include <cstdint>
#include <vector>

#include "cluster/kmeans_blocks.hpp"

namespace fitkit::detail {

// The samples of Xt (d x n) as floats, in groups of kGroup: each group d rows of kGroup values,
// the last one zero-padded.
class PackedSamples {
 public:
  static constexpr Index kGroup = 8;

  explicit PackedSamples(const Matrix& Xt);

  Index n_features() const { return d_; }
  const float* group(Index g) const { return values_.colptr(g); }
  // The largest |value|, for whether single precision can hold the scores.
  double max_abs() const { return max_abs_; }

 private:
  Index d_;
  double max_abs_ = 0;
  arma::fmat values_;  // a column per group
};

class PackedNearest {
 public:
  // centers: d x k; max_sample_norm: the largest ||x||² of the samples searched.
  PackedNearest(const Matrix& centers, double max_sample_norm);

  // Whether single precision holds these centres and samples: no score overflows, and every
  // rounding (subnormal values included) stays within the bound the search relies on.
  static bool usable(const Matrix& centers, const PackedSamples& packed, double max_sample_norm);

  // The nearest centre of samples [begin, end) of Xt (begin a multiple of kGroup), into
  // labels[begin, end). x_norms: ||x||² of every sample.
  void label(const PackedSamples& packed, const Matrix& Xt, const Vector& x_norms, Index begin,
             Index end, std::int32_t* labels) const;

 private:
  std::int32_t exact_nearest(const double* x) const;

  const Matrix* centers_;
  Index d_, k_, k_padded_;
  double slack_per_norm_;  // the rounding of a score, relative to ||x||² + the largest ||c||²
  double max_norm_ = 0;    // the largest ||c||²
  double max_norm_bound_;  // the largest ||x||² + the largest ||c||²
  std::vector<float> minus_two_centers_;  // -2 c, d rows of k_padded_
  std::vector<float> norms_;              // ||c||², k_padded_ (infinite for the padding)
};

}  // namespace fitkit::detail
