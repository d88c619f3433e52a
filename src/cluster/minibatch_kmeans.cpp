#include "fitkit/cluster/minibatch_kmeans.hpp"

#include "core/payload.hpp"

#include <cmath>
#include <optional>
#include <ostream>
#include <string>

#include "cluster/kmeans_assign.hpp"
#include "cluster/kmeans_common.hpp"
#include "cluster/kmeans_seeding.hpp"
#include "cluster/kmeans_update.hpp"
#include "cluster/minibatch_step.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/progress.hpp"
#include "fitkit/core/random.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/core/warnings.hpp"

namespace fitkit {
namespace {

std::vector<Index> draw_rows(Index n, Index count, Random& rng) {
  std::vector<Index> rows(count);
  for (Index& row : rows) row = rng.uniform_index(n);
  return rows;
}

// scikit-learn's init_size: 3 x batch_size unless given, at least 3 x n_clusters, at most n.
// A given init_size below n_clusters is replaced with a warning, as scikit-learn's
// _check_params_vs_input does (its RuntimeWarning, in its words).
Index init_size_for(const MiniBatchKMeansParams& params, Index batch_size, Index n,
                    const std::string& estimator) {
  const Index k = static_cast<Index>(params.n_clusters);
  Index size = params.init_size ? static_cast<Index>(*params.init_size) : 3 * batch_size;
  if (size < k) {
    if (params.init_size)
      warn(WarningKind::runtime, estimator + ": init_size=" + std::to_string(size) +
                                     " should be larger than n_clusters=" + std::to_string(k) +
                                     ". Setting it to min(3*n_clusters, n_samples)");
    size = 3 * k;
  }
  return std::min(size, n);
}

// The first centres (d x k) from Xt (d x n): on init_size samples drawn with replacement when
// that is fewer than n.
Matrix initial_centers(const Matrix& Xt, Index k, const KMeansInit& init, Index init_size,
                       Random& rng) {
  const Index d = Xt.n_rows, n = Xt.n_cols;
  if (init.is_given()) return init.given_centers(k, d).t();
  const Matrix subset =
      init_size < n ? detail::sample_columns(Xt, draw_rows(n, init_size, rng)) : Matrix();
  const Matrix& from = init_size < n ? subset : Xt;
  return init.method == KMeansInitMethod::random ? detail::random_samples(from, k, rng)
                                                 : detail::kmeans_plusplus(from, k, rng);
}

// scikit-learn's _mini_batch_convergence: early stopping on the smoothed batch inertia.
struct Convergence {
  std::optional<double> ewa, ewa_min;
  Index no_improvement = 0;

