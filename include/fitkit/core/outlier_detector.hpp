#pragma once
// What every outlier detector shares (scikit-learn's OutlierMixin): fit learns from X alone
// (a target, when given, is ignored); decision_function is negative for outliers, predict
// gives +1 for inliers and -1 for outliers (decision_function >= 0 is an inlier), and
// score_samples is the raw normality score (higher is more normal).
//
// An outlier detector derives from EstimatorWithParams<Itself, Params, OutlierDetector> and
// implements fit_values, decision_function and score_samples.

#include "fitkit/core/estimator.hpp"

namespace fitkit {

class OutlierDetector : public Estimator {
 public:
  Tags tags() const override;  // outlier detector: predict, decision_function

  Matrix decision_function(const Matrix& X) const override = 0;
  virtual Vector score_samples(const Matrix& X) const = 0;
  // +1 inlier, -1 outlier.
  Labels predict(const Matrix& X) const;
  // y is ignored, as scikit-learn's.
  Labels fit_predict(const Matrix& X, const Vector& y = {}, const Vector& sample_weight = {});

 protected:
  Vector predict_values(const Matrix& X) const override;
};

}  // namespace fitkit
