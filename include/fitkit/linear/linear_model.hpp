#pragma once
// What the linear regressors share (scikit-learn's LinearModel): coef_ and intercept_,
// predict = X coef + intercept, R² as the score. LinearRegression, Ridge, Lasso and
// ElasticNet derive from EstimatorWithParams<Params, LinearRegressor>.

#include <iosfwd>

#include "fitkit/core/estimator.hpp"

namespace fitkit {

class LinearRegressor : public Estimator {
 public:
  EstimatorKind kind() const override { return EstimatorKind::regressor; }

  Vector predict(const Matrix& X) const;
  double score(const Matrix& X, const Vector& y) const;  // R²
  double score(const Matrix& X, const Vector& y, const Vector& sample_weight) const;

  const Vector& coef() const;
  double intercept() const;

  Vector predict_values(const Matrix& X) const override { return predict(X); }
  double score_values(const Matrix& X, const Vector& y) const override { return score(X, y); }
  std::string score_name() const override { return "R2"; }

 protected:
  // The coefficients by feature name, one per line, for describe_fitted.
  void describe_coefficients(std::ostream& out) const;

  Vector coef_;
  double intercept_ = 0;
};

}  // namespace fitkit
