#pragma once
// Classification metrics, as scikit-learn's sklearn.metrics. Empty weights mean all ones.
// accuracy_score comes from fitkit/core/default_scores.hpp.

#include "fitkit/core/default_scores.hpp"
#include "fitkit/core/types.hpp"

namespace fitkit {

// Mean negative log-likelihood of the true labels under `proba` (one column per entry of
// `classes`, rows summing to 1); probabilities are clipped to [eps, 1 - eps] as scikit-learn.
double log_loss(const Labels& y_true, const Matrix& proba, const Labels& classes,
                const Vector& sample_weight = {});

}  // namespace fitkit
