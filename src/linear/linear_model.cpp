#include "fitkit/linear/linear_model.hpp"

#include <cmath>
#include <ostream>
#include <string>

#include "core/format_problem.hpp"
#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"

namespace fitkit {

Tags LinearRegressor::tags() const {
  Tags t = Regressor::tags();
  t.sample_weight = true;
  return t;
}

Vector LinearRegressor::predict(const Matrix& X) const {
  check_predict_input(X);
  const detail::ScopedThreadLimit blas(detail::threads_for(detail::kStreamNanoseconds * X.n_elem));
  Vector out = X * coef_;
  out += intercept_;
  return out;
}

const Vector& LinearRegressor::coef() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return coef_;
}

double LinearRegressor::intercept() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return intercept_;
}

void LinearRegressor::describe_coefficients(std::ostream& out) const {
  out << "coef:\n";
  for (Index j = 0; j < coef_.n_elem; ++j) {
    const std::string name =
        j < feature_names().size() ? feature_names()[j] : "x" + std::to_string(j);
    out << "  " << name << ": " << detail::format_double(coef_(j)) << "\n";
  }
}

void LinearRegressor::check_loaded_coefficients() const {
  if (coef_.n_elem != n_features_in())
    throw detail::FormatProblem("coef has " + std::to_string(coef_.n_elem) + " entries for " +
                                std::to_string(n_features_in()) + " features");
  if (!coef_.is_finite() || !std::isfinite(intercept_))
    throw detail::FormatProblem("non-finite coefficients");
}

}  // namespace fitkit
