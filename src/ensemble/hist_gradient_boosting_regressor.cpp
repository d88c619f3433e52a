#include "fitkit/ensemble/hist_gradient_boosting_regressor.hpp"

#include "ensemble/hgb_ensemble.hpp"

#include <cmath>
#include <ostream>

#include "fitkit/core/error.hpp"

namespace fitkit {
namespace {

detail::hgb::Loss regression_loss(const HistGradientBoostingRegressorParams& p) {
  detail::hgb::Loss loss;
  switch (p.loss) {
    case HgbRegressionLoss::squared_error:
      loss.kind = detail::hgb::LossKind::squared_error;
      break;
    case HgbRegressionLoss::absolute_error:
      loss.kind = detail::hgb::LossKind::absolute_error;
      break;
    case HgbRegressionLoss::poisson:
      loss.kind = detail::hgb::LossKind::poisson;
      break;
    case HgbRegressionLoss::quantile:
      loss.kind = detail::hgb::LossKind::quantile;
      if (!p.quantile)
        throw InvalidParameter("quantile", "loss='quantile' needs a quantile in [0, 1]");
      loss.quantile = *p.quantile;
      break;
  }
  return loss;
}

}  // namespace

HistGradientBoostingRegressor& HistGradientBoostingRegressor::fit(const Matrix& X,
                                                                  const Vector& y) {
  return fit_weighted(X, y, nullptr);
}

HistGradientBoostingRegressor& HistGradientBoostingRegressor::fit(const Matrix& X, const Vector& y,
                                                                  const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight);
}

HistGradientBoostingRegressor& HistGradientBoostingRegressor::fit_weighted(
    const Matrix& X, const Vector& y, const Vector* sample_weight) {
  validate_params(params_);
  const std::string name = type_name();
  detail::hgb::check_fit_input(X, y, sample_weight, name);
  detail::hgb::BoostingSettings settings =
      detail::hgb::settings_from(params_, name, X, feature_names());
  settings.loss = regression_loss(params_);
  if (settings.loss.kind == detail::hgb::LossKind::poisson && !(y.min() >= 0 && arma::accu(y) > 0))
    throw DataError(name + ": loss='poisson' requires non-negative y and sum(y) > 0");
  detail::HgbEnsemble model = detail::hgb::boost(X, y, sample_weight, settings);
  reset_fitted();
  model_ = std::move(model);
  set_n_features_in(X.n_cols);
  return *this;
}

Vector HistGradientBoostingRegressor::predict(const Matrix& X) const {
  check_predict_input(X);
  Vector raw = model_.raw_predict(X).col(0);
  if (params_.loss == HgbRegressionLoss::poisson) raw = arma::exp(raw);
  return raw;
}

Matrix HistGradientBoostingRegressor::contributions(const Matrix& X) const {
  check_predict_input(X);
  return model_.contributions(X);
}

Tags HistGradientBoostingRegressor::tags() const {
  Tags t = Regressor::tags();
  t.categorical = true;
  t.contributions = true;
  t.sample_weight = true;
  t.allow_nan = true;
  return t;
}

Index HistGradientBoostingRegressor::n_iter() const {
  return detail::hgb::fitted(*this, model_).n_iter;
}
const std::vector<Tree>& HistGradientBoostingRegressor::trees() const {
  return detail::hgb::fitted(*this, model_).trees;
}
double HistGradientBoostingRegressor::baseline_prediction() const {
  return detail::hgb::fitted(*this, model_).baseline(0);
}
bool HistGradientBoostingRegressor::do_early_stopping() const {
  return detail::hgb::fitted(*this, model_).do_early_stopping;
}
const std::vector<double>& HistGradientBoostingRegressor::train_score() const {
  return detail::hgb::fitted(*this, model_).train_score;
}
const std::vector<double>& HistGradientBoostingRegressor::validation_score() const {
  return detail::hgb::fitted(*this, model_).validation_score;
}
const std::vector<std::uint8_t>& HistGradientBoostingRegressor::is_categorical() const {
  return detail::hgb::fitted(*this, model_).is_categorical;
}

void HistGradientBoostingRegressor::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  out << "loss " << detail::format_value(params_.loss) << ", baseline "
      << detail::format_double(model_.baseline(0)) << "\n";
  detail::hgb::describe_ensemble(out, model_, feature_names());
}

template <class Archive>
void HistGradientBoostingRegressor::serialize(Archive& ar, std::uint32_t /*version*/) {
  detail::hgb::serialize_ensemble(ar, model_, n_features_in(), 1);
}

FITKIT_DEFINE_PAYLOAD(HistGradientBoostingRegressor)

}  // namespace fitkit
