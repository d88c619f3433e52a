#include "fitkit/metrics/regression.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

#include "fitkit/core/error.hpp"
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

double root_mean_squared_error(const Vector& y_true, const Vector& y_pred,
                               const Vector& sample_weight) {
  return std::sqrt(mean_squared_error(y_true, y_pred, sample_weight));
}

double median_absolute_error(const Vector& y_true, const Vector& y_pred,
                             const Vector& sample_weight) {
  const Vector w = checked_metric_weights(y_true, y_pred, sample_weight);
  const Vector errors = arma::abs(y_true - y_pred);
  if (sample_weight.is_empty()) return arma::median(errors);
  std::vector<Index> order(errors.n_elem);
  std::iota(order.begin(), order.end(), Index{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](Index a, Index b) { return errors(a) < errors(b); });
  // scikit-learn's _weighted_percentile at 50: the first whose cumulative weight reaches half.
  std::vector<double> cumulative(order.size());
  double running = 0;
  for (std::size_t k = 0; k < order.size(); ++k) cumulative[k] = running += w(order[k]);
  const double half = 0.5 * cumulative.back();
  const auto at = std::lower_bound(cumulative.begin(), cumulative.end(), half);
  const std::size_t k = std::min<std::size_t>(at - cumulative.begin(), order.size() - 1);
  return errors(order[k]);
}

double explained_variance_score(const Vector& y_true, const Vector& y_pred,
                                const Vector& sample_weight) {
  const Vector w = checked_metric_weights(y_true, y_pred, sample_weight);
  const double total = arma::accu(w);
  const Vector diff = y_true - y_pred;
  const double diff_mean = arma::dot(w, diff) / total;
  const double numerator = arma::dot(w, arma::square(diff - diff_mean)) / total;
  const double true_mean = arma::dot(w, y_true) / total;
  const double denominator = arma::dot(w, arma::square(y_true - true_mean)) / total;
  if (denominator == 0) return numerator == 0 ? 1.0 : 0.0;
  return 1 - numerator / denominator;
}

double mean_poisson_deviance(const Vector& y_true, const Vector& y_pred,
                             const Vector& sample_weight) {
  const Vector w = checked_metric_weights(y_true, y_pred, sample_weight);
  if (arma::any(y_true < 0) || arma::any(y_pred <= 0))
    throw DataError("mean_poisson_deviance: y_true must be >= 0 and y_pred > 0");
  double total = 0;
  for (Index i = 0; i < y_true.n_elem; ++i) {
    const double y = y_true(i), p = y_pred(i);
    const double ylogy = y == 0 ? 0.0 : y * std::log(y / p);  // scipy's xlogy
    total += w(i) * 2 * (ylogy - y + p);
  }
  return total / arma::accu(w);
}

}  // namespace fitkit
