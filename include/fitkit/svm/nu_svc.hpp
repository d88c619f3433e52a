#pragma once
// Nu-support vector classification, as scikit-learn's NuSVC (1.2), which wraps libsvm:
//
//   fitkit::NuSVC clf({.nu = 0.3});             // kernel rbf by default
//   clf.fit(X, y);                              // optional sample_weight
//   clf.predict(X); clf.decision_function(X); clf.predict_proba(X) (probability=true)
//
// Everything is SVC's (svc.hpp: one-vs-one pairs, the learned state, prediction, decision
// values, probability=true and its argmax guarantee, the model file) but each binary
// problem, which is Schölkopf et al.'s nu formulation as libsvm solves it:
//
//   min 0.5 a'Qa   subject to  y'a = 0,  e'a = nu * sum_i w_i,  0 <= a_i <= w_i
//
// (w_i the sample weights, 1 without), by SMO's nu variant (working pairs of the same label),
// then rescaled by 1/r, so that the decision function has libsvm's margin of 1. nu (in (0, 1])
// bounds the fraction of margin errors from above and of support vectors from below. A pair
// of classes with (weighted) counts n1 and n2 is feasible only when nu (n1 + n2) / 2 <=
// min(n1, n2): fit refuses a nu above that ("specified nu is infeasible", as libsvm).
//
// class_weight is accepted as scikit-learn accepts it, and, as in scikit-learn 1.2 (whose libsvm
// passes class weights to the C of SVC's problem only), it does not change the model; fit
// warns when one is given.

#include <cstdint>
#include <string>

#include "fitkit/svm/svc.hpp"

namespace fitkit {

struct NuSVCParams {
  double nu = 0.5;
  SvmKernel kernel = SvmKernel::rbf;
  int degree = 3;
  Gamma gamma = GammaKeyword::scale;
  double coef0 = 0.0;
  bool shrinking = true;
  bool probability = false;
  double tol = 1e-3;
  double cache_size = 200;
  ClassWeight class_weight;
  int max_iter = -1;
  DecisionFunctionShape decision_function_shape = DecisionFunctionShape::ovr;
  bool break_ties = false;
  std::uint64_t seed = 0;

  template <class V>
  void visit(V&& v) {
    v("nu", nu,
      "upper bound on the fraction of margin errors and lower bound on the fraction of support "
      "vectors, in (0, 1]",
      in_half_open_range(0.0, 1.0));
    visit_kernel_params(v, kernel, degree, gamma, coef0);
    v("shrinking", shrinking, "whether SMO shrinks the active set");
    v("probability", probability,
      "fit Platt's sigmoids by internal 5-fold cross-validation, for predict_proba (predict is "
      "then the argmax of predict_proba)");
    v("tol", tol, "stop when the maximal KKT violation is below this", greater_than(0.0));
    v("cache_size", cache_size, "megabytes of kernel columns to cache", greater_than(0.0));
    v("class_weight", class_weight,
      "accepted as scikit-learn does, and without effect as there (libsvm's nu problem has no "
      "per-class C)");
    v("max_iter", max_iter, "limit on SMO iterations per binary problem, -1 for none",
      at_least(-1));
    v("decision_function_shape", decision_function_shape,
      "ovr (n_classes columns, from the pairwise votes) or ovo (one column per pair)",
      one_of_enum());
    v("break_ties", break_ties,
      "with ovr and more than two classes, predict the argmax of decision_function rather "
      "than the first class of most votes (probability=false)");
    v("seed", seed,
      "seed of the probability cross-validation's folds (scikit-learn's random_state: the "
      "same seed gives the same folds)");
  }
};

class NuSVC;
extern template class detail::KernelSvmClassifier<NuSVC, NuSVCParams>;

class NuSVC : public detail::KernelSvmClassifier<NuSVC, NuSVCParams> {
 public:
  using KernelSvmClassifier::KernelSvmClassifier;

  NuSVC& fit(const Matrix& X, const Labels& y) {
    fit_weighted(X, y, nullptr);
    return *this;
  }
  NuSVC& fit(const Matrix& X, const Labels& y, const Vector& sample_weight) {
    fit_weighted(X, y, &sample_weight);
    return *this;
  }

  std::string type_name() const override { return "NuSVC"; }
  std::uint32_t class_version() const override { return 1; }
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version) {
    KernelSvmClassifier::serialize(ar, version, 1);
  }
};

}  // namespace fitkit
