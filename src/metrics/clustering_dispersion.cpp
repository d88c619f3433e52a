// The metrics from cluster centroids: Calinski-Harabasz and Davies-Bouldin.

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "clustering_common.hpp"
#include "fitkit/metrics/clustering.hpp"

namespace fitkit {
namespace {

// One centroid per row: each cluster's rows summed in order, over its size.
Matrix centroids(const Matrix& X, const detail::EncodedLabels& labels) {
  const Index k = labels.counts.size();
  Matrix c(k, X.n_cols, arma::fill::zeros);
  for (Index f = 0; f < X.n_cols; ++f) {
    const double* x = X.colptr(f);
    double* to = c.colptr(f);
    for (Index i = 0; i < X.n_rows; ++i) to[labels.index[i]] += x[i];
  }
  for (Index l = 0; l < k; ++l) c.row(l) /= static_cast<double>(labels.counts[l]);
  return c;
}

// ||x_i - c_label(i)||² for every row.
Vector squared_distances_to_centroids(const Matrix& X, const detail::EncodedLabels& labels,
                                      const Matrix& c) {
  Vector out(X.n_rows, arma::fill::zeros);
  for (Index f = 0; f < X.n_cols; ++f) {
    const double* x = X.colptr(f);
    const double* centre = c.colptr(f);
    for (Index i = 0; i < X.n_rows; ++i) {
      const double diff = x[i] - centre[labels.index[i]];
      out[i] += diff * diff;
    }
  }
  return out;
}

}  // namespace

double calinski_harabasz_score(const Matrix& X, const Labels& labels) {
  const auto encoded = detail::checked_clustering(X, labels, "calinski_harabasz_score");
  const Index n = X.n_rows, k = encoded.counts.size();
  const Matrix c = centroids(X, encoded);
  const RowVector mean = arma::mean(X, 0);
  // Per cluster, then added over the clusters in order, as scikit-learn.
  Vector within(k, arma::fill::zeros);
  const Vector squared = squared_distances_to_centroids(X, encoded, c);
  for (Index i = 0; i < n; ++i) within(encoded.index[i]) += squared(i);
  double extra = 0, intra = 0;
  for (Index l = 0; l < k; ++l) {
    extra += static_cast<double>(encoded.counts[l]) * arma::accu(arma::square(c.row(l) - mean));
    intra += within(l);
  }
  if (intra == 0) return 1.0;
  return extra * static_cast<double>(n - k) / (intra * (static_cast<double>(k) - 1.0));
}

double davies_bouldin_score(const Matrix& X, const Labels& labels) {
  const auto encoded = detail::checked_clustering(X, labels, "davies_bouldin_score");
  const Index k = encoded.counts.size();
  const Matrix c = centroids(X, encoded);
  // The mean distance of each cluster's samples to its centroid, and the distances between
  // centroids, each as the square root of a sum of squared differences (scikit-learn takes
  // them through ||x||² - 2 x·c + ||c||², exact only to about sqrt(eps) ||x||).
  const Vector squared = squared_distances_to_centroids(X, encoded, c);
  Vector spread(k, arma::fill::zeros);
  for (Index i = 0; i < X.n_rows; ++i) spread(encoded.index[i]) += std::sqrt(squared(i));
  for (Index l = 0; l < k; ++l) spread(l) /= static_cast<double>(encoded.counts[l]);
  Matrix between(k, k);
  for (Index a = 0; a < k; ++a)
    for (Index b = 0; b < k; ++b)
      between(a, b) = std::sqrt(arma::accu(arma::square(c.row(a) - c.row(b))));
  // scikit-learn's np.allclose(..., 0): every value within 1e-8 of 0.
  if (arma::all(arma::abs(spread) <= 1e-8) || arma::all(arma::vectorise(between) <= 1e-8))
    return 0.0;
  double total = 0;
  for (Index a = 0; a < k; ++a) {
    double worst = 0;
    for (Index b = 0; b < k; ++b)
      if (between(a, b) != 0) worst = std::max(worst, (spread(a) + spread(b)) / between(a, b));
    total += worst;
  }
  return total / static_cast<double>(k);
}

}  // namespace fitkit
