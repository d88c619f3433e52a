#include "fitkit/preprocessing/normalizer.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>

#include "core/payload.hpp"
#include "fitkit/core/validation.hpp"
#include "preprocessing/zero_scales.hpp"

namespace fitkit {

Normalizer& Normalizer::fit(const Matrix& X) {
  validate_params(params_);
  check_fit_input(X, type_name());
  reset_fitted();
  set_n_features_in(X.n_cols);
  return *this;
}

Matrix Normalizer::transform(const Matrix& X) const {
  check_predict_input(X);
  const Index n = X.n_rows, d = X.n_cols;
  // Each row's norm, summed over the columns in order (X is column-major).
  Vector norms(n, arma::fill::zeros);
  for (Index j = 0; j < d; ++j) {
    const double* x = X.colptr(j);
    for (Index i = 0; i < n; ++i) {
      switch (params_.norm) {
        case Norm::l1:
          norms(i) += std::abs(x[i]);
          break;
        case Norm::l2:
          norms(i) += x[i] * x[i];
          break;
        case Norm::max:
          norms(i) = std::max(norms(i), std::abs(x[i]));
          break;
      }
    }
  }
  if (params_.norm == Norm::l2) norms = arma::sqrt(norms);
  detail::ones_for_zero_scales(norms);  // a zero row stays zeros
  Matrix out(n, d);
  for (Index j = 0; j < d; ++j) out.col(j) = X.col(j) / norms;
  return out;
}

void Normalizer::describe_fitted(std::ostream& out) const {
  out << "norm: " << detail::enum_name(params_.norm) << "\n";
}

template <class Archive>
void Normalizer::serialize(Archive& /*ar*/, std::uint32_t /*version*/) {}

FITKIT_DEFINE_PAYLOAD(Normalizer)

}  // namespace fitkit
