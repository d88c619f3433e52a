#pragma once
// What the linear regressors share (scikit-learn's LinearModel): coef_ and intercept_,
// predict = X coef + intercept, R² as the score (from Regressor). LinearRegression, Ridge,
// RidgeCV, Lasso, ElasticNet and SGDRegressor derive from
// EstimatorWithParams<Itself, Params, LinearRegressor>.

#include <iosfwd>

#include "fitkit/core/regressor.hpp"

namespace fitkit {

class LinearRegressor : public Regressor {
 public:
  Tags tags() const override;  // a regressor that takes sample weights

  Vector predict(const Matrix& X) const override;

  const Vector& coef() const;
  double intercept() const;

 protected:
  // The coefficients by feature name, one per line, for describe_fitted.
  void describe_coefficients(std::ostream& out) const;
  // For a model file's payload once read: one finite coefficient per feature and a finite
  // intercept, else a FormatProblem.
  void check_loaded_coefficients() const;

  Vector coef_;
  double intercept_ = 0;
};

}  // namespace fitkit