  bool stop(Index step, Index n, Index batch_size, double centers_squared_diff,
            double batch_inertia, double tol, const std::optional<int>& max_no_improvement) {
    batch_inertia /= static_cast<double>(batch_size);
    if (step == 0) return false;  // the first inertia is the initialisation's
    if (!ewa) {
      ewa = batch_inertia;
    } else {
      const double alpha =
          std::min(1.0, static_cast<double>(batch_size) * 2.0 / (static_cast<double>(n) + 1.0));
      ewa = *ewa * (1 - alpha) + batch_inertia * alpha;
    }
    if (tol > 0 && centers_squared_diff <= tol) return true;
    if (!ewa_min || *ewa < *ewa_min) {
      no_improvement = 0;
      ewa_min = ewa;
    } else {
      ++no_improvement;
    }
    return max_no_improvement && no_improvement >= static_cast<Index>(*max_no_improvement);
  }
};

}  // namespace

Tags MiniBatchKMeans::tags() const {
  Tags t = Clusterer::tags();
  t.sample_weight = true;
  t.predict = true;
  t.transform = true;
  t.score = true;
  t.partial_fit = true;
  return t;
}

MiniBatchKMeans& MiniBatchKMeans::fit(const Matrix& X, const Vector& sample_weight) {
  fit_values(X, Vector(), sample_weight);
  return *this;
}

MiniBatchKMeans& MiniBatchKMeans::partial_fit(const Matrix& X, const Vector& sample_weight) {
  partial_fit_values(X, Vector(), Vector(), sample_weight);
  return *this;
}

bool MiniBatchKMeans::reassign_now() {
  n_since_last_reassign_ += batch_size_;
  if (arma::any(counts_ == 0) ||
      n_since_last_reassign_ >= 10 * static_cast<Index>(params_.n_clusters)) {
    n_since_last_reassign_ = 0;
    return true;
  }
  return false;
}

void MiniBatchKMeans::fit_values(const Matrix& X, const Vector& /*y*/,
                                 const Vector& sample_weight) {
  validate_params(params_);
  const Index k = static_cast<Index>(params_.n_clusters);
  detail::check_kmeans_fit(X, sample_weight, k, type_name());
  const Index n = X.n_rows, d = X.n_cols;
  const Index batch_size = std::min(static_cast<Index>(params_.batch_size), n);
  const Index init_size = init_size_for(params_, batch_size, n, type_name());
  const double tol = detail::kmeans_tolerance(X, params_.tol);
  const Matrix Xt = X.t();
  const Vector w = weights_or_ones(sample_weight, n);
  Random rng(params_.seed);

  // The best of n_init starts, judged by the inertia of another sample of init_size rows.
  const std::vector<Index> validation = draw_rows(n, init_size, rng);
  const Matrix X_valid = detail::sample_columns(Xt, validation);
  Vector w_valid(init_size);
  for (Index i = 0; i < init_size; ++i) w_valid[i] = w[validation[i]];
  Matrix centers;
  double best = 0;
  const int runs = resolve_n_init(params_.n_init, params_.init, 3);
  for (int r = 0; r < runs; ++r) {
    Matrix start = initial_centers(Xt, k, params_.init, init_size, rng);
    detail::ClusterLabels labels;
    detail::assign_labels(X_valid, w_valid, start, labels);
    const double inertia = detail::kmeans_inertia(X_valid, w_valid, start, labels);
    if (r == 0 || inertia < best) {
      centers = std::move(start);
      best = inertia;
    }
  }

  reset_fitted();
  counts_.zeros(k);
  batch_size_ = batch_size;
  n_since_last_reassign_ = 0;
  Convergence convergence;
  const Index steps = static_cast<Index>(params_.max_iter) * n / batch_size;
  Progress progress(type_name(), static_cast<std::size_t>(steps));
  Index step = 0;
  Matrix batch(d, batch_size);
  Vector batch_w(batch_size);
  for (; step < steps; ++step) {
    for (Index i = 0; i < batch_size; ++i) {
      const Index row = rng.uniform_index(n);
      batch.col(i) = Xt.col(row);
      batch_w[i] = w[row];
    }
    const Matrix old = tol > 0 ? centers : Matrix();
    const double batch_inertia = detail::minibatch_step(batch, batch_w, centers, counts_, rng,
                                                        reassign_now(), params_.reassignment_ratio);
    const double diff = tol > 0 ? arma::accu(arma::square(centers - old)) : 0.0;
    if (step % 64 == 0) progress.update(static_cast<std::size_t>(step));
    if (convergence.stop(step, n, batch_size, diff, batch_inertia, tol, params_.max_no_improvement))
      break;
  }
  progress.finish();
  n_steps_ = std::min(step + 1, steps);
  n_iter_ = (n_steps_ * batch_size + n - 1) / n;
  cluster_centers_ = centers.t();
  if (params_.compute_labels) {
    detail::ClusterLabels labels;
    detail::assign_labels(Xt, w, centers, labels);
    inertia_ = detail::kmeans_inertia(Xt, w, centers, labels);
    labels_ = detail::as_labels(labels);
  } else {
    labels_.reset();
    inertia_ = convergence.ewa.value_or(0.0) * static_cast<double>(n);
  }
  set_n_features_in(d);
}

void MiniBatchKMeans::partial_fit_values(const Matrix& X, const Vector& /*y*/,
                                         const Vector& /*classes*/, const Vector& sample_weight) {
  const bool first = !is_fitted();
  const Index k = static_cast<Index>(params_.n_clusters);
  Matrix centers;
  if (first) {
    validate_params(params_);
    detail::check_kmeans_fit(X, sample_weight, k, type_name());
    batch_size_ = std::min(static_cast<Index>(params_.batch_size), X.n_rows);
    Random rng(params_.seed);
    const Index init_size = init_size_for(params_, batch_size_, X.n_rows, type_name());
    centers = initial_centers(X.t(), k, params_.init, init_size, rng);
    counts_.zeros(k);
    n_since_last_reassign_ = 0;
    n_steps_ = 0;
    n_iter_ = 0;
  } else {
    check_fit_input(X, type_name());
    if (X.n_cols != n_features_in())
      throw DimensionMismatch("X has " + std::to_string(X.n_cols) + " features, but " +
                              type_name() + " was fitted with " + std::to_string(n_features_in()));
    if (!sample_weight.is_empty()) check_sample_weight(sample_weight, X.n_rows);
    centers = cluster_centers_.t();
  }
  const Matrix Xt = X.t();
  const Vector w = weights_or_ones(sample_weight, X.n_rows);
  // Each call's draws from its own stream: the same whether the model stayed in memory or went
  // through a model file between calls.
  Random rng = Random(params_.seed).substream(n_steps_ + 1);
  const bool reassign = reassign_now();
  detail::minibatch_step(Xt, w, centers, counts_, rng, reassign, params_.reassignment_ratio);
  if (first) reset_fitted();
  cluster_centers_ = centers.t();
  if (params_.compute_labels) {
    detail::ClusterLabels labels;
    detail::assign_labels(Xt, w, centers, labels);
    inertia_ = detail::kmeans_inertia(Xt, w, centers, labels);
    labels_ = detail::as_labels(labels);
  }
  ++n_steps_;
  if (first) set_n_features_in(X.n_cols);
}

Vector MiniBatchKMeans::fit_predict_values(const Matrix& X, const Vector& y,
                                           const Vector& sample_weight) {
  fit_values(X, y, sample_weight);
  return arma::conv_to<Vector>::from(labels_.is_empty() ? predict(X) : labels_);
}

Labels MiniBatchKMeans::fit_predict(const Matrix& X, const Vector& y, const Vector& sample_weight) {
  fit_values(X, y, sample_weight);
  return labels_.is_empty() ? predict(X) : labels_;
}

Labels MiniBatchKMeans::predict(const Matrix& X) const {
  check_predict_input(X);
  return detail::as_labels(detail::nearest_centers(X, cluster_centers_));
}

Matrix MiniBatchKMeans::transform(const Matrix& X) const {
  check_predict_input(X);
  return detail::center_distances(X, cluster_centers_);
}

double MiniBatchKMeans::score(const Matrix& X, const Vector& sample_weight) const {
  return score_values(X, Vector(), sample_weight);
}

double MiniBatchKMeans::score_values(const Matrix& X, const Vector& /*y*/,
                                     const Vector& sample_weight) const {
  check_predict_input(X);
  if (!sample_weight.is_empty()) check_sample_weight(sample_weight, X.n_rows);
  return -detail::inertia_of(X, cluster_centers_, sample_weight);
}

std::vector<std::string> MiniBatchKMeans::feature_names_out() const {
  return detail::center_names("minibatchkmeans", cluster_centers().n_rows);
}

const Matrix& MiniBatchKMeans::cluster_centers() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return cluster_centers_;
}

