#pragma once
// C-support vector classification, as scikit-learn's SVC (1.2), which wraps libsvm:
//
//   fitkit::SVC clf({.C = 10, .gamma = 0.1});     // kernel rbf by default
//   clf.fit(X, y);                                // optional sample_weight (rescales C per sample)
//   clf.predict(X); clf.decision_function(X); clf.score(X, y);
//
// The dual of each binary problem, min 0.5 a'Qa - sum a, y'a = 0, 0 <= a_i <= C_i with
// C_i = C * class_weight[y_i] * sample_weight_i, is solved by SMO with second-order
// working-set selection and shrinking (as libsvm), on kernel columns computed with BLAS (on
// the cores the work is worth) and kept in an LRU cache of cache_size MB. Samples of zero
// weight are left out (as scikit-learn's libsvm). More than two classes are one binary
// problem per pair of classes (one-vs-one), whose votes predict; decision_function gives the
// pairwise values (ovo) or, by default, scikit-learn's ovr transformation of them (votes
// plus a confidence in (-1/3, 1/3)).
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
// Not (yet) here: probability (Platt scaling) and predict_proba.

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
  double tol = 1e-3;
  double cache_size = 200;
  ClassWeight class_weight;
  int max_iter = -1;
  DecisionFunctionShape decision_function_shape = DecisionFunctionShape::ovr;
  bool break_ties = false;

  template <class V>
  void visit(V&& v) {
    v("C", C, "regularisation: the penalty on margin violations (scaled per sample)",
      greater_than(0.0));
    visit_kernel_params(v, kernel, degree, gamma, coef0);
    v("shrinking", shrinking, "whether SMO shrinks the active set");
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
      "than the first class of most votes");
  }
};

class SVC : public EstimatorWithParams<SVC, SVCParams, Classifier> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  SVC& fit(const Matrix& X, const Labels& y);
  SVC& fit(const Matrix& X, const Labels& y, const Vector& sample_weight);
  Labels predict(const Matrix& X) const override;
  // One column for two classes (positive: classes()(1)); else n_classes columns (ovr) or one
  // per pair of classes, (0,1), (0,2), ..., (1,2), ... (ovo; positive: the first of the pair).
  Matrix decision_function(const Matrix& X) const override;

  const arma::uvec& support() const;
  // Empty (0 rows) for a precomputed kernel, as scikit-learn.
  const Matrix& support_vectors() const;
  const arma::uvec& n_support() const;
  const Matrix& dual_coef() const;
  const Vector& intercept() const;
  // SMO iterations of each binary problem, in the order of intercept().
  const arma::uvec& n_iter() const;
  // The dual objective 0.5 a'Qa - sum a reached by each binary problem (libsvm's "obj").
  const Vector& dual_objective() const;
  // The gamma used (scale and auto resolved).
  double gamma_value() const;

  std::string type_name() const override { return "SVC"; }
  std::uint32_t class_version() const override { return 1; }
  Tags tags() const override;  // sample weights, decision_function
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_labels(const Matrix& X, const Labels& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight);
  }

 private:
  SVC& fit_weighted(const Matrix& X, const Labels& y, const Vector* sample_weight);
  // libsvm's pairwise decision values: positive for the first class of each pair.
  Matrix pairwise_values(const Matrix& X) const;
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  arma::uvec support_;
  Matrix support_vectors_;
  arma::uvec n_support_;
  Matrix dual_coef_;
  Vector intercept_;
  arma::uvec n_iter_;
  Vector objective_;
  double gamma_ = 0;
};

}  // namespace fitkit
