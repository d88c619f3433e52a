#include "ensemble/hgb_histogram.hpp"

#include <algorithm>

#include "core/parallel.hpp"

namespace fitkit::detail::hgb {
namespace {

// Serial cost of adding one row of one feature to a histogram (a gather and one wide add).
constexpr double kHistogramUpdateNanoseconds = 0.6;

// One bin's sums while a feature's rows are added: gradient, hessian, count (a double, exact
// below 2^53) and a pad, so that adding a row is one load, one four-wide add and one store
// instead of three of each: the stores bound the pass.
using BinSums = double __attribute__((vector_size(32)));

// AVX's 256-bit adds where the processor has them (an ifunc picks the clone at load time), two
// SSE2 adds elsewhere; the sums are the same.
__attribute__((target_clones("avx", "default"))) void add_all_rows(const Bin* column, Index n,
                                                                   const GradientPair* pairs,
                                                                   BinSums* sums) {
  for (Index i = 0; i < n; ++i)
    sums[column[i]] += BinSums{pairs[i].gradient, pairs[i].hessian, 1.0, 0.0};
}

__attribute__((target_clones("avx", "default"))) void add_rows(const Bin* column,
                                                               const std::uint32_t* rows, Index n,
                                                               const GradientPair* pairs,
                                                               BinSums* sums) {
  for (Index i = 0; i < n; ++i)
    sums[column[rows[i]]] += BinSums{pairs[i].gradient, pairs[i].hessian, 1.0, 0.0};
}

}  // namespace

void build_histograms(const BinnedData& X, const NodeRows& node, const float* gradients,
                      const float* hessians, std::vector<GradientPair>& scratch, Histograms& out) {
  const Index n = node.n_rows;
  const Index n_features = X.n_features;
  const int threads = threads_for(kHistogramUpdateNanoseconds * static_cast<double>(n) * n_features,
                                  static_cast<double>(n_features));
  // The node's gradients and hessians (0 when constant: the count stands for them) in its row
  // order, so that each feature's pass reads them in order.
  scratch.resize(n);
  GradientPair* pairs = scratch.data();
  const std::uint32_t* rows = node.rows;
  if (node.all_rows) {
    for (Index i = 0; i < n; ++i)
      pairs[i] = {gradients[i], hessians != nullptr ? hessians[i] : 0.0f};
  } else {
    for (Index i = 0; i < n; ++i)
      pairs[i] = {gradients[rows[i]], hessians != nullptr ? hessians[rows[i]] : 0.0f};
  }
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (Index f = 0; f < n_features; ++f) {
    alignas(32) BinSums sums[kBinsPerFeature];
    std::fill(sums, sums + kBinsPerFeature, BinSums{0, 0, 0, 0});
    if (node.all_rows)
      add_all_rows(X.column(f), n, pairs, sums);
    else
      add_rows(X.column(f), rows, n, pairs, sums);
    HistogramBin* hist = out.feature(f);
    for (Index b = 0; b < kBinsPerFeature; ++b)
      hist[b] = {sums[b][0], sums[b][1], static_cast<std::uint32_t>(sums[b][2])};
  }
}

void subtract_histograms(const Histograms& parent, const Histograms& child, Histograms& sibling) {
  const std::vector<HistogramBin>& p = parent.bins();
  const std::vector<HistogramBin>& c = child.bins();
  std::vector<HistogramBin>& s = sibling.bins();
  for (std::size_t i = 0; i < p.size(); ++i) {
    s[i].sum_gradients = p[i].sum_gradients - c[i].sum_gradients;
    s[i].sum_hessians = p[i].sum_hessians - c[i].sum_hessians;
    s[i].count = p[i].count - c[i].count;
  }
}

}  // namespace fitkit::detail::hgb
