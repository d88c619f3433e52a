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

// A feature pair per pass: the row index and the gradient pair, loaded once, serve both.
// AVX's 256-bit adds where the processor has them (an ifunc picks the clone at load time), two
// SSE2 adds elsewhere; the sums are the same.
__attribute__((target_clones("avx", "default"))) void add_all_rows(const Bin* column_a,
                                                                   const Bin* column_b, Index n,
                                                                   const GradientPair* pairs,
                                                                   BinSums* sums_a,
                                                                   BinSums* sums_b) {
  for (Index i = 0; i < n; ++i) {
    const BinSums row{pairs[i].gradient, pairs[i].hessian, 1.0, 0.0};
    sums_a[column_a[i]] += row;
    sums_b[column_b[i]] += row;
  }
}

__attribute__((target_clones("avx", "default"))) void add_rows(const Bin* column_a,
                                                               const Bin* column_b,
                                                               const std::uint32_t* rows, Index n,
                                                               const GradientPair* pairs,
                                                               BinSums* sums_a, BinSums* sums_b) {
  for (Index i = 0; i < n; ++i) {
    const BinSums row{pairs[i].gradient, pairs[i].hessian, 1.0, 0.0};
    const std::uint32_t r = rows[i];
    sums_a[column_a[r]] += row;
    sums_b[column_b[r]] += row;
  }
}

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
                                  static_cast<double>((n_features + 1) / 2));
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
  const Index n_pairs = (n_features + 1) / 2;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (Index p = 0; p < n_pairs; ++p) {
    const Index f = 2 * p;
    const bool two = f + 1 < n_features;
    alignas(32) BinSums sums[2 * kBinsPerFeature];
    std::fill(sums, sums + 2 * kBinsPerFeature, BinSums{0, 0, 0, 0});
    BinSums* sums_b = sums + kBinsPerFeature;
    if (node.all_rows) {
      if (two)
        add_all_rows(X.column(f), X.column(f + 1), n, pairs, sums, sums_b);
      else
        add_all_rows(X.column(f), n, pairs, sums);
    } else {
      if (two)
        add_rows(X.column(f), X.column(f + 1), rows, n, pairs, sums, sums_b);
      else
        add_rows(X.column(f), rows, n, pairs, sums);
    }
    for (Index k = 0; k < (two ? 2 : 1); ++k) {
      HistogramBin* hist = out.feature(f + k);
      const BinSums* from = sums + k * kBinsPerFeature;
      for (Index b = 0; b < kBinsPerFeature; ++b)
        hist[b] = {from[b][0], from[b][1], static_cast<std::uint32_t>(from[b][2])};
    }
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
