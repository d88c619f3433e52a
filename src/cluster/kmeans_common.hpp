#pragma once
// What KMeans and MiniBatchKMeans share at their public boundary: the checks of fit, and
// predict, transform and score against fitted centres (n_clusters x n_features, as the user
// sees them).

#include <iosfwd>
#include <string>
#include <vector>

#include "cluster/kmeans_blocks.hpp"
#include "fitkit/core/types.hpp"

namespace fitkit::detail {

// X has rows, columns and finite values, the weights (when given) are valid, and there are at
// least n_clusters rows (DataError naming the estimator otherwise).
void check_kmeans_fit(const Matrix& X, const Vector& sample_weight, Index n_clusters,
                      const std::string& estimator);

// The mean of every column, summed in order.
RowVector column_means(const Matrix& X);

// The nearest centre of every row (as scikit-learn's _labels_inertia: ||c||² - 2 x·c).
ClusterLabels nearest_centers(const Matrix& X, const Matrix& centers);
Labels as_labels(const ClusterLabels& labels);
// The inertia of X against the centres (each row with its nearest), weighted when w is given.
double inertia_of(const Matrix& X, const Matrix& centers, const Vector& sample_weight);
// Euclidean distances of every row to every centre (scikit-learn's euclidean_distances).
Matrix center_distances(const Matrix& X, const Matrix& centers);
// "kmeans0", "kmeans1", ... (scikit-learn's get_feature_names_out: the lower-cased class name).
std::vector<std::string> center_names(const std::string& prefix, Index k);

// scikit-learn's ConvergenceWarning when the labels use fewer clusters than asked.
void warn_if_fewer_clusters(const ClusterLabels& labels, Index k, const std::string& estimator);

// Centres, for `fitkit info`: one line per centre, named features.
void describe_centers(std::ostream& out, const Matrix& centers,
                      const std::vector<std::string>& feature_names);

// What a model file's centres must be: finite, n_features wide, labels below their count.
void check_loaded_centers(const Matrix& centers, Index n_features, const Labels& labels);

}  // namespace fitkit::detail
