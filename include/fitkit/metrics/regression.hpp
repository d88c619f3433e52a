#pragma once
// Regression metrics, as scikit-learn's sklearn.metrics. Empty weights mean all ones.

#include "fitkit/core/types.hpp"

namespace fitkit {

// Coefficient of determination. A constant y_true gives 1 for a perfect prediction and 0
// otherwise (scikit-learn's force_finite=True); one sample gives NaN, as in scikit-learn.
double r2_score(const Vector& y_true, const Vector& y_pred, const Vector& sample_weight = {});
double mean_squared_error(const Vector& y_true, const Vector& y_pred,
                          const Vector& sample_weight = {});
double mean_absolute_error(const Vector& y_true, const Vector& y_pred,
                           const Vector& sample_weight = {});

}  // namespace fitkit