double MiniBatchKMeans::inertia() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return inertia_;
}

Index MiniBatchKMeans::n_iter() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return n_iter_;
}

Index MiniBatchKMeans::n_steps() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return n_steps_;
}

const Vector& MiniBatchKMeans::counts() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return counts_;
}

void MiniBatchKMeans::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  out << "inertia: " << detail::format_double(inertia_) << "\n";
  out << "n_iter: " << n_iter_ << "\n";
  out << "n_steps: " << n_steps_ << "\n";
  detail::describe_centers(out, cluster_centers_, feature_names());
}

template <class Archive>
void MiniBatchKMeans::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::uint64_t n_iter = n_iter_, n_steps = n_steps_, batch_size = batch_size_,
                since = n_since_last_reassign_;
  ar(cereal::make_nvp("cluster_centers", detail::arma_ref(cluster_centers_)),
     cereal::make_nvp("counts", detail::arma_ref(counts_)), cereal::make_nvp("inertia", inertia_),
     cereal::make_nvp("n_iter", n_iter), cereal::make_nvp("n_steps", n_steps),
     cereal::make_nvp("batch_size", batch_size), cereal::make_nvp("n_since_last_reassign", since));
  if constexpr (Archive::is_loading::value) {
    n_iter_ = static_cast<Index>(n_iter);
    n_steps_ = static_cast<Index>(n_steps);
    batch_size_ = static_cast<Index>(batch_size);
    n_since_last_reassign_ = static_cast<Index>(since);
    detail::check_loaded_centers(cluster_centers_, n_features_in(), labels_);
    if (counts_.n_elem != cluster_centers_.n_rows || !counts_.is_finite() ||
        (counts_.n_elem > 0 && counts_.min() < 0))
      throw detail::FormatProblem("counts do not match the cluster centres");
    if (!std::isfinite(inertia_)) throw detail::FormatProblem("a bad inertia");
  }
}

FITKIT_DEFINE_PAYLOAD(MiniBatchKMeans)

}  // namespace fitkit
