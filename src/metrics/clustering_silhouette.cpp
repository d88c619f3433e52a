// The silhouette (Rousseeuw 1987), from distances computed a tile at a time.

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "clustering_common.hpp"
#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/pairwise.hpp"  // row_norms_squared
#include "fitkit/core/random.hpp"
#include "fitkit/metrics/clustering.hpp"

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace fitkit {
namespace {

// Rows per block: a tile of distances between two blocks is 512 kB, which stays in cache while
// it is summed per cluster.
constexpr Index kBlockRows = 256;

// to[i] += sqrt(max(0, norms[i] - 2 cross[i] + b)) for i < n: one column of a tile of
// euclidean distances, from its cross products, added to the row's sums. The same arithmetic
// as fitkit::pairwise_squared_distances ((a - 2c) + b, clamped at 0), so the same bits; here in
// one pass over the tile. The square root bounds the speed (the compiler does not vectorise
// std::sqrt, which may set errno), hence one version per vector width, chosen at run time.
using AddDistances = void (*)(double* to, const double* cross, const double* norms, double b,
                              Index n);

void add_distances_scalar(double* to, const double* cross, const double* norms, double b, Index n) {
  for (Index i = 0; i < n; ++i) {
    const double d = norms[i] - 2.0 * cross[i] + b;
    to[i] += std::sqrt(d < 0 ? 0.0 : d);
  }
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2"))) void add_distances_avx2(double* to, const double* cross,
                                                        const double* norms, double b, Index n) {
  const __m256d two = _mm256_set1_pd(2.0), zero = _mm256_setzero_pd(), bb = _mm256_set1_pd(b);
  Index i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256d d = _mm256_add_pd(
        _mm256_sub_pd(_mm256_loadu_pd(norms + i), _mm256_mul_pd(two, _mm256_loadu_pd(cross + i))),
        bb);
    _mm256_storeu_pd(
        to + i, _mm256_add_pd(_mm256_loadu_pd(to + i), _mm256_sqrt_pd(_mm256_max_pd(d, zero))));
  }
  add_distances_scalar(to + i, cross + i, norms + i, b, n - i);
}

__attribute__((target("avx512f"))) void add_distances_avx512(double* to, const double* cross,
                                                             const double* norms, double b,
                                                             Index n) {
  const __m512d two = _mm512_set1_pd(2.0), zero = _mm512_setzero_pd(), bb = _mm512_set1_pd(b);
  Index i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m512d d = _mm512_add_pd(
        _mm512_sub_pd(_mm512_loadu_pd(norms + i), _mm512_mul_pd(two, _mm512_loadu_pd(cross + i))),
        bb);
    _mm512_storeu_pd(
        to + i,
        _mm512_add_pd(_mm512_loadu_pd(to + i),
                      _mm512_mask_sqrt_pd(zero, 0xFF, _mm512_mask_max_pd(zero, 0xFF, d, zero))));
  }
  add_distances_avx2(to + i, cross + i, norms + i, b, n - i);
}
#endif

AddDistances add_distances_for_this_cpu() {
#if defined(__x86_64__) && defined(__GNUC__)
  if (__builtin_cpu_supports("avx512f")) return add_distances_avx512;
  if (__builtin_cpu_supports("avx2")) return add_distances_avx2;
#endif
  return add_distances_scalar;
}

// tile(i, j) = the manhattan or chebyshev distance between row i of A and row j of B, the
// features taken in order (as scipy's cdist).
void direct_distances(const Matrix& A, const Matrix& B, SilhouetteMetric metric, Matrix& tile) {
  tile.zeros(A.n_rows, B.n_rows);
  const Index m = A.n_rows;
  for (Index j = 0; j < B.n_rows; ++j) {
    double* t = tile.colptr(j);
    for (Index f = 0; f < A.n_cols; ++f) {
      const double* a = A.colptr(f);
      const double b = B(j, f);
      if (metric == SilhouetteMetric::manhattan)
        for (Index i = 0; i < m; ++i) t[i] += std::abs(a[i] - b);
      else
        for (Index i = 0; i < m; ++i) t[i] = std::max(t[i], std::abs(a[i] - b));
    }
  }
}

