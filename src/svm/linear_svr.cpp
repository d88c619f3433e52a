#include "fitkit/svm/linear_svr.hpp"

#include "core/payload.hpp"

#include <cmath>
#include <ostream>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/core/warnings.hpp"
#include "svm/linear_svm_solvers.hpp"

namespace fitkit {

LinearSVR& LinearSVR::fit(const Matrix& X, const Vector& y) {
  return fit_weighted(X, y, nullptr);
}

LinearSVR& LinearSVR::fit(const Matrix& X, const Vector& y, const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight);
}

LinearSVR& LinearSVR::fit_weighted(const Matrix& X, const Vector& y, const Vector* sample_weight) {
  validate_params(params_);
  check_fit_input(X, y, type_name());
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);
  const bool squared = params_.loss == LinearSVRLoss::squared_epsilon_insensitive;
  // scikit-learn's table: epsilon_insensitive has only the dual solver, its square both;
  // dual=auto as scikit-learn 1.3.
  bool dual = true;
  switch (params_.dual) {
    case LinearSVMDual::yes:
      dual = true;
      break;
    case LinearSVMDual::no:
      if (!squared)
        throw InvalidParameter("dual",
                               "loss epsilon_insensitive is not supported with dual false (use "
                               "squared_epsilon_insensitive, or dual true or auto)");
      dual = false;
      break;
    case LinearSVMDual::automatic:
      dual = X.n_rows < X.n_cols || !squared;
      break;
  }
  Vector cost(X.n_rows);
  cost.fill(params_.C);
  if (sample_weight != nullptr) cost %= *sample_weight;

  const detail::ScopedThreadLimit blas(
      detail::threads_for(detail::kFlopNanoseconds * static_cast<double>(X.n_elem) * 20));
  const Matrix Xt = detail::linear_svm_samples(X, params_.fit_intercept, params_.intercept_scaling);
  const auto max_iter = static_cast<Index>(params_.max_iter);
  Random rng(params_.seed);
  const detail::LinearSvmSolution s =
      dual ? detail::dual_cd_regression(Xt, y, cost, params_.epsilon, squared, params_.tol,
                                        max_iter, rng)
           : detail::primal_newton(Xt, y, cost, false, params_.epsilon, params_.tol, max_iter);
  if (!s.w.is_finite()) throw Error("LinearSVR: the solver diverged (non-finite coefficients)");
  if (!s.converged)
    warn_not_converged(type_name(), max_iter,
                       "stopping measure " + detail::format_double(s.measure) + " > tol " +
                           detail::format_double(params_.tol));

  reset_fitted();
  coef_ = s.w.head(X.n_cols);
  intercept_ = params_.fit_intercept ? params_.intercept_scaling * s.w(X.n_cols) : 0.0;
  n_iter_ = s.n_iter;
  set_n_features_in(X.n_cols);
  return *this;
}

Index LinearSVR::n_iter() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return n_iter_;
}

void LinearSVR::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  out << "intercept: " << detail::format_double(intercept_) << "\n";
  out << "n_iter: " << n_iter_ << "\n";
  describe_coefficients(out);
}

template <class Archive>
void LinearSVR::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::uint64_t n_iter = n_iter_;
  ar(cereal::make_nvp("coef", detail::arma_ref(coef_)), cereal::make_nvp("intercept", intercept_),
     cereal::make_nvp("n_iter", n_iter));
  if constexpr (Archive::is_loading::value) {
    n_iter_ = static_cast<Index>(n_iter);
    check_loaded_coefficients();
  }
}

FITKIT_DEFINE_PAYLOAD(LinearSVR)

}  // namespace fitkit
