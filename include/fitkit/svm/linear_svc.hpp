#pragma once
// Linear support vector classification, as scikit-learn's LinearSVC (liblinear):
//
//   fitkit::LinearSVC clf({.C = 0.5});        // penalty l2, loss squared_hinge, dual auto
//   clf.fit(X, y);                            // y: integer labels; optional sample_weight
//   clf.predict(X); clf.decision_function(X); clf.coef(); clf.intercept(); clf.score(X, y);
//
// Each binary problem (two classes, or one class against the rest) minimises liblinear's
//
//   0.5 ||w~||² + sum_i C_i loss(y_i w~'x~_i)        (penalty l2)
//   ||w~||₁     + sum_i C_i loss(y_i w~'x~_i)        (penalty l1, squared_hinge only)
//
// with y_i = ±1, C_i = C * sample_weight_i * class_weight (of the sample's class for two
// classes; of the positive class only, the rest weighing 1, for one-vs-rest, as liblinear),
// loss hinge max(0, 1 - m) or squared_hinge max(0, 1 - m)². With fit_intercept, x~ is x with
// one more feature equal to intercept_scaling, so the intercept (intercept_scaling times its
// weight) is penalised like the coefficients, exactly as scikit-learn.
//
// Solvers (liblinear's): dual=true, dual coordinate descent (Hsieh et al. 2008) over a random
// permutation of the samples (`seed`) with shrinking, stopping when the projected gradient's
// spread is at most tol; dual=false, the primal Newton method on the squared hinge (Hessian
// solved exactly for up to a few thousand features, by conjugate gradients beyond), stopping
// when ||gradient|| <= tol * max(min(n_pos, n_neg), 1) / n * ||gradient at 0||; penalty l1,
// coordinate descent on the primal. multi_class crammer_singer solves the joint problem of
// Crammer & Singer by liblinear's dual method (penalty, loss and dual are then ignored). A fit
// that reaches max_iter warns (ConvergenceWarning) and keeps its model.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>

#include "fitkit/core/class_weight.hpp"
#include "fitkit/core/classifier.hpp"
#include "fitkit/svm/linear_svm_options.hpp"

namespace fitkit {

enum class LinearSVCPenalty { l2, l1 };
enum class LinearSVCLoss { squared_hinge, hinge };
enum class LinearSVCMultiClass { ovr, crammer_singer };

template <>
struct EnumNames<LinearSVCPenalty> {
  static constexpr std::array values{std::pair{LinearSVCPenalty::l2, "l2"},
                                     std::pair{LinearSVCPenalty::l1, "l1"}};
};

template <>
struct EnumNames<LinearSVCLoss> {
  static constexpr std::array values{std::pair{LinearSVCLoss::squared_hinge, "squared_hinge"},
                                     std::pair{LinearSVCLoss::hinge, "hinge"}};
};

template <>
struct EnumNames<LinearSVCMultiClass> {
  static constexpr std::array values{
      std::pair{LinearSVCMultiClass::ovr, "ovr"},
      std::pair{LinearSVCMultiClass::crammer_singer, "crammer_singer"}};
};

struct LinearSVCParams {
  LinearSVCPenalty penalty = LinearSVCPenalty::l2;
  LinearSVCLoss loss = LinearSVCLoss::squared_hinge;
  LinearSVMDual dual = LinearSVMDual::automatic;  // scikit-learn >= 1.5's default
  double tol = 1e-4;
  double C = 1.0;
  LinearSVCMultiClass multi_class = LinearSVCMultiClass::ovr;
  bool fit_intercept = true;
  double intercept_scaling = 1.0;
  ClassWeight class_weight;
  int max_iter = 1000;
  std::uint64_t seed = 0;

  template <class V>
  void visit(V&& v) {
    v("penalty", penalty, "l2, or l1 (sparse coefficients; squared_hinge with dual false)",
      one_of_enum());
    v("loss", loss, "squared_hinge or hinge (the standard SVM loss; penalty l2, dual true)",
      one_of_enum());
    v("dual", dual,
      "true: dual coordinate descent; false: the primal problem; auto: the dual with fewer "
      "samples than features, else the primal, as the loss and penalty allow",
      one_of_enum());
    v("tol", tol, "stopping tolerance (projected-gradient spread, or relative gradient norm)",
      greater_than(0.0));
    v("C", C, "inverse of the regularisation strength", greater_than(0.0));
    v("multi_class", multi_class,
      "ovr (one binary problem per class) or crammer_singer (one joint problem; penalty, loss "
      "and dual are then ignored)",
      one_of_enum());
    v("fit_intercept", fit_intercept, "whether to fit an intercept (penalised, as liblinear)");
    v("intercept_scaling", intercept_scaling,
      "value of the synthetic feature whose weight times it is the intercept (larger: the "
      "intercept is penalised less)",
      greater_than(0.0));
    v("class_weight", class_weight,
      "none; balanced: weight each class by n_samples / (n_classes * its count); or "
      "label:weight pairs (0:1,1:2.5; a class left out weighs 1). Multiplies C per sample");
    v("max_iter", max_iter, "maximum solver iterations (passes, or Newton steps)", at_least(1));
    v("seed", seed, "random seed for the order in which coordinate descent visits samples");
  }
};

class LinearSVC : public EstimatorWithParams<LinearSVC, LinearSVCParams, Classifier> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  LinearSVC& fit(const Matrix& X, const Labels& y);
  LinearSVC& fit(const Matrix& X, const Labels& y, const Vector& sample_weight);
  Labels predict(const Matrix& X) const override;
  // One column per class, or a single column (the score of classes()(1)) for two classes.
  Matrix decision_function(const Matrix& X) const override;

  // n_classes x n_features, or 1 x n_features for two classes (as scikit-learn's coef_).
  const Matrix& coef() const;
  const Vector& intercept() const;
  // Solver iterations (the largest over the one-vs-rest problems).
  Index n_iter() const;

  std::string type_name() const override { return "LinearSVC"; }
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
  LinearSVC& fit_weighted(const Matrix& X, const Labels& y, const Vector* sample_weight);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  Matrix coef_;
  Vector intercept_;
  Index n_iter_ = 0;
};

}  // namespace fitkit
