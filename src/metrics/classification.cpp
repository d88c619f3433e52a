#include "fitkit/metrics/classification.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"

namespace fitkit {
double log_loss(const Labels& y_true, const Matrix& proba, const Labels& classes,
                const Vector& sample_weight) {
  if (y_true.is_empty()) throw DataError("log_loss: y_true is empty");
  if (proba.n_rows != y_true.n_elem || proba.n_cols != classes.n_elem)
    throw DimensionMismatch("log_loss: proba is " + std::to_string(proba.n_rows) + " x " +
                            std::to_string(proba.n_cols) + " for " + std::to_string(y_true.n_elem) +
                            " labels and " + std::to_string(classes.n_elem) + " classes");
  check_finite(proba, "proba");
  const Vector w = weights_or_ones(sample_weight, y_true.n_elem);
  const double eps = std::numeric_limits<double>::epsilon();
  double total = 0;
  for (Index i = 0; i < y_true.n_elem; ++i) {
    const auto at = std::lower_bound(classes.begin(), classes.end(), y_true(i));
    if (at == classes.end() || *at != y_true(i))
      throw DataError("log_loss: label " + std::to_string(y_true(i)) + " is not in classes");
    const double p = std::clamp(proba(i, static_cast<Index>(at - classes.begin())), eps, 1 - eps);
    total -= w(i) * std::log(p);
  }
  return total / arma::accu(w);
}

}  // namespace fitkit
