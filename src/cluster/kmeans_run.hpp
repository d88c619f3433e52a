#pragma once
// One k-means run from given centres, as scikit-learn's _kmeans_single_lloyd and
// _kmeans_single_elkan: iterate until the labels no longer change ("strict convergence"), the
// squared centre shift is at most tol, or max_iter; without strict convergence, one more E-step
// labels the samples against the final centres. The inertia is of those labels.

#include "cluster/kmeans_blocks.hpp"

namespace fitkit::detail {

struct KMeansRun {
  Matrix centers;  // d x k
  ClusterLabels labels;
  double inertia = 0;
  Index n_iter = 0;
};

// Xt: d x n samples; w: n weights; centers: d x k starting centres; tol: absolute (on the sum of
// squared centre shifts), as kmeans_tolerance gives it. Lloyd's search runs in single precision
// (kmeans_packed.hpp), and its sums are updated by the samples that changed cluster: the same
// labels and iterations as scikit-learn's, the centres and inertia to rounding.
KMeansRun lloyd_run(const Matrix& Xt, const Vector& w, Matrix centers, Index max_iter, double tol);
// Elkan's bounds (ICML 2003) skip most distance computations; the same answer up to rounding.
// k >= 2.
KMeansRun elkan_run(const Matrix& Xt, const Vector& w, Matrix centers, Index max_iter, double tol);

}  // namespace fitkit::detail
