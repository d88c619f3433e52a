#include "cluster/kmeans_assign.hpp"

#include <limits>

#include "cluster/kmeans_block.hpp"

namespace fitkit::detail {

Vector sample_squared_norms(const Matrix& Xt) {
  Vector norms(Xt.n_cols);
  for (Index i = 0; i < Xt.n_cols; ++i) norms[i] = squared_norm(Xt.colptr(i), Xt.n_rows);
  return norms;
}

namespace {
constexpr double kUnknownNorm = std::numeric_limits<double>::quiet_NaN();
}  // namespace

void assign_labels(const Matrix& Xt, const Vector& w, const Matrix& centers, ClusterLabels& labels,
                   ClusterSums* sums, const Vector* x_norms) {
  const Index d = Xt.n_rows, n = Xt.n_cols, k = centers.n_cols;
  labels.resize(n);
  const BlockNearest prototype(centers, x_norms != nullptr && !x_norms->is_empty()
                                            ? x_norms->max()
                                            : std::numeric_limits<double>::infinity());
  const int threads = kmeans_pass_threads(n, d, k);
  over_sample_ranges(n, d, k, threads, sums, [&](Index begin, Index end, ClusterSums* partial) {
    BlockNearest nearest = prototype;
    for (Index b = begin; b < end; b += BlockNearest::kMaxSamples) {
      const Index m = std::min(BlockNearest::kMaxSamples, end - b);
      nearest.search(Xt.colptr(b), m);
      for (Index s = 0; s < m; ++s)
        labels[b + s] = nearest.nearest(s, Xt.colptr(b + s),
                                        x_norms != nullptr ? (*x_norms)[b + s] : kUnknownNorm);
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
