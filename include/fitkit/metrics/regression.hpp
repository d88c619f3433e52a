#pragma once
// Regression metrics, as scikit-learn's sklearn.metrics. Empty weights mean all ones.
// r2_score comes from fitkit/core/default_scores.hpp.

#include "fitkit/core/default_scores.hpp"
#include "fitkit/core/types.hpp"

namespace fitkit {

double mean_squared_error(const Vector& y_true, const Vector& y_pred,
                          const Vector& sample_weight = {});
double mean_absolute_error(const Vector& y_true, const Vector& y_pred,
                           const Vector& sample_weight = {});

}  // namespace fitkit
