#include "fitkit/linear/sgd_regressor.hpp"

#include "core/payload.hpp"

#include <cmath>
#include <ostream>

#include "fitkit/core/error.hpp"
#include "fitkit/core/random.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/core/warnings.hpp"
#include "linear/sgd.hpp"

namespace fitkit {
namespace {

detail::SgdLoss engine_loss(SgdRegressorLoss loss) {
  switch (loss) {
    case SgdRegressorLoss::squared_error:
      return detail::SgdLoss::squared_error;
    case SgdRegressorLoss::huber:
      return detail::SgdLoss::huber;
    case SgdRegressorLoss::epsilon_insensitive:
      return detail::SgdLoss::epsilon_insensitive;
    case SgdRegressorLoss::squared_epsilon_insensitive:
      return detail::SgdLoss::squared_epsilon_insensitive;
  }
  return detail::SgdLoss::squared_error;
}

}  // namespace

SGDRegressor& SGDRegressor::fit(const Matrix& X, const Vector& y) {
  return fit_weighted(X, y, nullptr, false);
}

SGDRegressor& SGDRegressor::fit(const Matrix& X, const Vector& y, const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight, false);
}

SGDRegressor& SGDRegressor::partial_fit(const Matrix& X, const Vector& y) {
  return fit_weighted(X, y, nullptr, true);
}

SGDRegressor& SGDRegressor::partial_fit(const Matrix& X, const Vector& y,
                                        const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight, true);
}

Tags SGDRegressor::tags() const {
  Tags t = LinearRegressor::tags();
  t.partial_fit = true;
  return t;
}

void SGDRegressor::partial_fit_values(const Matrix& X, const Vector& y, const Vector& classes,
                                      const Vector& sample_weight) {
  if (!classes.is_empty())
    throw InvalidParameter("classes", "is for classifiers; SGDRegressor takes no classes");
  fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight, true);
}

// fit: max_iter epochs from zero (or, with warm_start, from the fitted model), t from 1.
// partial_fit: one epoch from the current state.
SGDRegressor& SGDRegressor::fit_weighted(const Matrix& X, const Vector& y,
                                         const Vector* sample_weight, bool partial) {
  validate_params(params_);
  detail::SgdSettings settings = detail::sgd_settings(params_, engine_loss(params_.loss));
  settings.score_accuracy = false;
  detail::check_sgd_settings(settings);
  if (partial && params_.early_stopping)
    throw InvalidParameter("early_stopping",
                           "needs a validation set from all the data; partial_fit sees one chunk "
                           "at a time (set it false)");
  check_fit_input(X, y, type_name());
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);
  const bool continuing = is_fitted() && (partial || params_.warm_start);
  if (continuing && X.n_cols != n_features_in())
    throw DimensionMismatch("X has " + std::to_string(X.n_cols) + " features, but " + type_name() +
                            " was fitted with " + std::to_string(n_features_in()));
  const bool averaging = params_.average > 0;

  std::vector<detail::SgdLine> lines(1);
  detail::SgdLine& line = lines[0];
  double t = 1.0;
  if (partial && continuing) {
    line.coef = standard_coef_;
    line.intercept = standard_intercept_;
    if (averaging && average_coef_.n_elem == X.n_cols) {
      line.average_coef = average_coef_;
      line.average_intercept = average_intercept_;
    }
    t = t_;
  } else if (continuing) {  // warm start: from coef_, averages anew, t from 1
    line.coef = coef_;
    line.intercept = intercept_;
  } else {
    line.coef.zeros(X.n_cols);
  }
  const int max_iter = partial ? 1 : params_.max_iter;
  const Vector weight =
      sample_weight != nullptr ? *sample_weight : Vector(X.n_rows, arma::fill::ones);
  const auto targets = [&](Index) { return detail::SgdTargets{y, 1.0, 1.0}; };
  const std::vector<unsigned char> held_out =
      settings.early_stopping
          ? detail::early_stopping_split(X.n_rows, params_.validation_fraction, nullptr,
                                         Random(params_.seed).substream(1)())
          : std::vector<unsigned char>();
  const Index n_iter = detail::sgd_fit_lines(settings, X, weight, targets, t, max_iter,
                                             params_.seed, lines, held_out);

  // A new model (fit, or a first partial_fit): names from an earlier fit no longer apply.
  if (!partial || !continuing) reset_fitted();
  standard_coef_ = std::move(line.coef);
  standard_intercept_ = line.intercept;
  average_coef_ = averaging ? std::move(line.average_coef) : Vector();
  average_intercept_ = averaging ? line.average_intercept : 0.0;
  t_ = t + static_cast<double>(n_iter) * static_cast<double>(X.n_rows);
  n_iter_ = n_iter;
  const bool use_average = averaging && static_cast<double>(params_.average) <= t_ - 1;
  coef_ = use_average ? average_coef_ : standard_coef_;
  intercept_ = use_average ? average_intercept_ : standard_intercept_;
  set_n_features_in(X.n_cols);
  if (!partial && params_.tol >= 0 && n_iter == static_cast<Index>(params_.max_iter))
    warn_not_converged(type_name(), n_iter,
                       "the epoch loss still fell by more than tol * n_samples");
  return *this;
}

Index SGDRegressor::n_iter() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return n_iter_;
}

double SGDRegressor::t() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return t_;
}

void SGDRegressor::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  out << "intercept: " << detail::format_double(intercept_) << "\n"
      << "n_iter: " << n_iter_ << " epochs, t " << detail::format_double(t_) << "\n";
  describe_coefficients(out);
}

template <class Archive>
void SGDRegressor::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::uint64_t n_iter = n_iter_;
  ar(cereal::make_nvp("coef", detail::arma_ref(coef_)), cereal::make_nvp("intercept", intercept_),
     cereal::make_nvp("standard_coef", detail::arma_ref(standard_coef_)),
     cereal::make_nvp("standard_intercept", standard_intercept_),
     cereal::make_nvp("average_coef", detail::arma_ref(average_coef_)),
     cereal::make_nvp("average_intercept", average_intercept_), cereal::make_nvp("n_iter", n_iter),
     cereal::make_nvp("t", t_));
  if constexpr (Archive::is_loading::value) {
    n_iter_ = static_cast<Index>(n_iter);
    const Index d = n_features_in();
    if (coef_.n_elem != d || standard_coef_.n_elem != d ||
        (!average_coef_.is_empty() && average_coef_.n_elem != d))
      throw detail::FormatProblem("coefficients do not have " + std::to_string(d) + " entries");
    if (!coef_.is_finite() || !standard_coef_.is_finite() || !average_coef_.is_finite() ||
        !std::isfinite(intercept_) || !std::isfinite(standard_intercept_) ||
        !std::isfinite(average_intercept_))
      throw detail::FormatProblem("non-finite coefficients");
    if (!std::isfinite(t_) || t_ < 1) throw detail::FormatProblem("t is below 1");
  }
}

FITKIT_DEFINE_PAYLOAD(SGDRegressor)

}  // namespace fitkit
