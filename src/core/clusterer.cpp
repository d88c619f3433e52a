#include "fitkit/core/clusterer.hpp"

#include "fitkit/core/error.hpp"

namespace fitkit {

Tags Clusterer::tags() const {
  Tags t;
  t.kind = EstimatorKind::clusterer;
  t.predict = true;
  return t;
}

const Labels& Clusterer::labels() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return labels_;
}

Labels Clusterer::fit_predict(const Matrix& X, const Vector& sample_weight) {
  fit(X, Vector(), sample_weight);
  return labels_;
}

Labels Clusterer::predict(const Matrix&) const {
  refuse("predict");
}

Vector Clusterer::predict_values(const Matrix& X) const {
  return arma::conv_to<Vector>::from(predict(X));
}

Vector Clusterer::fit_predict_values(const Matrix& X, const Vector& y,
                                     const Vector& sample_weight) {
  fit_values(X, y, sample_weight);
  return arma::conv_to<Vector>::from(labels_);
}

}  // namespace fitkit