// The silhouette of every row, as scikit-learn's silhouette_samples: for each row the sum of
// its distances to each cluster, over the columns in order (the same sums on any thread count);
// a = own sum / (own size - 1), b = least other sum / size, s = (b - a) / max(a, b), and 0
// where that is 0 / 0 (a cluster of one sample, or a and b both 0).
Vector silhouette(const Matrix& X, const detail::EncodedLabels& labels, SilhouetteMetric metric) {
  const Index n = X.n_rows, d = X.n_cols, n_labels = labels.counts.size();
  const Index n_blocks = (n + kBlockRows - 1) / kBlockRows;
  const bool euclidean = metric == SilhouetteMetric::euclidean;
  std::vector<Matrix> blocks(n_blocks);
  std::vector<Vector> norms(n_blocks);
  for (Index b = 0; b < n_blocks; ++b) {
    blocks[b] = X.rows(b * kBlockRows, std::min(n, (b + 1) * kBlockRows) - 1);
    if (euclidean) norms[b] = row_norms_squared(blocks[b]);
  }
  // Per pair: the cross term's multiply-adds (or d absolute differences), a square root and an
  // addition.
  const double pair_nanoseconds =
      euclidean ? 2 * d * detail::kFlopNanoseconds + 2.0 : d * 1.0 + 1.0;
  const int threads =
      detail::threads_for(static_cast<double>(n) * static_cast<double>(n) * pair_nanoseconds,
                          static_cast<double>(n_blocks));
  const detail::ScopedThreadLimit serial_blas(1);
  static const AddDistances add_distances = add_distances_for_this_cpu();
  Vector s(n);
  const auto row_blocks = static_cast<long long>(n_blocks);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (long long r = 0; r < row_blocks; ++r) {
    const Index first = static_cast<Index>(r) * kBlockRows, rows = blocks[r].n_rows;
    Matrix sums(rows, n_labels, arma::fill::zeros);  // distances to each cluster, summed
    Matrix tile;
    for (Index c = 0; c < n_blocks; ++c) {
      const Index first_col = c * kBlockRows;
      if (euclidean) {
        tile = blocks[r] * blocks[c].t();  // the cross products, one GEMM
        for (Index j = 0; j < tile.n_cols; ++j) {
          double* to = sums.colptr(labels.index[first_col + j]);
          const double* cross = tile.colptr(j);
          const double b = norms[c](j);
          if (c == static_cast<Index>(r)) {  // the distance to itself is 0 (rounding says not)
            add_distances(to, cross, norms[r].memptr(), b, j);
            add_distances(to + j + 1, cross + j + 1, norms[r].memptr() + j + 1, b, rows - j - 1);
          } else {
            add_distances(to, cross, norms[r].memptr(), b, rows);
          }
        }
      } else {
        direct_distances(blocks[r], blocks[c], metric, tile);
        for (Index j = 0; j < tile.n_cols; ++j) {
          double* to = sums.colptr(labels.index[first_col + j]);
          const double* t = tile.colptr(j);
          for (Index i = 0; i < rows; ++i) to[i] += t[i];
        }
      }
    }
    for (Index i = 0; i < rows; ++i) {
      const Index own = labels.index[first + i];
      const double a = sums(i, own) / static_cast<double>(labels.counts[own] - 1);
      double b = std::numeric_limits<double>::infinity();
      for (Index k = 0; k < n_labels; ++k)
        if (k != own) b = std::min(b, sums(i, k) / static_cast<double>(labels.counts[k]));
      const double value = (b - a) / std::max(a, b);
      s(first + i) = std::isnan(value) ? 0.0 : value;
    }
  }
  return s;
}

}  // namespace

Vector silhouette_samples(const Matrix& X, const Labels& labels, SilhouetteMetric metric) {
  return silhouette(X, detail::checked_clustering(X, labels, "silhouette_samples"), metric);
}

double silhouette_score(const Matrix& X, const Labels& labels, SilhouetteMetric metric,
                        std::optional<Index> sample_size, std::uint64_t seed) {
  auto checked = detail::checked_clustering(X, labels, "silhouette_score");
  if (sample_size && *sample_size == 0)
    throw InvalidParameter("sample_size", "sample_size must be at least 1, got 0");
  if (!sample_size || *sample_size >= X.n_rows) return arma::mean(silhouette(X, checked, metric));
  // The first sample_size entries of a random permutation (Fisher-Yates, stopped early).
  std::vector<arma::uword> order(X.n_rows);
  for (Index i = 0; i < X.n_rows; ++i) order[i] = i;
  Random random(seed);
  for (Index i = 0; i < *sample_size; ++i)
    std::swap(order[i], order[i + random.uniform_index(X.n_rows - i)]);
  const arma::uvec rows(order.data(), *sample_size);
  const Matrix X_sample = X.rows(rows);
  const Labels labels_sample = labels.elem(rows);
  checked = detail::checked_clustering(X_sample, labels_sample, "silhouette_score");
  return arma::mean(silhouette(X_sample, checked, metric));
}

}  // namespace fitkit
