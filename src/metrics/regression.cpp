#include "fitkit/metrics/regression.hpp"

#include "fitkit/core/validation.hpp"

namespace fitkit {

double mean_squared_error(const Vector& y_true, const Vector& y_pred, const Vector& sample_weight) {
  const Vector w = checked_metric_weights(y_true, y_pred, sample_weight);
  return arma::dot(w, arma::square(y_true - y_pred)) / arma::accu(w);
}

double mean_absolute_error(const Vector& y_true, const Vector& y_pred,
                           const Vector& sample_weight) {
  const Vector w = checked_metric_weights(y_true, y_pred, sample_weight);
  return arma::dot(w, arma::abs(y_true - y_pred)) / arma::accu(w);
}

}  // namespace fitkit
