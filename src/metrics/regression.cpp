#include "fitkit/metrics/regression.hpp"

#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"

namespace fitkit {
namespace {

// Checks the inputs and returns the weights to use (ones when none were given).
Vector checked_weights(const Vector& y_true, const Vector& y_pred, const Vector& sample_weight) {
  if (y_true.is_empty()) throw DataError("metric: y_true is empty");
  if (y_true.n_elem != y_pred.n_elem)
    throw DimensionMismatch("metric: y_true has " + std::to_string(y_true.n_elem) +
                            " values but y_pred has " + std::to_string(y_pred.n_elem));
  check_finite(y_true, "y_true");
  check_finite(y_pred, "y_pred");
  if (sample_weight.is_empty()) return Vector(y_true.n_elem, arma::fill::ones);
  check_sample_weight(sample_weight, y_true.n_elem);
  return sample_weight;
}

}  // namespace

double r2_score(const Vector& y_true, const Vector& y_pred, const Vector& sample_weight) {
  const Vector w = checked_weights(y_true, y_pred, sample_weight);
  if (y_true.n_elem < 2) return arma::datum::nan;  // undefined for one sample, as scikit-learn
  const double mean = arma::dot(w, y_true) / arma::accu(w);
  const double residual = arma::dot(w, arma::square(y_true - y_pred));
  const double total = arma::dot(w, arma::square(y_true - mean));
  if (total == 0) return residual == 0 ? 1.0 : 0.0;
  return 1.0 - residual / total;
}

double mean_squared_error(const Vector& y_true, const Vector& y_pred, const Vector& sample_weight) {
  const Vector w = checked_weights(y_true, y_pred, sample_weight);
  return arma::dot(w, arma::square(y_true - y_pred)) / arma::accu(w);
}

double mean_absolute_error(const Vector& y_true, const Vector& y_pred,
                           const Vector& sample_weight) {
  const Vector w = checked_weights(y_true, y_pred, sample_weight);
  return arma::dot(w, arma::abs(y_true - y_pred)) / arma::accu(w);
}

}  // namespace fitkit
