#include "cluster/kmeans_assign.hpp"

#include <limits>

#include "cluster/kmeans_block.hpp"

namespace fitkit::detail {
namespace {

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
  const BlockNearest prototype(centers);
  const double max_norm = prototype.max_center_norm();
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
    BlockNearest nearest = prototype;
    for (Index b = begin; b < end; b += BlockNearest::kMaxSamples) {
      const Index m = std::min(BlockNearest::kMaxSamples, end - b);
      nearest.search(Xt.colptr(b), m);
      for (Index s = 0; s < m; ++s) {
        const double* x = Xt.colptr(b + s);
        const double best = nearest.best(s), second = nearest.second(s);
        std::int32_t label = nearest.label(s);
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
            if (!(nearest.score(c, s) <= within + slack_per_norm * max_norm_bound)) continue;
            const double exact = squared_distance(x, centers.colptr(c), d);
            if (exact < exact_best) {
              exact_best = exact;
              label = static_cast<std::int32_t>(c);
            }
          }
        }
        labels[b + s] = label;
      }
      if (partial != nullptr)
        add_to_cluster_sums(Xt.colptr(b), d, m, labels.data() + b, w.memptr() + b, *partial);
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
