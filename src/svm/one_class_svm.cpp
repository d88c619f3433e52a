#include "fitkit/svm/one_class_svm.hpp"

#include "core/payload.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/core/progress.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/core/warnings.hpp"
#include "svm/expansion.hpp"
#include "svm/kernel_matrix.hpp"
#include "svm/smo_solver.hpp"
#include "svm/svm_qmatrix.hpp"

namespace fitkit {

OneClassSVM& OneClassSVM::fit(const Matrix& X) {
  return fit_weighted(X, nullptr);
}

OneClassSVM& OneClassSVM::fit(const Matrix& X, const Vector& sample_weight) {
  return fit_weighted(X, &sample_weight);
}

OneClassSVM& OneClassSVM::fit_weighted(const Matrix& X, const Vector* sample_weight) {
  validate_params(params_);
  check_fit_input(X, type_name());
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);
  const detail::KernelSpec spec = detail::fit_kernel(params_, X, type_name());

  // Samples of zero weight take no part (scikit-learn's libsvm drops them); the bound of a
  // sample is its weight.
  const arma::uvec rows = sample_weight != nullptr ? arma::find(*sample_weight > 0.0)
                                                   : arma::regspace<arma::uvec>(0, X.n_rows - 1);
  const Index l = rows.n_elem;
  const Vector C =
      sample_weight != nullptr ? Vector(sample_weight->elem(rows)) : Vector(l, arma::fill::ones);
  // libsvm's start: the first samples at their bound until nu * sum(C) is spent.
  double left = params_.nu * arma::accu(C);
  Vector alpha(l, arma::fill::zeros);
  for (Index i = 0; i < l && left > 0; ++i) {
    alpha(i) = std::min(C(i), left);
    left -= alpha(i);
  }
  Progress progress(type_name(), 1);
  detail::SmoOptions options;
  options.eps = params_.tol;
  options.shrinking = params_.shrinking;
  options.max_iter = params_.max_iter;
  options.progress = &progress;
  const arma::ivec ones(l, arma::fill::ones);
  detail::SignedKernelQ Q(spec, X, rows, ones, params_.cache_size);
  const detail::SmoResult r =
      detail::solve_smo(Q, Vector(l, arma::fill::zeros), ones, C, alpha, options);
  progress.finish();
  detail::SvmExpansion e = detail::make_expansion(X, rows, r.alpha, r, spec);
  if (!std::isfinite(e.intercept) && arma::all(r.alpha >= C))
    throw Error("OneClassSVM: every sample is at its bound (nu " +
                detail::format_double(params_.nu) +
                "), so no free support vector defines the offset; use a smaller nu");
  if (!e.dual_coef.is_finite() || !std::isfinite(e.intercept))
    throw Error("OneClassSVM: the solver diverged (non-finite coefficients)");
  if (r.reached_max_iter)
    warn_not_converged(type_name(), params_.max_iter,
                       "SMO stopped before the maximal KKT violation fell below tol " +
                           detail::format_double(params_.tol));

  reset_fitted();
  fitted_ = std::move(e);
  set_n_features_in(X.n_cols);
  return *this;
}

Vector OneClassSVM::score_samples(const Matrix& X) const {
  check_predict_input(X);
  return detail::expansion_values(fitted_, detail::kernel_spec(params_, fitted_.gamma), X) -
         fitted_.intercept;
}

Matrix OneClassSVM::decision_function(const Matrix& X) const {
  check_predict_input(X);
  return detail::expansion_values(fitted_, detail::kernel_spec(params_, fitted_.gamma), X);
}

Tags OneClassSVM::tags() const {
  Tags t = OutlierDetector::tags();
  t.sample_weight = true;
  return t;
}

#define FITKIT_OCSVM_FITTED(expr)                 \
  if (!is_fitted()) throw NotFitted(type_name()); \
  return expr;

const arma::uvec& OneClassSVM::support() const {
  FITKIT_OCSVM_FITTED(fitted_.support)
}
const Matrix& OneClassSVM::support_vectors() const {
  FITKIT_OCSVM_FITTED(fitted_.support_vectors)
}
const Matrix& OneClassSVM::dual_coef() const {
  FITKIT_OCSVM_FITTED(fitted_.dual_coef)
}
double OneClassSVM::intercept() const {
  FITKIT_OCSVM_FITTED(fitted_.intercept)
}
double OneClassSVM::offset() const {
    FITKIT_OCSVM_FITTED(-fitted_.intercept)} Index OneClassSVM::n_support() const {
    FITKIT_OCSVM_FITTED(fitted_.support.n_elem)} Index OneClassSVM::n_iter() const {
  FITKIT_OCSVM_FITTED(static_cast<Index>(fitted_.n_iter))
}
double OneClassSVM::dual_objective() const {
  FITKIT_OCSVM_FITTED(fitted_.objective)
}
double OneClassSVM::gamma_value() const {
  FITKIT_OCSVM_FITTED(fitted_.gamma)
}

#undef FITKIT_OCSVM_FITTED

void OneClassSVM::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  detail::describe_expansion(out, fitted_, params_.kernel);
  out << "offset: " << detail::format_double(-fitted_.intercept) << "\n";
}

template <class Archive>
void OneClassSVM::serialize(Archive& ar, std::uint32_t /*version*/) {
  detail::serialize_expansion(ar, fitted_, n_features_in(),
                              params_.kernel == SvmKernel::precomputed);
}

FITKIT_DEFINE_PAYLOAD(OneClassSVM)

}  // namespace fitkit
