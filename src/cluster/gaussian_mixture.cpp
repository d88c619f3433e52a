// GaussianMixture: the fit loop of scikit-learn's BaseMixture.fit_predict, the checks of its
// initial parameters, the methods on a fitted mixture, and the model file. The kernels are in
// gaussian_mixture_{estep,mstep,init}.cpp.

#include "fitkit/cluster/gaussian_mixture.hpp"

#include "core/payload.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <ostream>
#include <string>

#include "cluster/gaussian_mixture_em.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/progress.hpp"
#include "fitkit/core/random.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/core/warnings.hpp"

namespace fitkit {
namespace {

using detail::MixtureParameters;

std::string count_text(Index n) {
  return std::to_string(n);
}

// A flat list (numpy's C order) as a cube of shape rows x cols x slices: element [s][r][c].
arma::cube cube_from(const std::vector<double>& values, Index rows, Index cols, Index slices) {
  arma::cube out(rows, cols, slices);
  std::size_t at = 0;
  for (Index s = 0; s < slices; ++s)
    for (Index r = 0; r < rows; ++r)
      for (Index c = 0; c < cols; ++c) out(r, c, s) = values[at++];
  return out;
}

std::vector<double> flat_from(const arma::cube& cube) {
  std::vector<double> out;
  out.reserve(cube.n_elem);
  for (Index s = 0; s < cube.n_slices; ++s)
    for (Index r = 0; r < cube.n_rows; ++r)
      for (Index c = 0; c < cube.n_cols; ++c) out.push_back(cube(r, c, s));
  return out;
}

// The shape of the covariance-type dependent arrays for k components of d features.
struct CubeShape {
  Index rows, cols, slices;
  std::string text() const {
    if (slices > 1) return count_text(slices) + " x " + count_text(rows) + " x " + count_text(cols);
    if (cols == 1) return count_text(rows);
    return count_text(rows) + " x " + count_text(cols);
  }
};

CubeShape shape_for(CovarianceType type, Index k, Index d) {
  switch (type) {
    case CovarianceType::full:
      return {d, d, k};
    case CovarianceType::tied:
      return {d, d, 1};
    case CovarianceType::diag:
      return {k, d, 1};
    case CovarianceType::spherical:
      break;
  }
  return {k, 1, 1};
}

std::string type_text(CovarianceType type) {
  return detail::enum_name(type);
}

void check_length(const std::vector<double>& values, std::size_t expected, const char* name,
                  const std::string& shape) {
  if (values.size() != expected)
    throw InvalidParameter(name, "expected " + std::to_string(expected) + " values (" + shape +
                                     "), got " + std::to_string(values.size()));
  for (const double v : values)
    if (!std::isfinite(v)) throw InvalidParameter(name, "must hold finite numbers");
}

// numpy's allclose(a, b): |a - b| <= 1e-8 + 1e-5 |b|.
bool all_close(const Matrix& a, const Matrix& b) {
  for (Index i = 0; i < a.n_elem; ++i)
    if (!(std::abs(a(i) - b(i)) <= 1e-8 + 1e-5 * std::abs(b(i)))) return false;
  return true;
}

// scikit-learn's _check_weights, _check_means and _check_precisions.
void check_initial_parameters(const GaussianMixtureParams& p, Index d) {
  const auto k = static_cast<Index>(p.n_components);
  if (p.weights_init) {
    const std::vector<double>& w = *p.weights_init;
    check_length(w, k, "weights_init", count_text(k));
    const auto [lo, hi] = std::minmax_element(w.begin(), w.end());
    if (*lo < 0 || *hi > 1)
      throw InvalidParameter("weights_init", "must be in [0, 1], got values from " +
                                                 detail::format_double(*lo) + " to " +
                                                 detail::format_double(*hi));
    double sum = 0;
    for (const double v : w) sum += v;
    if (!(std::abs(1.0 - sum) <= 1e-8))
      throw InvalidParameter("weights_init",
                             "must sum to 1, got a sum of " + detail::format_double(sum));
  }
  if (p.means_init)
    check_length(*p.means_init, k * d, "means_init", count_text(k) + " x " + count_text(d));
  if (p.precisions_init) {
    const CubeShape shape = shape_for(p.covariance_type, k, d);
    check_length(*p.precisions_init, shape.rows * shape.cols * shape.slices, "precisions_init",
                 shape.text() + " for covariance_type " + type_text(p.covariance_type));
    const arma::cube P = cube_from(*p.precisions_init, shape.rows, shape.cols, shape.slices);
    if (p.covariance_type == CovarianceType::full || p.covariance_type == CovarianceType::tied) {
      for (Index s = 0; s < P.n_slices; ++s) {
        Vector eigenvalues;
        if (!all_close(P.slice(s), P.slice(s).t()) ||
            !arma::eig_sym(eigenvalues, Matrix(0.5 * (P.slice(s) + P.slice(s).t()))) ||
            !arma::all(eigenvalues > 0.0))
          throw InvalidParameter("precisions_init", "each " + type_text(p.covariance_type) +
                                                        " precision must be symmetric and "
                                                        "positive definite");
      }
    } else if (arma::any(arma::vectorise(P) <= 0.0)) {
      throw InvalidParameter("precisions_init", "each " + type_text(p.covariance_type) +
                                                    " precision must be positive");
    }
  }
}

// The Cholesky factors scikit-learn's _initialize takes from precisions_init, and the
// covariances they stand for.
void apply_precisions_init(const GaussianMixtureParams& p, Index d, MixtureParameters& state) {
  const auto k = static_cast<Index>(p.n_components);
  const CubeShape shape = shape_for(p.covariance_type, k, d);
  const arma::cube P = cube_from(*p.precisions_init, shape.rows, shape.cols, shape.slices);
  if (p.covariance_type == CovarianceType::full || p.covariance_type == CovarianceType::tied) {
    state.precisions_cholesky.set_size(P.n_rows, P.n_cols, P.n_slices);
    state.covariances.set_size(P.n_rows, P.n_cols, P.n_slices);
    for (Index s = 0; s < P.n_slices; ++s) {
      Matrix lower;
      if (!arma::chol(lower, P.slice(s), "lower"))
        throw InvalidParameter("precisions_init", "is not positive definite");
      state.precisions_cholesky.slice(s) = lower;
      state.covariances.slice(s) = arma::inv_sympd(P.slice(s));
    }
  } else {
    state.precisions_cholesky = arma::sqrt(P);
    state.covariances = 1.0 / P;
  }
}

double log_sum_exp(const Matrix& wlp, Index i) {
  double m = -std::numeric_limits<double>::infinity();
  for (Index c = 0; c < wlp.n_cols; ++c) m = std::max(m, wlp(i, c));
  if (!std::isfinite(m)) return m;
  double s = 0;
  for (Index c = 0; c < wlp.n_cols; ++c) s += std::exp(wlp(i, c) - m);
  return m + std::log(s);
}

}  // namespace

Tags GaussianMixture::tags() const {
  Tags t = Clusterer::tags();
  t.predict = true;
  t.predict_proba = true;
  t.score = true;
  return t;
}

void GaussianMixture::fit_values(const Matrix& X, const Vector&, const Vector&) {
  fit(X);
}

GaussianMixture& GaussianMixture::fit(const Matrix& X) {
  validate_params(params_);
  check_fit_input(X, type_name());
  const Index n = X.n_rows, d = X.n_cols;
  const auto k = static_cast<Index>(params_.n_components);
  if (n < 2) throw DataError(type_name() + " needs at least 2 samples, got " + std::to_string(n));
  if (n < k)
    throw InvalidParameter("n_components", "must be at most the number of samples (" +
                                               std::to_string(n) + "), got " + std::to_string(k));
  check_initial_parameters(params_, d);
  const CovarianceType type = params_.covariance_type;
  const bool warm = params_.warm_start && is_fitted();
  if (warm && (n_features_in() != d || means_.n_rows != k ||
               precisions_cholesky_.n_rows != shape_for(type, k, d).rows ||
               precisions_cholesky_.n_slices != shape_for(type, k, d).slices))
    throw DimensionMismatch("warm_start: X has " + std::to_string(d) +
                            " features, but the previous fit had " +
                            std::to_string(n_features_in()) +
                            " (or its n_components or "
                            "covariance_type differ)");
  const int n_init = warm ? 1 : params_.n_init;
  const Matrix gram = type == CovarianceType::tied ? Matrix(X.t() * X) : Matrix();

  Random rng(params_.seed);
  auto initialise = [&] {
    MixtureParameters state;
    const bool given = params_.weights_init && params_.means_init && params_.precisions_init;
    if (!given) {
      const Matrix resp = detail::initial_responsibilities(X, k, params_.init_params, rng);
      const detail::ResponsibilitySums sums = detail::responsibility_sums(X, resp, type);
      state.weights = detail::maximisation(X, resp, sums, type, params_.reg_covar, gram, state) /
                      static_cast<double>(n);
      if (!params_.precisions_init)
        state.precisions_cholesky = detail::precision_cholesky(state.covariances, type);
    }
    if (params_.weights_init) state.weights = Vector(*params_.weights_init);
    if (params_.means_init) {
      state.means.set_size(k, d);
      for (Index c = 0; c < k; ++c)
        for (Index j = 0; j < d; ++j) state.means(c, j) = (*params_.means_init)[c * d + j];
    }
    if (params_.precisions_init) apply_precisions_init(params_, d, state);
    return state;
  };

  MixtureParameters state, best;
  if (warm) state = {weights_, means_, covariances_, precisions_cholesky_};
  const double minus_inf = -std::numeric_limits<double>::infinity();
  double max_lower_bound = minus_inf;
  Index best_n_iter = 0;
  bool converged = false;
  Progress progress(type_name(), static_cast<std::size_t>(n_init) *
                                     static_cast<std::size_t>(std::max(params_.max_iter, 1)));
  Matrix resp;
  for (int init = 0; init < n_init; ++init) {
    if (!warm) state = initialise();
    double lower_bound = warm ? lower_bound_ : minus_inf;
    if (params_.max_iter == 0) {
      best = state;
      best_n_iter = 0;
      continue;
    }
    Index iteration = 1;
    for (; iteration <= static_cast<Index>(params_.max_iter); ++iteration) {
      const double previous = lower_bound;
      const detail::ResponsibilitySums sums = detail::expectation(X, state, type, resp);
      const Vector nk = detail::maximisation(X, resp, sums, type, params_.reg_covar, gram, state);
      state.weights = nk / arma::accu(nk);
      state.precisions_cholesky = detail::precision_cholesky(state.covariances, type);
      lower_bound = sums.log_prob_sum / static_cast<double>(n);
      progress.update(static_cast<std::size_t>(init) * params_.max_iter + iteration);
      if (std::abs(lower_bound - previous) < params_.tol) {
        converged = true;
        break;
      }
    }
    iteration = std::min<Index>(iteration, params_.max_iter);
    if (lower_bound > max_lower_bound || max_lower_bound == minus_inf) {
      max_lower_bound = lower_bound;
      best = state;
      best_n_iter = iteration;
    }
  }
  progress.finish();
  if (!converged && params_.max_iter > 0)
    warn(WarningKind::convergence,
         type_name() + ": initialization " + std::to_string(n_init) + " did not converge in " +
             std::to_string(params_.max_iter) +
             " iterations (the mean log-likelihood still changed by tol " +
             detail::format_double(params_.tol) +
             " or more); try other init parameters, increase max_iter or tol, or check for "
             "degenerate data");

  reset_fitted();
  weights_ = std::move(best.weights);
  means_ = std::move(best.means);
  covariances_ = std::move(best.covariances);
  precisions_cholesky_ = std::move(best.precisions_cholesky);
  converged_ = converged;
  n_iter_ = best_n_iter;
  lower_bound_ = max_lower_bound;
  set_n_features_in(d);
  // A last E-step, as scikit-learn's: labels() are predict(X) of the kept parameters.
  labels_ = predict(X);
  return *this;
}

void GaussianMixture::check_fitted() const {
  if (!is_fitted()) throw NotFitted(type_name());
}

Labels GaussianMixture::predict(const Matrix& X) const {
  check_predict_input(X);
  const Matrix wlp = detail::weighted_log_prob(
      X, {weights_, means_, covariances_, precisions_cholesky_}, params_.covariance_type);
  Labels out(X.n_rows);
  for (Index i = 0; i < X.n_rows; ++i) {
    Index best = 0;
    for (Index c = 1; c < wlp.n_cols; ++c)
      if (wlp(i, c) > wlp(i, best)) best = c;
    out(i) = static_cast<Labels::elem_type>(best);
  }
  return out;
}

Matrix GaussianMixture::predict_proba(const Matrix& X) const {
  check_predict_input(X);
  Matrix wlp = detail::weighted_log_prob(X, {weights_, means_, covariances_, precisions_cholesky_},
                                         params_.covariance_type);
  for (Index i = 0; i < X.n_rows; ++i) {
    const double lse = log_sum_exp(wlp, i);
    for (Index c = 0; c < wlp.n_cols; ++c) wlp(i, c) = std::exp(wlp(i, c) - lse);
  }
  return wlp;
}

Vector GaussianMixture::score_samples(const Matrix& X) const {
  check_predict_input(X);
  const Matrix wlp = detail::weighted_log_prob(
      X, {weights_, means_, covariances_, precisions_cholesky_}, params_.covariance_type);
  Vector out(X.n_rows);
  for (Index i = 0; i < X.n_rows; ++i) out(i) = log_sum_exp(wlp, i);
  return out;
}

double GaussianMixture::score_values(const Matrix& X, const Vector&, const Vector&) const {
  const Vector samples = score_samples(X);
  if (samples.is_empty()) throw DataError(type_name() + ": score needs at least one row");
  return arma::mean(samples);
}

Index GaussianMixture::n_parameters() const {
  check_fitted();
  const Index k = means_.n_rows, d = means_.n_cols;
  Index cov = 0;
  switch (params_.covariance_type) {
    case CovarianceType::full:
      cov = k * d * (d + 1) / 2;
      break;
    case CovarianceType::diag:
      cov = k * d;
      break;
    case CovarianceType::tied:
      cov = d * (d + 1) / 2;
      break;
    case CovarianceType::spherical:
      cov = k;
      break;
  }
  return cov + d * k + k - 1;
}

double GaussianMixture::bic(const Matrix& X) const {
  const double n = static_cast<double>(X.n_rows);
  return -2 * score(X) * n + static_cast<double>(n_parameters()) * std::log(n);
}

double GaussianMixture::aic(const Matrix& X) const {
  const double n = static_cast<double>(X.n_rows);
  return -2 * score(X) * n + 2 * static_cast<double>(n_parameters());
}

GaussianMixture::Sample GaussianMixture::sample(Index n_samples) const {
  check_fitted();
  if (n_samples < 1) throw InvalidParameter("n_samples", "sample needs at least one sample, got 0");
  const Index k = means_.n_rows, d = means_.n_cols;
  Random rng(params_.seed);
  // How many rows each component gives: n categorical draws (a multinomial).
  const Vector cumulative = arma::cumsum(weights_);
  std::vector<Index> counts(k, 0);
  for (Index i = 0; i < n_samples; ++i) {
    const double u = rng.uniform() * cumulative(k - 1);
    const auto at = std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin();
    ++counts[std::min<Index>(static_cast<Index>(at), k - 1)];
  }
  Sample out{Matrix(n_samples, d), Labels(n_samples)};
  Index row = 0;
  const CovarianceType type = params_.covariance_type;
  for (Index c = 0; c < k; ++c) {
    Matrix scale;  // x = mu + z scale, z standard normal (a row)
    if (type == CovarianceType::full || type == CovarianceType::tied) {
      const Matrix& cov = covariances_.slice(type == CovarianceType::full ? c : 0);
      Matrix lower;
      if (!arma::chol(lower, cov, "lower"))
        throw Error(type_name() +
                    ": a covariance is not "
                    "positive definite");
      scale = lower.t();
    } else {
      Vector sd(d);
      for (Index j = 0; j < d; ++j)
        sd(j) =
            std::sqrt(type == CovarianceType::diag ? covariances_(c, j, 0) : covariances_(c, 0, 0));
      scale = arma::diagmat(sd);
    }
    for (Index s = 0; s < counts[c]; ++s, ++row) {
      arma::rowvec z(d);
      for (Index j = 0; j < d; ++j) z(j) = rng.normal();
      out.X.row(row) = means_.row(c) + z * scale;
      out.y(row) = static_cast<Labels::elem_type>(c);
    }
  }
  return out;
}

Labels GaussianMixture::class_labels() const {
  if (!is_fitted()) return {};
  return arma::regspace<Labels>(0, static_cast<Labels::elem_type>(weights_.n_elem) - 1);
}

const Vector& GaussianMixture::weights() const {
  check_fitted();
  return weights_;
}
const Matrix& GaussianMixture::means() const {
  check_fitted();
  return means_;
}
const arma::cube& GaussianMixture::covariances() const {
  check_fitted();
  return covariances_;
}
const arma::cube& GaussianMixture::precisions_cholesky() const {
  check_fitted();
  return precisions_cholesky_;
}
arma::cube GaussianMixture::precisions() const {
  check_fitted();
  if (params_.covariance_type == CovarianceType::full ||
      params_.covariance_type == CovarianceType::tied) {
    arma::cube out(arma::size(precisions_cholesky_));
    for (Index s = 0; s < out.n_slices; ++s)
      out.slice(s) = precisions_cholesky_.slice(s) * precisions_cholesky_.slice(s).t();
    return out;
  }
  return arma::square(precisions_cholesky_);
}
bool GaussianMixture::converged() const {
  check_fitted();
  return converged_;
}
Index GaussianMixture::n_iter() const {
  check_fitted();
  return n_iter_;
}
double GaussianMixture::lower_bound() const {
  check_fitted();
  return lower_bound_;
}

GaussianMixture& GaussianMixture::set_weights_init(const Vector& weights) {
  params_.weights_init = std::vector<double>(weights.begin(), weights.end());
  return *this;
}

GaussianMixture& GaussianMixture::set_means_init(const Matrix& means) {
  arma::cube cube(means.n_rows, means.n_cols, 1);
  cube.slice(0) = means;
  params_.means_init = flat_from(cube);
  return *this;
}

GaussianMixture& GaussianMixture::set_precisions_init(const arma::cube& precisions) {
  params_.precisions_init = flat_from(precisions);
  return *this;
}

GaussianMixture& GaussianMixture::set_precisions_init(const Matrix& precisions) {
  arma::cube cube(precisions.n_rows, precisions.n_cols, 1);
  cube.slice(0) = precisions;
  return set_precisions_init(cube);
}

void GaussianMixture::describe_fitted(std::ostream& out) const {
  check_fitted();
  out << "n_components: " << weights_.n_elem << "\n"
      << "converged: " << (converged_ ? "true" : "false") << "\n"
      << "n_iter: " << n_iter_ << "\n"
      << "lower_bound: " << detail::format_double(lower_bound_) << "\n";
  for (Index c = 0; c < weights_.n_elem; ++c) {
    out << "component " << c << ": weight " << detail::format_double(weights_(c)) << ", mean";
    for (Index j = 0; j < means_.n_cols; ++j) out << " " << detail::format_double(means_(c, j));
    out << "\n";
  }
}

namespace {

// A cube as {n_slices, the slices side by side as one matrix}.
template <class Archive>
void serialize_cube(Archive& ar, const char* name, arma::cube& cube) {
  std::uint64_t slices = cube.n_slices;
  Matrix flat;
  if constexpr (Archive::is_saving::value)
    flat = Matrix(cube.memptr(), cube.n_rows, cube.n_cols * cube.n_slices);
  ar(cereal::make_nvp((std::string(name) + "_slices").c_str(), slices),
     cereal::make_nvp(name, detail::arma_ref(flat)));
  if constexpr (Archive::is_loading::value) {
    if (slices == 0 || flat.n_cols % slices != 0)
      throw detail::FormatProblem(std::string(name) + ": " + std::to_string(flat.n_cols) +
                                  " columns do not split into " + std::to_string(slices) +
                                  " slices");
    cube = arma::cube(flat.memptr(), flat.n_rows, flat.n_cols / slices, slices);
  }
}

}  // namespace

template <class Archive>
void GaussianMixture::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::uint64_t n_iter = n_iter_;
  bool has_lower_bound = std::isfinite(lower_bound_);
  double lower_bound = has_lower_bound ? lower_bound_ : 0.0;
  ar(cereal::make_nvp("weights", detail::arma_ref(weights_)),
     cereal::make_nvp("means", detail::arma_ref(means_)));
  serialize_cube(ar, "covariances", covariances_);
  serialize_cube(ar, "precisions_cholesky", precisions_cholesky_);
  ar(cereal::make_nvp("converged", converged_), cereal::make_nvp("n_iter", n_iter),
     cereal::make_nvp("has_lower_bound", has_lower_bound),
     cereal::make_nvp("lower_bound", lower_bound));
  if constexpr (Archive::is_loading::value) {
    n_iter_ = static_cast<Index>(n_iter);
    lower_bound_ = has_lower_bound ? lower_bound : -std::numeric_limits<double>::infinity();
    const auto k = static_cast<Index>(params_.n_components);
    const Index d = n_features_in();
    if (weights_.n_elem != k || means_.n_rows != k || means_.n_cols != d)
      throw detail::FormatProblem("weights and means do not have " + std::to_string(k) +
                                  " components of " + std::to_string(d) + " features");
    const CubeShape shape = shape_for(params_.covariance_type, k, d);
    for (const arma::cube* cube : {&covariances_, &precisions_cholesky_})
      if (cube->n_rows != shape.rows || cube->n_cols != shape.cols ||
          cube->n_slices != shape.slices)
        throw detail::FormatProblem("covariances of the wrong shape for covariance_type " +
                                    type_text(params_.covariance_type));
    if (!weights_.is_finite() || !means_.is_finite() || !covariances_.is_finite() ||
        !precisions_cholesky_.is_finite() || arma::any(weights_ < 0.0) ||
        !std::isfinite(lower_bound))
      throw detail::FormatProblem("non-finite or negative parameters");
    // The log-determinant takes the log of the factors' diagonals.
    for (Index s = 0; s < precisions_cholesky_.n_slices; ++s) {
      const Matrix& f = precisions_cholesky_.slice(s);
      const bool square = params_.covariance_type == CovarianceType::full ||
                          params_.covariance_type == CovarianceType::tied;
      if (square ? arma::any(f.diag() <= 0.0) : arma::any(arma::vectorise(f) <= 0.0))
        throw detail::FormatProblem("precision Cholesky factors must be positive on the diagonal");
    }
    if (labels_.n_elem > 0 && labels_.max() >= static_cast<Labels::elem_type>(k))
      throw detail::FormatProblem("a label beyond the components");
  }
}

FITKIT_DEFINE_PAYLOAD(GaussianMixture)

}  // namespace fitkit
