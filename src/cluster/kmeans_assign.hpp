#pragma once
// The E-step of k-means as scikit-learn computes it (lloyd_iter_chunked_dense): each sample's
// nearest centre by ||c||² - 2 x·c, the cross terms one GEMM per block of samples; ties go to
// the first centre. With `sums`, the same pass adds each sample, weighted, to its cluster's sum
// (the M-step's input). The inertia is computed apart, from the differences themselves.

#include "cluster/kmeans_blocks.hpp"

namespace fitkit::detail {

// Xt: d x n samples; w: n weights; centers: d x k. labels is resized to n. x_norms: ||x_i||²
// when at hand (a fit's iterations reuse them), for the bound on the GEMM's rounding.
void assign_labels(const Matrix& Xt, const Vector& w, const Matrix& centers, ClusterLabels& labels,
                   ClusterSums* sums = nullptr, const Vector* x_norms = nullptr);

// ||x_i||² of every sample (column) of Xt.
Vector sample_squared_norms(const Matrix& Xt);

// sum_i w_i ||x_i - c_{label_i}||², summed over fixed ranges in order.
double kmeans_inertia(const Matrix& Xt, const Vector& w, const Matrix& centers,
                      const ClusterLabels& labels);

// ||a - b||² of two columns of d values, summed in order.
inline double squared_distance(const double* a, const double* b, Index d) {
  double s = 0;
  for (Index j = 0; j < d; ++j) {
    const double diff = a[j] - b[j];
    s += diff * diff;
  }
  return s;
}

// ||x||² of d values, summed in order.
inline double squared_norm(const double* x, Index d) {
  double s = 0;
  for (Index j = 0; j < d; ++j) s += x[j] * x[j];
  return s;
}

}  // namespace fitkit::detail
