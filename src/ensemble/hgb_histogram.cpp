#include "ensemble/hgb_histogram.hpp"

#include <unistd.h>

#include <algorithm>

#include "core/helped_loop.hpp"

namespace fitkit::detail::hgb {
namespace {

// Serial cost of adding one row of one feature to a histogram (a gather and one wide add).
constexpr double kHistogramUpdateNanoseconds = 0.6;

// Serial cost of gathering one row's gradient and hessian (measured: 1 ns), and the rows per
// task of that gather.
constexpr double kGatherNanoseconds = 1.0;
constexpr Index kGatherChunk = 8192;

// One bin's sums while a feature's rows are added: gradient, hessian, count (a double, exact
// below 2^53) and a pad, so that adding a row is one load, one four-wide add and one store
// instead of three of each.
using BinSums = double __attribute__((vector_size(32)));

// Up to kMaxBlock features per pass over the node's rows: each row's index and gradient pair,
// loaded once, serve all of them, and their sums (8 kB a feature) still fit in L1: 5 with a
// 48 kB L1 (a fit 4-8% faster than with 4 here), 4 with 32 kB.
constexpr Index kMaxBlock = 5;
Index features_per_pass() {
  static const Index features = [] {
    const long l1 = sysconf(_SC_LEVEL1_DCACHE_SIZE);
    return l1 >= 48 * 1024 ? kMaxBlock : kMaxBlock - 1;
  }();
  return features;
}

// g++ clones a function for AVX and picks the clone at load time (an ifunc); clang (the fuzz
// build) does not clone templates, and compiles the default version alone.
#if defined(__GNUC__) && !defined(__clang__)
#define FITKIT_AVX_CLONES __attribute__((target_clones("avx", "default")))
#else
#define FITKIT_AVX_CLONES
#endif

// Adds the rows to the sums of the features in `columns` (kAllRows: rows is 0, 1, ..., n - 1).
// AVX's 256-bit adds where the processor has them, two SSE2 adds elsewhere; the sums are the
// same.
template <int kFeatures, bool kAllRows>
FITKIT_AVX_CLONES void add_rows(const Bin* const* columns, const std::uint32_t* rows, Index n,
                                const GradientPair* pairs, BinSums* sums) {
  for (Index i = 0; i < n; ++i) {
    const BinSums row{pairs[i].gradient, pairs[i].hessian, 1.0, 0.0};
    const Index r = kAllRows ? i : rows[i];
#pragma GCC unroll 5
    for (int k = 0; k < kFeatures; ++k) sums[k * kBinsPerFeature + columns[k][r]] += row;
  }
}

template <bool kAllRows>
void add_rows(Index n_features, const Bin* const* columns, const std::uint32_t* rows, Index n,
              const GradientPair* pairs, BinSums* sums) {
  switch (n_features) {
    case 1:
      return add_rows<1, kAllRows>(columns, rows, n, pairs, sums);
    case 2:
      return add_rows<2, kAllRows>(columns, rows, n, pairs, sums);
    case 3:
      return add_rows<3, kAllRows>(columns, rows, n, pairs, sums);
    case 4:
      return add_rows<4, kAllRows>(columns, rows, n, pairs, sums);
    default:
      return add_rows<5, kAllRows>(columns, rows, n, pairs, sums);
  }
}

}  // namespace

void build_histograms(const BinnedData& X, const NodeRows& node, const GradientPair* all_pairs,
                      std::vector<GradientPair>& scratch, Histograms& out, Sibling sibling) {
  const Index n = node.n_rows;
  const Index n_features = X.n_features;
  const int threads =
      threads_for_helped(kHistogramUpdateNanoseconds * static_cast<double>(n) * n_features,
                         static_cast<double>(n_features));
  // The node's gradients and hessians in its row order, so that each feature's pass reads them
  // in order: the root's are all of them, in place.
  const std::uint32_t* rows = node.rows;
  const GradientPair* pairs = all_pairs;
  if (!node.all_rows) {
    scratch.resize(n);
    GradientPair* gathered = scratch.data();
    const Index gather_chunks = (n + kGatherChunk - 1) / kGatherChunk;
    const int gather_threads = threads_for_helped(kGatherNanoseconds * static_cast<double>(n),
                                                  static_cast<double>(gather_chunks));
    helped_loop(gather_chunks, gather_threads, [&](Index chunk) {
      const Index begin = chunk * kGatherChunk, end = std::min(n, begin + kGatherChunk);
      for (Index i = begin; i < end; ++i) gathered[i] = all_pairs[rows[i]];
    });
    pairs = gathered;
  }
  // Blocks of at most features_per_pass() features, as even as possible, a multiple of the
  // threads.
  const Index per_pass = features_per_pass() * threads;
  const Index n_blocks = threads * ((n_features + per_pass - 1) / per_pass);
  helped_loop(n_blocks, threads, [&](Index block) {
    const Index first = n_features * block / n_blocks;
    const Index size = n_features * (block + 1) / n_blocks - first;
    if (size == 0) return;
    const Bin* columns[kMaxBlock];
    for (Index k = 0; k < size; ++k) columns[k] = X.column(first + k);
    alignas(32) BinSums sums[kMaxBlock * kBinsPerFeature];
    std::fill(sums, sums + size * kBinsPerFeature, BinSums{0, 0, 0, 0});
    if (node.all_rows)
      add_rows<true>(size, columns, rows, n, pairs, sums);
    else
      add_rows<false>(size, columns, rows, n, pairs, sums);
    for (Index k = 0; k < size; ++k) {
      HistogramBin* hist = out.feature(first + k);
      const BinSums* from = sums + k * kBinsPerFeature;
      for (Index b = 0; b < kBinsPerFeature; ++b)
        hist[b] = {from[b][0], from[b][1], static_cast<std::uint32_t>(from[b][2])};
      if (sibling.parent == nullptr) continue;
      const HistogramBin* parent = sibling.parent->feature(first + k);
      HistogramBin* other = sibling.histograms->feature(first + k);
      for (Index b = 0; b < kBinsPerFeature; ++b)
        other[b] = {parent[b].sum_gradients - hist[b].sum_gradients,
                    parent[b].sum_hessians - hist[b].sum_hessians, parent[b].count - hist[b].count};
    }
  });
}

}  // namespace fitkit::detail::hgb
