#include "fitkit/core/regressor.hpp"

#include "fitkit/core/default_scores.hpp"

namespace fitkit {

Tags Regressor::tags() const {
  Tags t;
  t.kind = EstimatorKind::regressor;
  t.requires_y = true;
  t.predict = true;
  t.score = true;
  return t;
}

double Regressor::score_values(const Matrix& X, const Vector& y,
                               const Vector& sample_weight) const {
  return r2_score(y, predict(X), sample_weight);
}

}  // namespace fitkit
