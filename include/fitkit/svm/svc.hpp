#pragma once
// C-support vector classification, as scikit-learn's SVC (1.2), which wraps libsvm:
//
//   fitkit::SVC clf({.C = 10, .gamma = 0.1});     // kernel rbf by default
//   clf.fit(X, y);                                // optional sample_weight (rescales C per sample)
//   clf.predict(X); clf.decision_function(X); clf.score(X, y);
//   fitkit::SVC calibrated({.probability = true, .seed = 0});
//   calibrated.fit(X, y).predict_proba(X);        // predict is then the argmax of predict_proba
//
// The dual of each binary problem, min 0.5 a'Qa - sum a, y'a = 0, 0 <= a_i <= C_i with
// C_i = C * class_weight[y_i] * sample_weight_i, is solved by SMO with second-order
// working-set selection and shrinking (as libsvm), on kernel columns computed with BLAS (on
// the cores the work is worth) and kept in an LRU cache of cache_size MB. Samples of zero
// weight are left out (as scikit-learn's libsvm). More than two classes are one binary
// problem per pair of classes (one-vs-one), whose votes predict; decision_function gives the
// pairwise values (ovo) or, by default, scikit-learn's ovr transformation of them (votes
// plus a confidence in (-1/3, 1/3)). NuSVC (nu_svc.hpp) shares all of this but the binary
// problem's formulation.
//
// Learned state as scikit-learn's: support() (indices of the support vectors in the
// training data, grouped by class), support_vectors(), n_support() per class, dual_coef()
// ((n_classes - 1) x n_SV, libsvm's layout: the coefficients y_i a_i of a vector of class c
// for its problem against class c' sit in row c' - 1 when c' > c, else in row c'), and
// intercept() (one per pair of classes); for two classes, dual_coef and intercept are those
// of the second class against the first (positive decision values predict classes()(1)).
// Prediction is one kernel matrix between the rows and the support vectors (a GEMM, in row
// blocks) and one matrix product with the coefficients.
//
// probability=true (libsvm's method, as scikit-learn's SVC(probability=True)): for each pair
// of classes, decision values of the pair's rows from an internal 5-fold cross-validation
// (folds drawn from `seed`, exactly as scikit-learn's libsvm draws them for random_state =
// seed, so the same seed gives scikit-learn's probA_ and probB_), and Platt's sigmoid
// P(first class of the pair) = 1 / (1 + exp(probA f + probB)) fitted to them (Lin, Lin & Weng's
// Newton method). predict_proba evaluates the sigmoids on the pairwise decision values and,
// for more than two classes, couples them into one distribution (Wu, Lin & Weng's method 2,
// libsvm's iteration and stopping rule); for two classes it is the sigmoid itself (scikit-learn
// 1.2 runs the coupling's iteration there too, which stops early and moves its probabilities
// by up to a few 1e-3).
//
// A deliberate departure from scikit-learn: with probability=true, predict returns the argmax
// of predict_proba (the first class of the largest probability), so that the label and the
// probabilities reported always agree; scikit-learn's predict keeps the decision values' vote,
// and the two can disagree. With probability=false, predict is libsvm's vote (or, with
// break_ties, the argmax of the ovr decision values) as in scikit-learn.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>

#include "fitkit/core/class_weight.hpp"
#include "fitkit/core/classifier.hpp"
#include "fitkit/svm/kernel.hpp"

