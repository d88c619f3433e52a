#include "cluster/kmeans_update.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "cluster/kmeans_assign.hpp"
#include "core/huge_pages.hpp"

namespace fitkit::detail {

void relocate_empty_clusters(const Matrix& Xt, const Vector& w, const Matrix& old_centers,
                             const ClusterLabels& labels, ClusterSums& sums) {
  const Index d = Xt.n_rows, n = Xt.n_cols, k = sums.weights.n_elem;
  std::vector<Index> empty;
  for (Index c = 0; c < k; ++c)
    if (sums.weights[c] == 0) empty.push_back(c);
  if (empty.empty()) return;
  std::vector<double> distance(n);
  for (Index i = 0; i < n; ++i)
    distance[i] = squared_distance(Xt.colptr(i), old_centers.colptr(labels[i]), d);
  std::vector<Index> order(n);
  std::iota(order.begin(), order.end(), Index{0});
  const auto farther = [&](Index a, Index b) {
    return distance[a] > distance[b] || (distance[a] == distance[b] && a < b);
  };
  const std::size_t n_empty = std::min<std::size_t>(empty.size(), n);
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n_empty),
                    order.end(), farther);
  for (std::size_t e = 0; e < n_empty; ++e) {
    const Index far = order[e], to = empty[e];
    const Index from = static_cast<Index>(labels[far]);
    const double weight = w[far];
    const double* x = Xt.colptr(far);
    for (Index j = 0; j < d; ++j) {
      sums.sums(j, from) -= x[j] * weight;
      sums.sums(j, to) = x[j] * weight;
    }
    sums.weights[to] = weight;
    sums.weights[from] -= weight;
  }
}

Matrix average_centers(const ClusterSums& sums) {
  Matrix centers = sums.sums;
  for (Index c = 0; c < centers.n_cols; ++c)
    if (sums.weights[c] > 0) centers.col(c) *= 1.0 / sums.weights[c];
  return centers;
}

Vector center_shift(const Matrix& old_centers, const Matrix& new_centers) {
  Vector shift(old_centers.n_cols);
  for (Index c = 0; c < old_centers.n_cols; ++c)
    shift[c] = std::sqrt(
        squared_distance(old_centers.colptr(c), new_centers.colptr(c), old_centers.n_rows));
  return shift;
}

bool same_clustering(const ClusterLabels& a, const ClusterLabels& b, Index k) {
  std::vector<std::int32_t> mapping(k, -1);
  for (std::size_t i = 0; i < a.size(); ++i) {
    std::int32_t& m = mapping[static_cast<std::size_t>(a[i])];
    if (m == -1)
      m = b[i];
    else if (m != b[i])
      return false;
  }
  return true;
}

double kmeans_tolerance(const Matrix& X, double tol) {
  if (tol == 0) return 0;
  double total = 0;
  for (Index j = 0; j < X.n_cols; ++j) {
    const double* x = X.colptr(j);
    double mean = 0;
    for (Index i = 0; i < X.n_rows; ++i) mean += x[i];
    mean /= static_cast<double>(X.n_rows);
    double var = 0;
    for (Index i = 0; i < X.n_rows; ++i) var += (x[i] - mean) * (x[i] - mean);
    total += var / static_cast<double>(X.n_rows);
  }
  return total / static_cast<double>(X.n_cols) * tol;
}

Matrix transposed_minus(const Matrix& X, const RowVector& shift) {
  const Index n = X.n_rows, d = X.n_cols;
  Matrix Xt(d, n, arma::fill::none);  // every element is written below
  advise_huge_pages(Xt.memptr(), Xt.n_elem * sizeof(double));
  constexpr Index kTile = 64;  // rows at a time: the d columns of a tile stay in cache
  const int threads = threads_for(static_cast<double>(n * d) * 2 * kStreamNanoseconds,
                                  static_cast<double>((n + kTile - 1) / kTile));
#pragma omp parallel for schedule(static) num_threads(threads)
  for (Index i0 = 0; i0 < n; i0 += kTile) {
    const Index i1 = std::min(n, i0 + kTile);
    for (Index j = 0; j < d; ++j) {
      const double* x = X.colptr(j);
      const double s = shift[j];
      for (Index i = i0; i < i1; ++i) Xt(j, i) = x[i] - s;
    }
  }
  return Xt;
}

}  // namespace fitkit::detail
