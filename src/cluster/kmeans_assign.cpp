#include "cluster/kmeans_assign.hpp"

#include <limits>

#include "core/vector_clones.hpp"

namespace fitkit::detail {
namespace {

// out(c, s) = sum_j ct(c, j) x(j, s) for a block of m samples: ct is k x d (column j the j-th
// feature of every centre, contiguous), x d x m, out k x m. A GEMM of k x d by d x m, written
// out: with k and d in the tens, OpenBLAS spends more on packing its buffers for each block
// than on the products. Compiled for AVX2 too (the same sums, wider).
FITKIT_VECTOR_CLONES void block_cross(const double* ct, const double* x, Index k, Index d, Index m,
                                      double* out) {
  constexpr Index kSamples = 4, kCenters = 8;  // a tile of sums held in registers
  Index s = 0;
  for (; s + kSamples <= m; s += kSamples) {
    Index c0 = 0;
    for (; c0 + kCenters <= k; c0 += kCenters) {
      double acc[kSamples][kCenters] = {};
      for (Index j = 0; j < d; ++j) {
        const double* cj = ct + j * k + c0;
        for (Index t = 0; t < kSamples; ++t) {
          const double xj = x[(s + t) * d + j];
          for (Index c = 0; c < kCenters; ++c) acc[t][c] += xj * cj[c];
        }
      }
      for (Index t = 0; t < kSamples; ++t)
        for (Index c = 0; c < kCenters; ++c) out[(s + t) * k + c0 + c] = acc[t][c];
    }
    for (; c0 < k; ++c0)
      for (Index t = 0; t < kSamples; ++t) {
        double sum = 0;
        for (Index j = 0; j < d; ++j) sum += x[(s + t) * d + j] * ct[j * k + c0];
        out[(s + t) * k + c0] = sum;
      }
  }
  for (; s < m; ++s)
    for (Index c = 0; c < k; ++c) {
      double sum = 0;
      for (Index j = 0; j < d; ++j) sum += x[s * d + j] * ct[j * k + c];
      out[s * k + c] = sum;
    }
}

double squared_norm(const double* x, Index d) {
  double s = 0;
  for (Index j = 0; j < d; ++j) s += x[j] * x[j];
  return s;
}

}  // namespace

Vector sample_squared_norms(const Matrix& Xt) {
  Vector norms(Xt.n_cols);
  for (Index i = 0; i < Xt.n_cols; ++i) norms[i] = squared_norm(Xt.colptr(i), Xt.n_rows);
  return norms;
}

void assign_labels(const Matrix& Xt, const Vector& w, const Matrix& centers, ClusterLabels& labels,
                   ClusterSums* sums, const Vector* x_norms) {
  const Index d = Xt.n_rows, n = Xt.n_cols, k = centers.n_cols;
  labels.resize(n);
  const Matrix minus_two_ct = -2.0 * centers.t();  // k x d; the scaling by -2 is exact
  const RowVector norms = arma::sum(arma::square(centers), 0);
  const double max_norm = norms.is_empty() ? 0.0 : norms.max();
  // A bound on the rounding of ||c||² - 2 x·c (a dot product of d terms, and the norm) relative
  // to ||x||² + ||c||², with room to spare.
  const double slack_per_norm =
      8.0 * static_cast<double>(d + 2) * std::numeric_limits<double>::epsilon();
  // The largest ||x||² + ||c||² the bound can involve: a sample's own norm is looked at only
  // when its two nearest centres are within this much.
  const double max_norm_bound =
      (x_norms != nullptr && !x_norms->is_empty() ? x_norms->max()
                                                  : std::numeric_limits<double>::infinity()) +
      max_norm;
  const int threads = kmeans_pass_threads(n, d, k);
  over_sample_ranges(n, d, k, threads, sums, [&](Index begin, Index end, ClusterSums* partial) {
    Matrix cross(k, kKMeansBlockRows);
    for (Index b = begin; b < end; b += kKMeansBlockRows) {
      const Index m = std::min(kKMeansBlockRows, end - b);
      const Matrix block(const_cast<double*>(Xt.colptr(b)), d, m, false, true);
      block_cross(minus_two_ct.memptr(), block.memptr(), k, d, m, cross.memptr());
      for (Index s = 0; s < m; ++s) {
        const double* g = cross.colptr(s);
        const double* x = block.colptr(s);
        double best = norms[0] + g[0], second = std::numeric_limits<double>::infinity();
        std::int32_t label = 0;
        for (Index c = 1; c < k; ++c) {
          const double dist = norms[c] + g[c];
          if (dist < best) {
            second = best;
            best = dist;
            label = static_cast<std::int32_t>(c);
          } else if (dist < second) {
            second = dist;
          }
        }
        // Two centres closer than the GEMM's rounding can tell apart (a tie, as data rows for
        // centres on integer data give): the one nearer by the differences themselves, the
        // first of exact ties, as Elkan's exact distances decide.
        if (second - best <= slack_per_norm * max_norm ||
            (second - best <= slack_per_norm * max_norm_bound &&
             second - best <=
                 slack_per_norm *
                     ((x_norms != nullptr ? (*x_norms)[b + s] : squared_norm(x, d)) + max_norm))) {
          const double within = second;  // every centre up to the second: ties of three too
          double exact_best = std::numeric_limits<double>::infinity();
          for (Index c = 0; c < k; ++c) {
            if (!(norms[c] + g[c] <= within + slack_per_norm * max_norm_bound)) continue;
            const double exact = squared_distance(x, centers.colptr(c), d);
            if (exact < exact_best) {
              exact_best = exact;
              label = static_cast<std::int32_t>(c);
            }
          }
        }
        labels[b + s] = label;
        if (partial != nullptr) {
          const double weight = w[b + s];
          double* sum = partial->sums.colptr(static_cast<Index>(label));
          for (Index j = 0; j < d; ++j) sum[j] += x[j] * weight;
          partial->weights[static_cast<Index>(label)] += weight;
        }
      }
    }
  });
}

double kmeans_inertia(const Matrix& Xt, const Vector& w, const Matrix& centers,
                      const ClusterLabels& labels) {
  const Index d = Xt.n_rows, n = Xt.n_cols;
  const Index n_ranges = (n + kKMeansReductionRows - 1) / kKMeansReductionRows;
  std::vector<double> partials(n_ranges, 0.0);
  const int threads = threads_for(static_cast<double>(n * d) * 2 * kStreamNanoseconds,
                                  static_cast<double>(n_ranges));
#pragma omp parallel for schedule(static) num_threads(threads)
  for (Index r = 0; r < n_ranges; ++r) {
    const Index end = std::min(n, (r + 1) * kKMeansReductionRows);
    double s = 0;
    for (Index i = r * kKMeansReductionRows; i < end; ++i)
      s += w[i] * squared_distance(Xt.colptr(i), centers.colptr(labels[i]), d);
    partials[r] = s;
  }
  double total = 0;
  for (const double p : partials) total += p;
  return total;
}

}  // namespace fitkit::detail
