#include "fitkit/svm/svr.hpp"

#include "core/payload.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <string>
#include <type_traits>

#include "fitkit/core/error.hpp"
#include "fitkit/core/progress.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/core/warnings.hpp"
#include "svm/expansion.hpp"
#include "svm/kernel_matrix.hpp"
#include "svm/smo_solver.hpp"
#include "svm/svm_qmatrix.hpp"

namespace fitkit {
namespace {

// The regression dual over v = (a, a*), 2l variables (libsvm's solve_epsilon_svr):
// y = (+1, ..., -1, ...), C_i = C * w_i for both of a sample's variables, and the linear term
// p = (epsilon - y, epsilon + y) from a start at 0.
struct RegressionDual {
  Vector p;
  arma::ivec y;
  Vector C;
  Vector alpha;
};

RegressionDual epsilon_dual(const Vector& target, const Vector& C, double epsilon) {
  const Index l = target.n_elem;
  RegressionDual d;
  d.p = arma::join_cols(epsilon - target, epsilon + target);
  d.y = arma::join_cols(arma::ivec(l, arma::fill::ones), -arma::ivec(l, arma::fill::ones));
  d.C = arma::join_cols(C, C);
  d.alpha.zeros(2 * l);
  return d;
}

// NuSVR's (libsvm's solve_nu_svr): p = (-y, y), and a start with sum (a + a*) = nu sum C_i,
// each sample's two variables equal, filled in order up to their bound.
RegressionDual nu_dual(const Vector& target, const Vector& C, double nu) {
  const Index l = target.n_elem;
  RegressionDual d;
  d.p = arma::join_cols(-target, target);
  d.y = arma::join_cols(arma::ivec(l, arma::fill::ones), -arma::ivec(l, arma::fill::ones));
  d.C = arma::join_cols(C, C);
  d.alpha.zeros(2 * l);
  double left = nu * arma::accu(C) / 2;
  for (Index i = 0; i < l; ++i) {
    const double a = std::min(left, C(i));
    d.alpha(i) = d.alpha(i + l) = a;
    left -= a;
  }
  return d;
}

template <class P>
RegressionDual make_dual(const P& params, const Vector& target, const Vector& C) {
  if constexpr (std::is_same_v<P, NuSVRParams>)
    return nu_dual(target, C, params.nu);
  else
    return epsilon_dual(target, C, params.epsilon);
}

}  // namespace

template <class Derived, class P>
Derived& KernelSVR<Derived, P>::fit(const Matrix& X, const Vector& y) {
  return fit_weighted(X, y, nullptr);
}

template <class Derived, class P>
Derived& KernelSVR<Derived, P>::fit(const Matrix& X, const Vector& y, const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight);
}

template <class Derived, class P>
Derived& KernelSVR<Derived, P>::fit_weighted(const Matrix& X, const Vector& y,
                                             const Vector* sample_weight) {
  validate_params(this->params_);
  const P& params = this->params_;
  const std::string name = this->type_name();
  check_fit_input(X, y, name);
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);
  const detail::KernelSpec spec = detail::fit_kernel(params, X, name);

  // Samples of zero weight take no part (scikit-learn's libsvm drops them).
  const arma::uvec rows = sample_weight != nullptr ? arma::find(*sample_weight > 0.0)
                                                   : arma::regspace<arma::uvec>(0, X.n_rows - 1);
  Vector C(rows.n_elem);
  C.fill(params.C);
  if (sample_weight != nullptr) C %= sample_weight->elem(rows);
  const Vector target = y(rows);

  const RegressionDual dual = make_dual(params, target, C);
  Progress progress(name, 1);
  detail::SmoOptions options;
  options.eps = params.tol;
  options.shrinking = params.shrinking;
  options.max_iter = params.max_iter;
  options.nu_variant = std::is_same_v<P, NuSVRParams>;
  options.progress = &progress;
  detail::SvrQ Q(spec, X, rows, params.cache_size);
  const detail::SmoResult r = detail::solve_smo(Q, dual.p, dual.y, dual.C, dual.alpha, options);
  progress.finish();
  const Index l = rows.n_elem;
  const Vector coef = r.alpha.head(l) - r.alpha.tail(l);
  detail::SvmExpansion e = detail::make_expansion(X, rows, coef, r, spec);
  if (!e.dual_coef.is_finite() || !std::isfinite(e.intercept))
    throw Error(name + ": the solver diverged (non-finite coefficients)");
  if (r.reached_max_iter)
    warn_not_converged(name, params.max_iter,
                       "SMO stopped before the maximal KKT violation fell below tol " +
                           detail::format_double(params.tol));

  this->reset_fitted();
  fitted_ = std::move(e);
  this->set_n_features_in(X.n_cols);
  return static_cast<Derived&>(*this);
}

