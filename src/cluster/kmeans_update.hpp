#pragma once
// The M-step of k-means as scikit-learn's _k_means_common: empty clusters relocated, the sums
// averaged into centres, how far each centre moved; and the pieces of fit around the runs.

#include "cluster/kmeans_blocks.hpp"

namespace fitkit::detail {

// scikit-learn's _relocate_empty_clusters_dense: each cluster of zero weight takes, in turn,
// the sample farthest from its centre in `old_centers` (the farthest first; ties to the lower
// index), which leaves its own cluster's sum.
void relocate_empty_clusters(const Matrix& Xt, const Vector& w, const Matrix& old_centers,
                             const ClusterLabels& labels, ClusterSums& sums);

// The new centres: sums over weights, where the weight is positive (else the sum as it is).
Matrix average_centers(const ClusterSums& sums);

// ||new_c - old_c|| for every centre.
Vector center_shift(const Matrix& old_centers, const Matrix& new_centers);

// Whether two labellings are the same partition up to renumbering (scikit-learn's
// _is_same_clustering).
bool same_clustering(const ClusterLabels& a, const ClusterLabels& b, Index k);

// scikit-learn's _tolerance: tol times the mean of the per-feature variances of X (n x d).
double kmeans_tolerance(const Matrix& X, double tol);

// X (n x d) transposed to d x n, less `shift` (one value per feature) on the way.
Matrix transposed_minus(const Matrix& X, const RowVector& shift);

}  // namespace fitkit::detail
