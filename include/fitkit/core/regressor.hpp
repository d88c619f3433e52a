#pragma once
// What every regressor shares (scikit-learn's RegressorMixin): predict returns values and the
// default score is R² (with sample weights when given).
//
// A regressor derives from EstimatorWithParams<Itself, Params, Regressor> (or a family's base
// under Regressor) and implements predict(X) and fit_values.

#include <string>

#include "fitkit/core/estimator.hpp"

namespace fitkit {

class Regressor : public Estimator {
 public:
  Tags tags() const override;  // regressor: requires y, predict, score

  virtual Vector predict(const Matrix& X) const = 0;
  std::string score_name() const override { return "R2"; }

 protected:
  Vector predict_values(const Matrix& X) const override { return predict(X); }
  double score_values(const Matrix& X, const Vector& y, const Vector& sample_weight) const override;
};

}  // namespace fitkit
