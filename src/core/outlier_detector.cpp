#include "fitkit/core/outlier_detector.hpp"

namespace fitkit {

Tags OutlierDetector::tags() const {
  Tags t;
  t.kind = EstimatorKind::outlier_detector;
  t.predict = true;
  t.decision_function = true;
  return t;
}

Labels OutlierDetector::predict(const Matrix& X) const {
  const Matrix decision = decision_function(X);
  Labels out(decision.n_rows);
  for (Index i = 0; i < decision.n_rows; ++i) out(i) = decision(i, 0) >= 0 ? 1 : -1;
  return out;
}

Labels OutlierDetector::fit_predict(const Matrix& X, const Vector& y, const Vector& sample_weight) {
  fit(X, y, sample_weight);
  return predict(X);
}

Vector OutlierDetector::predict_values(const Matrix& X) const {
  return arma::conv_to<Vector>::from(predict(X));
}

}  // namespace fitkit
