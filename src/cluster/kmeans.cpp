#include "fitkit/cluster/kmeans.hpp"

#include "core/payload.hpp"

#include <cmath>
#include <ostream>

#include "cluster/kmeans_common.hpp"
#include "cluster/kmeans_run.hpp"
#include "cluster/kmeans_seeding.hpp"
#include "cluster/kmeans_update.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/progress.hpp"
#include "fitkit/core/random.hpp"
#include "fitkit/core/validation.hpp"

namespace fitkit {

Tags KMeans::tags() const {
  Tags t = Clusterer::tags();
  t.sample_weight = true;
  t.predict = true;
  t.transform = true;
  t.score = true;
  return t;
}

KMeans& KMeans::fit(const Matrix& X, const Vector& sample_weight) {
  fit_values(X, Vector(), sample_weight);
  return *this;
}

void KMeans::fit_values(const Matrix& X, const Vector& /*y*/, const Vector& sample_weight) {
  validate_params(params_);
  const Index k = static_cast<Index>(params_.n_clusters);
  detail::check_kmeans_fit(X, sample_weight, k, type_name());
  const Index d = X.n_cols;
  // Given centres are read and checked before any work.
  const Matrix given = params_.init.is_given() ? params_.init.given_centers(k, d) : Matrix();
  const double tol = detail::kmeans_tolerance(X, params_.tol);

  // Centred, for precise distances (scikit-learn does the same), with samples as columns.
  const RowVector mean = detail::column_means(X);
  const Matrix Xt = detail::transposed_minus(X, mean);
  const Vector w = weights_or_ones(sample_weight, X.n_rows);
  const int runs = resolve_n_init(params_.n_init, params_.init, 10);
  // Elkan's bounds need a second centre (scikit-learn falls back to lloyd too).
  const bool elkan = params_.algorithm == KMeansAlgorithm::elkan && k > 1;
  const Index max_iter = static_cast<Index>(params_.max_iter);

  const Random random(params_.seed);
  detail::KMeansRun best;
  bool have_best = false;
  Progress progress(type_name(), static_cast<std::size_t>(runs));
  for (int r = 0; r < runs; ++r) {
    Random stream = random.substream(static_cast<std::uint64_t>(r));
    Matrix start;
    switch (params_.init.method) {
      case KMeansInitMethod::kmeans_plus_plus:
        start = detail::kmeans_plusplus(Xt, k, stream);
        break;
      case KMeansInitMethod::random:
        start = detail::random_samples(Xt, k, stream);
        break;
      case KMeansInitMethod::given:
        start = (given.each_row() - mean).t();
        break;
    }
    detail::KMeansRun run = elkan ? detail::elkan_run(Xt, w, std::move(start), max_iter, tol)
                                  : detail::lloyd_run(Xt, w, std::move(start), max_iter, tol);
    // A run replaces the best only with less inertia and another partition: the same clustering
    // can differ in inertia by rounding alone (scikit-learn's rule).
    if (!have_best ||
        (run.inertia < best.inertia && !detail::same_clustering(run.labels, best.labels, k))) {
      best = std::move(run);
      have_best = true;
    }
    progress.update(static_cast<std::size_t>(r + 1));
  }
  progress.finish();
  detail::warn_if_fewer_clusters(best.labels, k, type_name());

  reset_fitted();
  cluster_centers_ = best.centers.t();
  cluster_centers_.each_row() += mean;
  labels_ = detail::as_labels(best.labels);
  inertia_ = best.inertia;
  n_iter_ = best.n_iter;
  set_n_features_in(d);
}

Labels KMeans::predict(const Matrix& X) const {
  check_predict_input(X);
  return detail::as_labels(detail::nearest_centers(X, cluster_centers_));
}

Matrix KMeans::transform(const Matrix& X) const {
  check_predict_input(X);
  return detail::center_distances(X, cluster_centers_);
}

double KMeans::score(const Matrix& X, const Vector& sample_weight) const {
  return score_values(X, Vector(), sample_weight);
}

double KMeans::score_values(const Matrix& X, const Vector& /*y*/,
                            const Vector& sample_weight) const {
  check_predict_input(X);
  if (!sample_weight.is_empty()) check_sample_weight(sample_weight, X.n_rows);
  return -detail::inertia_of(X, cluster_centers_, sample_weight);
}

std::vector<std::string> KMeans::feature_names_out() const {
  return detail::center_names("kmeans", cluster_centers().n_rows);
}

const Matrix& KMeans::cluster_centers() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return cluster_centers_;
}

double KMeans::inertia() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return inertia_;
}

Index KMeans::n_iter() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return n_iter_;
}

void KMeans::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  out << "inertia: " << detail::format_double(inertia_) << "\n";
  out << "n_iter: " << n_iter_ << "\n";
  detail::describe_centers(out, cluster_centers_, feature_names());
}

template <class Archive>
void KMeans::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::uint64_t n_iter = n_iter_;
  ar(cereal::make_nvp("cluster_centers", detail::arma_ref(cluster_centers_)),
     cereal::make_nvp("inertia", inertia_), cereal::make_nvp("n_iter", n_iter));
  if constexpr (Archive::is_loading::value) {
    n_iter_ = static_cast<Index>(n_iter);
    detail::check_loaded_centers(cluster_centers_, n_features_in(), labels_);
    if (!std::isfinite(inertia_) || inertia_ < 0) throw detail::FormatProblem("a bad inertia");
  }
}

FITKIT_DEFINE_PAYLOAD(KMeans)

}  // namespace fitkit
