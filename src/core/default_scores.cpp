#include "fitkit/core/default_scores.hpp"

#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"

namespace fitkit {

double r2_score(const Vector& y_true, const Vector& y_pred, const Vector& sample_weight) {
  const Vector w = checked_metric_weights(y_true, y_pred, sample_weight);
  if (y_true.n_elem < 2) return arma::datum::nan;  // undefined for one sample, as scikit-learn
  const double mean = arma::dot(w, y_true) / arma::accu(w);
  const double residual = arma::dot(w, arma::square(y_true - y_pred));
  const double total = arma::dot(w, arma::square(y_true - mean));
  if (total == 0) return residual == 0 ? 1.0 : 0.0;
  return 1.0 - residual / total;
}

double accuracy_score(const Labels& y_true, const Labels& y_pred, const Vector& sample_weight) {
  if (y_true.is_empty()) throw DataError("accuracy_score: y_true is empty");
  if (y_true.n_elem != y_pred.n_elem)
    throw DimensionMismatch("accuracy_score: y_true has " + std::to_string(y_true.n_elem) +
                            " labels but y_pred has " + std::to_string(y_pred.n_elem));
  const Vector w = weights_or_ones(sample_weight, y_true.n_elem);
  double correct = 0;
  for (Index i = 0; i < y_true.n_elem; ++i)
    if (y_true(i) == y_pred(i)) correct += w(i);
  return correct / arma::accu(w);
}

}  // namespace fitkit
