#pragma once
// What an estimator offers cross-validation when it can fit every fold at once faster than one
// fold at a time, with the same models (Ridge: each fold's normal equations as those of all the
// rows less the fold's test rows, so each row is read once, not once per fold it trains in).
// cross_validate asks for it through dynamic_cast and otherwise fits fold by fold.

#include <memory>
#include <vector>

#include "fitkit/core/estimator.hpp"

namespace fitkit {

class FoldFits {
 public:
  virtual ~FoldFits() = default;
  // One model per fold, fitted on every row but the fold's `test_rows` (the folds' test rows
  // together are every row of X, once), or none when this estimator's parameters or the data
  // do not allow it: the caller then fits each fold itself.
  virtual std::vector<std::unique_ptr<Estimator>> fit_folds(
      const Matrix& X, const Vector& y, const std::vector<arma::uvec>& test_rows) const = 0;
};

}  // namespace fitkit
