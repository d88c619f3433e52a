#include "fitkit/core/validation.hpp"

#include <cmath>
#include <string>

#include "fitkit/core/error.hpp"

namespace fitkit {
namespace {

std::string describe_bad(double x) {
  return std::isnan(x) ? "NaN" : "an infinite value";
}

}  // namespace

void check_finite(const Matrix& X, std::string_view what) {
  if (X.is_finite()) return;
  for (Index j = 0; j < X.n_cols; ++j)
    for (Index i = 0; i < X.n_rows; ++i)
      if (!std::isfinite(X(i, j)))
        throw DataError(std::string(what) + " contains " + describe_bad(X(i, j)) + " at row " +
                        std::to_string(i + 1) + ", column " + std::to_string(j + 1));
}

void check_finite(const Vector& v, std::string_view what) {
  if (v.is_finite()) return;
  for (Index i = 0; i < v.n_elem; ++i)
    if (!std::isfinite(v(i)))
      throw DataError(std::string(what) + " contains " + describe_bad(v(i)) + " at row " +
                      std::to_string(i + 1));
}

void check_no_infinity(const Matrix& X, std::string_view what) {
  if (!X.has_inf()) return;
  for (Index j = 0; j < X.n_cols; ++j)
    for (Index i = 0; i < X.n_rows; ++i)
      if (std::isinf(X(i, j)))
        throw DataError(std::string(what) + " contains " + describe_bad(X(i, j)) + " at row " +
                        std::to_string(i + 1) + ", column " + std::to_string(j + 1) +
                        " (NaN stands for a missing value)");
}

void check_fit_input(const Matrix& X, const Vector& y, std::string_view estimator,
                     Index min_samples, MissingValues missing) {
  const std::string name(estimator);
  if (X.n_rows == 0) throw DataError(name + ": X has no rows");
  if (X.n_cols == 0) throw DataError(name + ": X has no feature columns");
  if (X.n_rows < min_samples)
    throw DataError(name + " needs at least " + std::to_string(min_samples) + " samples, got " +
                    std::to_string(X.n_rows));
  if (y.n_elem != X.n_rows)
    throw DimensionMismatch(name + ": X has " + std::to_string(X.n_rows) + " rows but y has " +
                            std::to_string(y.n_elem));
  if (missing == MissingValues::allowed)
    check_no_infinity(X, "X");
  else
    check_finite(X, "X");
  check_finite(y, "y");
}

void check_fit_input(const Matrix& X, std::string_view estimator, MissingValues missing) {
  const std::string name(estimator);
  if (X.n_rows == 0) throw DataError(name + ": X has no rows");
  if (X.n_cols == 0) throw DataError(name + ": X has no feature columns");
  if (missing == MissingValues::allowed)
    check_no_infinity(X, "X");
  else
    check_finite(X, "X");
}

void check_sample_weight(const Vector& sample_weight, Index n_samples) {
  if (sample_weight.n_elem != n_samples)
    throw DimensionMismatch("sample_weight has " + std::to_string(sample_weight.n_elem) +
                            " entries for " + std::to_string(n_samples) + " samples");
  check_finite(sample_weight, "sample_weight");
  for (Index i = 0; i < sample_weight.n_elem; ++i)
    if (sample_weight(i) < 0)
      throw DataError("sample_weight is negative at row " + std::to_string(i + 1));
  if (arma::accu(sample_weight) <= 0) throw DataError("sample_weight sums to zero");
}

Vector weights_or_ones(const Vector& sample_weight, Index n_samples) {
  if (sample_weight.is_empty()) return Vector(n_samples, arma::fill::ones);
  check_sample_weight(sample_weight, n_samples);
  return sample_weight;
}

Vector checked_metric_weights(const Vector& y_true, const Vector& y_pred,
                              const Vector& sample_weight) {
  if (y_true.is_empty()) throw DataError("metric: y_true is empty");
  if (y_true.n_elem != y_pred.n_elem)
    throw DimensionMismatch("metric: y_true has " + std::to_string(y_true.n_elem) +
                            " values but y_pred has " + std::to_string(y_pred.n_elem));
  check_finite(y_true, "y_true");
  check_finite(y_pred, "y_pred");
  return weights_or_ones(sample_weight, y_true.n_elem);
}

}  // namespace fitkit
