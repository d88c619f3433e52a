#include "cluster/kmeans_assign.hpp"

#include <limits>

namespace fitkit::detail {
namespace {

double squared_norm(const double* x, Index d) {
  double s = 0;
  for (Index j = 0; j < d; ++j) s += x[j] * x[j];
  return s;
}

}  // namespace

void assign_labels(const Matrix& Xt, const Vector& w, const Matrix& centers, ClusterLabels& labels,
                   ClusterSums* sums) {
  const Index d = Xt.n_rows, n = Xt.n_cols, k = centers.n_cols;
  labels.resize(n);
  const Matrix minus_two_ct = -2.0 * centers.t();  // k x d; the scaling by -2 is exact
  const RowVector norms = arma::sum(arma::square(centers), 0);
  const double max_norm = norms.is_empty() ? 0.0 : norms.max();
  // A bound on the rounding of ||c||² - 2 x·c (a dot product of d terms, and the norm) relative
  // to ||x||² + ||c||², with room to spare.
  const double slack_per_norm =
      8.0 * static_cast<double>(d + 2) * std::numeric_limits<double>::epsilon();
  const int threads = kmeans_pass_threads(n, d, k);
  // One thread: OpenBLAS would thread each block's GEMM itself; inside a region of two or more
  // threads it runs them serially.
  const ScopedThreadLimit serial_blas(threads);
  over_sample_ranges(n, d, k, threads, sums, [&](Index begin, Index end, ClusterSums* partial) {
    Matrix cross(k, kKMeansBlockRows);
    for (Index b = begin; b < end; b += kKMeansBlockRows) {
      const Index m = std::min(kKMeansBlockRows, end - b);
      const Matrix block(const_cast<double*>(Xt.colptr(b)), d, m, false, true);
      if (cross.n_cols != m) cross.set_size(k, m);
      cross = minus_two_ct * block;
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
            second - best <= slack_per_norm * (squared_norm(x, d) + max_norm)) {
          const double within = best + slack_per_norm * (squared_norm(x, d) + max_norm);
          double exact_best = std::numeric_limits<double>::infinity();
          for (Index c = 0; c < k; ++c) {
            if (!(norms[c] + g[c] <= within)) continue;
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