template <class Derived, class P>
Vector KernelSVR<Derived, P>::predict(const Matrix& X) const {
  this->check_predict_input(X);
  return detail::expansion_values(fitted_, detail::kernel_spec(this->params_, fitted_.gamma), X);
}

template <class Derived, class P>
Tags KernelSVR<Derived, P>::tags() const {
  Tags t = Regressor::tags();
  t.sample_weight = true;
  return t;
}

#define FITKIT_SVR_FITTED(expr)                               \
  if (!this->is_fitted()) throw NotFitted(this->type_name()); \
  return expr;

template <class Derived, class P>
const arma::uvec& KernelSVR<Derived, P>::support() const {
  FITKIT_SVR_FITTED(fitted_.support)
}
template <class Derived, class P>
const Matrix& KernelSVR<Derived, P>::support_vectors() const {
  FITKIT_SVR_FITTED(fitted_.support_vectors)
}
template <class Derived, class P>
const Matrix& KernelSVR<Derived, P>::dual_coef() const {
  FITKIT_SVR_FITTED(fitted_.dual_coef)
}
template <class Derived, class P>
double KernelSVR<Derived, P>::intercept() const {
  FITKIT_SVR_FITTED(fitted_.intercept)
}
template <class Derived, class P>
Index KernelSVR<Derived, P>::n_support() const {
  FITKIT_SVR_FITTED(fitted_.support.n_elem)
}
template <class Derived, class P>
Index KernelSVR<Derived, P>::n_iter() const {
  FITKIT_SVR_FITTED(static_cast<Index>(fitted_.n_iter))
}
template <class Derived, class P>
double KernelSVR<Derived, P>::dual_objective() const {
  FITKIT_SVR_FITTED(fitted_.objective)
}
template <class Derived, class P>
double KernelSVR<Derived, P>::gamma_value() const {
  FITKIT_SVR_FITTED(fitted_.gamma)
}

#undef FITKIT_SVR_FITTED

template <class Derived, class P>
void KernelSVR<Derived, P>::describe_fitted(std::ostream& out) const {
  if (!this->is_fitted()) throw NotFitted(this->type_name());
  detail::describe_expansion(out, fitted_, this->params_.kernel);
}

template <class Derived, class P>
template <class Archive>
void KernelSVR<Derived, P>::serialize(Archive& ar, std::uint32_t /*version*/) {
  detail::serialize_expansion(ar, fitted_, this->n_features_in(),
                              this->params_.kernel == SvmKernel::precomputed);
}

template <class Derived, class P>
void KernelSVR<Derived, P>::write_payload(detail::PayloadWriter& writer) const {
  writer.visit(
      [this](auto& ar) { const_cast<KernelSVR*>(this)->serialize(ar, this->class_version()); });
}

template <class Derived, class P>
void KernelSVR<Derived, P>::read_payload(detail::PayloadReader& reader, std::uint32_t version) {
  reader.visit([this, version](auto& ar) { this->serialize(ar, version); });
}

template class KernelSVR<SVR, SVRParams>;
template class KernelSVR<NuSVR, NuSVRParams>;

}  // namespace fitkit