namespace fitkit {

enum class DecisionFunctionShape { ovr, ovo };

template <>
struct EnumNames<DecisionFunctionShape> {
  static constexpr std::array values{std::pair{DecisionFunctionShape::ovr, "ovr"},
                                     std::pair{DecisionFunctionShape::ovo, "ovo"}};
};

struct SVCParams {
  double C = 1.0;
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
    v("C", C, "regularisation: the penalty on margin violations (scaled per sample)",
      greater_than(0.0));
    visit_kernel_params(v, kernel, degree, gamma, coef0);
    v("shrinking", shrinking, "whether SMO shrinks the active set");
    v("probability", probability,
      "fit Platt's sigmoids by internal 5-fold cross-validation, for predict_proba (predict is "
      "then the argmax of predict_proba)");
    v("tol", tol, "stop when the maximal KKT violation is below this", greater_than(0.0));
    v("cache_size", cache_size, "megabytes of kernel columns to cache", greater_than(0.0));
    v("class_weight", class_weight,
      "none; balanced: C of each class times n_samples / (n_classes * its count); or "
      "label:weight pairs (0:1,1:2.5; a class left out weighs 1)");
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

namespace detail {

// The learned state of a one-vs-one kernel SVM classifier (SVC, NuSVC); see SVC's accessors.
struct SvcState {
  arma::uvec support;
  Matrix support_vectors;
  arma::uvec n_support;
  Matrix dual_coef;
  Vector intercept;
  arma::uvec n_iter;
  Vector objective;
  double gamma = 0;
  Vector prob_a;  // one per pair (libsvm's sign: f positive for the pair's first class);
  Vector prob_b;  // empty without probability
};

// What the shared one-vs-one machinery (src/svm/one_vs_one.hpp) needs of the parameters.
struct SvcSettings {
  SvmKernel kernel = SvmKernel::rbf;
  int degree = 3;
  Gamma gamma = GammaKeyword::scale;
  double coef0 = 0;
  bool nu_variant = false;  // NuSVC's formulation, with nu; else SVC's, with C
  double C = 1.0;
  double nu = 0.5;
  bool shrinking = true;
  bool probability = false;
  double tol = 1e-3;
  double cache_size = 200;
  int max_iter = -1;
  DecisionFunctionShape decision_function_shape = DecisionFunctionShape::ovr;
  bool break_ties = false;
  std::uint64_t seed = 0;
};

// Everything SVC and NuSVC share: all but the name, the parameters and the binary problem's
// formulation (which SvcSettings carries).
template <class Derived, class P>
class KernelSvmClassifier : public EstimatorWithParams<Derived, P, Classifier> {
 public:
  using EstimatorWithParams<Derived, P, Classifier>::EstimatorWithParams;

  Labels predict(const Matrix& X) const override;
  // One column for two classes (positive: classes()(1)); else n_classes columns (ovr) or one
  // per pair of classes, (0,1), (0,2), ..., (1,2), ... (ovo; positive: the first of the pair).
  Matrix decision_function(const Matrix& X) const override;
  // With probability=true only: one column per class, rows summing to 1.
  Matrix predict_proba(const Matrix& X) const override;

  const arma::uvec& support() const;
  // Empty (0 rows) for a precomputed kernel, as scikit-learn.
  const Matrix& support_vectors() const;
  const arma::uvec& n_support() const;
  const Matrix& dual_coef() const;
  const Vector& intercept() const;
  // SMO iterations of each binary problem, in the order of intercept().
  const arma::uvec& n_iter() const;
  // The dual objective of each binary problem, as libsvm reports it ("obj"): for SVC
  // 0.5 a'Qa - sum a; for NuSVC 0.5 a'Qa of the coefficients dual_coef holds.
  const Vector& dual_objective() const;
  // The gamma used (scale and auto resolved).
  double gamma_value() const;
  // Platt's sigmoid of each pair of classes, in the order of intercept() (scikit-learn's
  // probA_ and probB_, in libsvm's sign: P(first class of the pair) = 1 / (1 + exp(A f + B))
  // for the pair's decision value f, positive for its first class). Empty when probability
  // is false.
  const Vector& probA() const;
  const Vector& probB() const;

  Tags tags() const override;  // sample weights, decision_function; predict_proba if probability
  void describe_fitted(std::ostream& out) const override;

 protected:
  void fit_labels(const Matrix& X, const Labels& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight);
  }
  void fit_weighted(const Matrix& X, const Labels& y, const Vector* sample_weight);
  // The state, with probA and probB from class version `probability_version` on.
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version, std::uint32_t probability_version);

 private:
  SvcSettings settings() const;
  const SvcState& fitted_state() const;

  SvcState state_;
};

}  // namespace detail

class SVC;
extern template class detail::KernelSvmClassifier<SVC, SVCParams>;

class SVC : public detail::KernelSvmClassifier<SVC, SVCParams> {
 public:
  using KernelSvmClassifier::KernelSvmClassifier;

  SVC& fit(const Matrix& X, const Labels& y) {
    fit_weighted(X, y, nullptr);
    return *this;
  }
  SVC& fit(const Matrix& X, const Labels& y, const Vector& sample_weight) {
    fit_weighted(X, y, &sample_weight);
    return *this;
  }

  std::string type_name() const override { return "SVC"; }
  // 2: probA and probB (and the probability and seed parameters); version 1 files still load.
  std::uint32_t class_version() const override { return 2; }
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version) {
    KernelSvmClassifier::serialize(ar, version, 2);
  }
};

}  // namespace fitkit
