#pragma once
// The nearest two centres of each sample of a block, by ||c||² - 2 x·c (the squared distance
// less ||x||², the same for every centre), as scikit-learn's lloyd_iter_chunked_dense ranks
// them. The cross terms are a GEMM of k x d by d x m; with k and d in the tens OpenBLAS spends
// more on packing its buffers for each block than on the products, so it is written out here,
// and the search for the nearest centre runs with SIMD lanes over samples (a branch per centre
// is mispredicted half the time when clusters overlap).

#include <cstdint>
#include <vector>

#include "cluster/kmeans_blocks.hpp"

namespace fitkit::detail {

class BlockNearest {
 public:
  // centers: d x k, kept by reference. max_sample_norm: the largest ||x||² of the data searched
  // (infinity when not at hand), for the bound on the rounding below.
  BlockNearest(const Matrix& centers, double max_sample_norm);

  // Samples per search: the block and its scores stay in the first-level cache.
  static constexpr Index kMaxSamples = 64;

  // For the m <= kMaxSamples samples x (d x m, column-major): fills best(s), second(s),
  // label(s) and score(c, s). The m samples after x (the next search's, when the caller walks
  // the data in order) are fetched from memory meanwhile.
  void search(const double* x, Index m);

  // ||c||² - 2 x·c of the nearest centre (the first of ties), and of the next one.
  double best(Index s) const { return best_[s]; }
  double second(Index s) const { return second_[s]; }
  std::int32_t label(Index s) const { return static_cast<std::int32_t>(label_[s]); }
  // ||c||² - 2 x·c of centre c.
  double score(Index c, Index s) const { return scores_[c * width_ + s]; }

  // The nearest centre of sample s of the last search (x its values, x_norm ||x||², or NaN to
  // compute it when needed): label(s), unless two centres are closer than the rounding of the
  // scores can tell apart (a tie, as data rows for centres on integer data give); then the
  // nearer by the differences themselves, the first of exact ties, as Elkan's exact distances
  // decide.
  std::int32_t nearest(Index s, const double* x, double x_norm) const;

  // A bound on the rounding of a score of a sample of squared norm x_norm.
  double rounding(double x_norm) const { return slack_per_norm_ * (x_norm + max_norm_); }

 private:
  const Matrix* centers_;
  Index d_, k_, k_padded_, width_ = 0;
  double slack_per_norm_;                  // the rounding of a score, relative to ||x||² + ||c||²
  double max_norm_bound_ = 0;              // the largest ||x||² + ||c||²
  std::vector<double> minus_two_centers_;  // -2 c, d rows of k_padded_; the scaling is exact
  std::vector<double> norms_;              // ||c||², k_padded_ (infinite for the padding)
  double max_norm_ = 0;
  std::vector<double> tail_;    // the last samples of a block, zero-padded to a whole tile
  std::vector<double> scores_;  // k_padded_ rows of width_ samples
  std::vector<double> best_, second_, label_;
};

// sums.sums(:, labels[s]) += w[s] x_s and sums.weights(labels[s]) += w[s] for the m samples x
// (d x m), in sample order.
void add_to_cluster_sums(const double* x, Index d, Index m, const std::int32_t* labels,
                         const double* w, ClusterSums& sums);

}  // namespace fitkit::detail
