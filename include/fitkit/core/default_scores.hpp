#pragma once
// The two scores the estimator bases use as scikit-learn's default `score`: R² for regressors
// and accuracy for classifiers. They live in core so that the bases need nothing above it;
// fitkit/metrics/ offers them with the other metrics. Empty weights mean all ones.

#include "fitkit/core/types.hpp"

namespace fitkit {

// Coefficient of determination. A constant y_true gives 1 for a perfect prediction and 0
// otherwise (scikit-learn's force_finite=True); one sample gives NaN, as in scikit-learn.
double r2_score(const Vector& y_true, const Vector& y_pred, const Vector& sample_weight = {});

double accuracy_score(const Labels& y_true, const Labels& y_pred, const Vector& sample_weight = {});

}  // namespace fitkit
