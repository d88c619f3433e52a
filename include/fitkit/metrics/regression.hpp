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
// The square root of mean_squared_error (scikit-learn's squared=False).
double root_mean_squared_error(const Vector& y_true, const Vector& y_pred,
                               const Vector& sample_weight = {});
// The median of |y_true - y_pred|; with weights, scikit-learn's weighted percentile (the
// smallest error whose cumulative weight reaches half the total).
double median_absolute_error(const Vector& y_true, const Vector& y_pred,
                             const Vector& sample_weight = {});
// 1 - Var(y_true - y_pred) / Var(y_true); a constant y_true gives 1 for a perfect prediction
// and 0 otherwise (scikit-learn's force_finite).
double explained_variance_score(const Vector& y_true, const Vector& y_pred,
                                const Vector& sample_weight = {});
// The mean Poisson deviance 2 (y log(y / p) - y + p): y_true >= 0 and y_pred > 0 required.
double mean_poisson_deviance(const Vector& y_true, const Vector& y_pred,
                             const Vector& sample_weight = {});

}  // namespace fitkit
