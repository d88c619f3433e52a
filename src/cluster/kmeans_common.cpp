#include "cluster/kmeans_common.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <set>

#include "cluster/kmeans_assign.hpp"
#include "core/format_problem.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/pairwise.hpp"
#include "fitkit/core/params.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/core/warnings.hpp"

namespace fitkit::detail {

void check_kmeans_fit(const Matrix& X, const Vector& sample_weight, Index n_clusters,
                      const std::string& estimator) {
  check_fit_input(X, estimator);
  if (!sample_weight.is_empty()) check_sample_weight(sample_weight, X.n_rows);
  if (X.n_rows < n_clusters)
    throw DataError(estimator + ": X has " + std::to_string(X.n_rows) +
                    (X.n_rows == 1 ? " sample" : " samples") + ", fewer than n_clusters (" +
                    std::to_string(n_clusters) + ")");
}

RowVector column_means(const Matrix& X) {
  RowVector mean(X.n_cols);
  for (Index j = 0; j < X.n_cols; ++j) {
    const double* x = X.colptr(j);
    double s = 0;
    for (Index i = 0; i < X.n_rows; ++i) s += x[i];
    mean[j] = s / static_cast<double>(X.n_rows);
  }
  return mean;
}

ClusterLabels nearest_centers(const Matrix& X, const Matrix& centers) {
  ClusterLabels labels;
  const Matrix Xt = X.t();
  const Vector w(X.n_rows, arma::fill::ones);
  assign_labels(Xt, w, centers.t(), labels);
  return labels;
}

Labels as_labels(const ClusterLabels& labels) {
  Labels out(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) out[i] = labels[i];
  return out;
}

double inertia_of(const Matrix& X, const Matrix& centers, const Vector& sample_weight) {
  const Matrix Xt = X.t(), Ct = centers.t();
  const Vector w = weights_or_ones(sample_weight, X.n_rows);
  ClusterLabels labels;
  assign_labels(Xt, w, Ct, labels);
  return kmeans_inertia(Xt, w, Ct, labels);
}

Matrix center_distances(const Matrix& X, const Matrix& centers) {
  return arma::sqrt(pairwise_squared_distances(X, centers));
}

std::vector<std::string> center_names(const std::string& prefix, Index k) {
  std::vector<std::string> names;
  for (Index c = 0; c < k; ++c) names.push_back(prefix + std::to_string(c));
  return names;
}

void warn_if_fewer_clusters(const ClusterLabels& labels, Index k, const std::string& estimator) {
  const std::set<std::int32_t> distinct(labels.begin(), labels.end());
  if (distinct.size() < k)
    warn(WarningKind::convergence, estimator + ": number of distinct clusters (" +
                                       std::to_string(distinct.size()) +
                                       ") found smaller than n_clusters (" + std::to_string(k) +
                                       "); possibly due to duplicate points in X");
}

void describe_centers(std::ostream& out, const Matrix& centers,
                      const std::vector<std::string>& feature_names) {
  out << "cluster_centers:\n";
  for (Index c = 0; c < centers.n_rows; ++c) {
    out << "  " << c << ":";
    for (Index j = 0; j < centers.n_cols; ++j) {
      const std::string name =
          j < feature_names.size() ? feature_names[j] : "x" + std::to_string(j);
      out << (j == 0 ? " " : ", ") << name << " " << format_double(centers(c, j));
    }
    out << "\n";
  }
}

void check_loaded_centers(const Matrix& centers, Index n_features, const Labels& labels) {
  if (centers.n_rows == 0 || centers.n_cols != n_features)
    throw FormatProblem("cluster_centers are " + std::to_string(centers.n_rows) + " x " +
                        std::to_string(centers.n_cols) + " for " + std::to_string(n_features) +
                        " features");
  if (!centers.is_finite()) throw FormatProblem("non-finite cluster centres");
  if (!labels.is_empty() && labels.max() >= static_cast<std::int64_t>(centers.n_rows))
    throw FormatProblem("a label beyond the clusters");
  if (!labels.is_empty() && labels.min() < 0) throw FormatProblem("a negative cluster label");
}

}  // namespace fitkit::detail
