#pragma once
// Epsilon- and nu-support vector regression, as scikit-learn's SVR and NuSVR (1.2), which wrap
// libsvm:
//
//   fitkit::SVR reg({.C = 10, .epsilon = 0.2});   // kernel rbf by default
//   reg.fit(X, y);                                 // optional sample_weight (rescales C per
//   sample) reg.predict(X); reg.score(X, y);               // R²
//
// The dual over (alpha, alpha*), 2 variables per sample,
//
//   min 0.5 (a - a*)'K(a - a*) + epsilon sum (a + a*) - y'(a - a*)
//   subject to sum (a - a*) = 0,  0 <= a_i, a*_i <= C_i = C * sample_weight_i,
//
// is solved by the SMO of SVC (second-order working-set selection, shrinking), with one
// cached kernel column per sample serving both of its variables (libsvm's SVR_Q). Samples of
// zero weight are left out, as scikit-learn's libsvm.
//
// Learned state as scikit-learn's: support() (training indices of the samples with
// a_i != a*_i), support_vectors(), dual_coef() (1 x n_SV: a_i - a*_i), intercept() (-rho),
// n_support(), n_iter(), dual_objective(). predict is one kernel matrix between the rows and
// the support vectors (GEMM-shaped, in row blocks) times dual_coef, plus the intercept.

#include <cstdint>
#include <iosfwd>
#include <string>

#include "fitkit/core/regressor.hpp"
#include "fitkit/svm/kernel.hpp"
#include "fitkit/svm/svm_expansion.hpp"

namespace fitkit {

struct SVRParams {
  SvmKernel kernel = SvmKernel::rbf;
  int degree = 3;
  Gamma gamma = GammaKeyword::scale;
  double coef0 = 0.0;
  double tol = 1e-3;
  double C = 1.0;
  double epsilon = 0.1;
  bool shrinking = true;
  double cache_size = 200;
  int max_iter = -1;

  template <class V>
  void visit(V&& v) {
    visit_kernel_params(v, kernel, degree, gamma, coef0);
    v("tol", tol, "stop when the maximal KKT violation is below this", greater_than(0.0));
    v("C", C, "regularisation: the penalty on errors beyond epsilon (scaled per sample)",
      greater_than(0.0));
    v("epsilon", epsilon, "half-width of the tube in which errors cost nothing (scale of y)",
      at_least(0.0));
    v("shrinking", shrinking, "whether SMO shrinks the active set");
    v("cache_size", cache_size, "megabytes of kernel columns to cache", greater_than(0.0));
    v("max_iter", max_iter, "limit on SMO iterations, -1 for none", at_least(-1));
  }
};

// nu-support vector regression, as scikit-learn's NuSVR: the tube's width is learned, nu
// bounds the fraction of errors from above and of support vectors from below. Its dual is
// SVR's without the epsilon term and with sum (a + a*) = nu * sum C_i, solved by the nu
// variant of SMO (libsvm's solve_nu_svr).
struct NuSVRParams {
  double nu = 0.5;
  double C = 1.0;
  SvmKernel kernel = SvmKernel::rbf;
  int degree = 3;
  Gamma gamma = GammaKeyword::scale;
  double coef0 = 0.0;
  bool shrinking = true;
  double tol = 1e-3;
  double cache_size = 200;
  int max_iter = -1;

  template <class V>
  void visit(V&& v) {
    v("nu", nu,
      "upper bound on the fraction of training errors, lower bound on the fraction of support "
      "vectors",
      in_half_open_range(0.0, 1.0));
    v("C", C, "regularisation: the penalty on errors beyond the tube (scaled per sample)",
      greater_than(0.0));
    visit_kernel_params(v, kernel, degree, gamma, coef0);
    v("shrinking", shrinking, "whether SMO shrinks the active set");
    v("tol", tol, "stop when the maximal KKT violation is below this", greater_than(0.0));
    v("cache_size", cache_size, "megabytes of kernel columns to cache", greater_than(0.0));
    v("max_iter", max_iter, "limit on SMO iterations, -1 for none", at_least(-1));
  }
};

// What SVR and NuSVR share: the fit on the 2l-variable dual (they differ only in its linear
// term, start and solver variant), the learned expansion and its accessors, prediction,
// model files. Derived is SVR or NuSVR, P its Params (both have kernel, degree, gamma, coef0,
// C, tol, shrinking, cache_size, max_iter).
template <class Derived, class P>
class KernelSVR : public EstimatorWithParams<Derived, P, Regressor> {
 public:
  explicit KernelSVR(P params = {})
      : EstimatorWithParams<Derived, P, Regressor>(std::move(params)) {}

  Derived& fit(const Matrix& X, const Vector& y);
  Derived& fit(const Matrix& X, const Vector& y, const Vector& sample_weight);
  Vector predict(const Matrix& X) const override;

  const arma::uvec& support() const;
  // Empty (0 rows) for a precomputed kernel, as scikit-learn.
  const Matrix& support_vectors() const;
  const Matrix& dual_coef() const;  // 1 x n_SV
  double intercept() const;
  Index n_support() const;
  Index n_iter() const;
  // The dual objective SMO reached (libsvm's obj; for SVR the minimum above).
  double dual_objective() const;
  // The gamma used (scale and auto resolved).
  double gamma_value() const;

  Tags tags() const override;  // a regressor that takes sample weights
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight);
  }

 private:
  Derived& fit_weighted(const Matrix& X, const Vector& y, const Vector* sample_weight);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  detail::SvmExpansion fitted_;
};

class SVR final : public KernelSVR<SVR, SVRParams> {
 public:
  using KernelSVR::KernelSVR;
  std::string type_name() const override { return "SVR"; }
  std::uint32_t class_version() const override { return 1; }
};

class NuSVR final : public KernelSVR<NuSVR, NuSVRParams> {
 public:
  using KernelSVR::KernelSVR;
  std::string type_name() const override { return "NuSVR"; }
  std::uint32_t class_version() const override { return 1; }
};

extern template class KernelSVR<SVR, SVRParams>;
extern template class KernelSVR<NuSVR, NuSVRParams>;

}  // namespace fitkit
