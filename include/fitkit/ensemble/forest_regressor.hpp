#pragma once
// What RandomForestRegressor and ExtraTreesRegressor share: the fit and the mean prediction of
// the trees; the rest is ForestEstimator's. Each derives from ForestRegressor<Itself,
// ItsParams>.

#include <cstdint>

#include "fitkit/core/regressor.hpp"
#include "fitkit/ensemble/forest_estimator.hpp"

namespace fitkit {

template <class Derived, class P>
class ForestRegressor : public ForestEstimator<Derived, P, Regressor> {
 public:
  using ForestEstimator<Derived, P, Regressor>::ForestEstimator;

  Derived& fit(const Matrix& X, const Vector& y);
  Derived& fit(const Matrix& X, const Vector& y, const Vector& sample_weight);
  // The mean of the trees' leaf values.
  Vector predict(const Matrix& X) const override;
  // With oob_score: each training row's mean prediction over the trees that left it out
  // (scikit-learn's oob_prediction_).
  Vector oob_prediction() const;

  Tags tags() const override;  // sample weights, NaN, categories, contributions

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight);
  }

 private:
  Derived& fit_weighted(const Matrix& X, const Vector& y, const Vector* sample_weight);
};

}  // namespace fitkit
