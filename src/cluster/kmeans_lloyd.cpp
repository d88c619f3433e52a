#include "cluster/kmeans_assign.hpp"
#include "cluster/kmeans_run.hpp"
#include "cluster/kmeans_update.hpp"

namespace fitkit::detail {

KMeansRun lloyd_run(const Matrix& Xt, const Vector& w, Matrix centers, Index max_iter, double tol) {
  const Index n = Xt.n_cols;
  KMeansRun run;
  ClusterLabels labels, labels_old(n, -1);
  const Vector x_norms = sample_squared_norms(Xt);
  bool strict = false;
  Index i = 0;
  for (; i < max_iter; ++i) {
    ClusterSums sums;
    assign_labels(Xt, w, centers, labels, &sums, &x_norms);
    relocate_empty_clusters(Xt, w, centers, labels, sums);
    Matrix centers_new = average_centers(sums);
    const Vector shift = center_shift(centers, centers_new);
    centers = std::move(centers_new);
    if (labels == labels_old) {
      strict = true;
      break;
    }
    if (arma::accu(arma::square(shift)) <= tol) break;
    labels_old = labels;
  }
  if (!strict) assign_labels(Xt, w, centers, labels, nullptr, &x_norms);
  run.n_iter = std::min(i + 1, max_iter);
  run.inertia = kmeans_inertia(Xt, w, centers, labels);
  run.centers = std::move(centers);
  run.labels = std::move(labels);
  return run;
}

}  // namespace fitkit::detail
