#pragma once
// Unsupervised outlier detection, as scikit-learn's OneClassSVM (1.2), which wraps libsvm:
//
//   fitkit::OneClassSVM det({.nu = 0.1, .gamma = 0.5});   // kernel rbf by default
//   det.fit(X);                                            // optional sample_weight
//   det.predict(X);             // +1 inlier, -1 outlier
//   det.decision_function(X);   // negative for outliers: score_samples(X) - offset()
//   det.score_samples(X);       // sum_k dual_coef_k K(x, sv_k)
//
// Schölkopf's dual, min 0.5 a'Ka subject to sum a = nu * sum w, 0 <= a_i <= w_i (w the
// sample weights, 1 by default), solved by the SMO of SVC from libsvm's start (the first
// samples at their bound until the sum is reached); nu is an upper bound on the fraction of
// training errors and a lower bound on the fraction of support vectors. Samples of zero
// weight are left out, as scikit-learn's libsvm.
//
// Learned state as scikit-learn's: support(), support_vectors(), dual_coef() (1 x n_SV: a),
// intercept() (-rho), offset() (-intercept), n_support(), n_iter(), dual_objective().

#include <cstdint>
#include <iosfwd>
#include <string>

#include "fitkit/core/outlier_detector.hpp"
#include "fitkit/svm/kernel.hpp"
#include "fitkit/svm/svm_expansion.hpp"

namespace fitkit {

struct OneClassSVMParams {
  SvmKernel kernel = SvmKernel::rbf;
  int degree = 3;
  Gamma gamma = GammaKeyword::scale;
  double coef0 = 0.0;
  double tol = 1e-3;
  double nu = 0.5;
  bool shrinking = true;
  double cache_size = 200;
  int max_iter = -1;

  template <class V>
  void visit(V&& v) {
    visit_kernel_params(v, kernel, degree, gamma, coef0);
    v("tol", tol, "stop when the maximal KKT violation is below this", greater_than(0.0));
    v("nu", nu,
      "upper bound on the fraction of training errors, lower bound on the fraction of support "
      "vectors",
      in_half_open_range(0.0, 1.0));
    v("shrinking", shrinking, "whether SMO shrinks the active set");
    v("cache_size", cache_size, "megabytes of kernel columns to cache", greater_than(0.0));
    v("max_iter", max_iter, "limit on SMO iterations, -1 for none", at_least(-1));
  }
};

class OneClassSVM : public EstimatorWithParams<OneClassSVM, OneClassSVMParams, OutlierDetector> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  OneClassSVM& fit(const Matrix& X);
  OneClassSVM& fit(const Matrix& X, const Vector& sample_weight);
  // One column: score_samples(X) - offset(), negative for outliers.
  Matrix decision_function(const Matrix& X) const override;
  Vector score_samples(const Matrix& X) const override;

  const arma::uvec& support() const;
  // Empty (0 rows) for a precomputed kernel, as scikit-learn.
  const Matrix& support_vectors() const;
  const Matrix& dual_coef() const;  // 1 x n_SV
  double intercept() const;
  double offset() const;  // -intercept()
  Index n_support() const;
  Index n_iter() const;
  double dual_objective() const;  // 0.5 a'Ka at the solution (libsvm's obj)
  double gamma_value() const;

  std::string type_name() const override { return "OneClassSVM"; }
  std::uint32_t class_version() const override { return 1; }
  Tags tags() const override;  // sample weights
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& /*y*/, const Vector& sample_weight) override {
    fit_weighted(X, sample_weight.is_empty() ? nullptr : &sample_weight);
  }

 private:
  OneClassSVM& fit_weighted(const Matrix& X, const Vector* sample_weight);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  detail::SvmExpansion fitted_;
};

}  // namespace fitkit
