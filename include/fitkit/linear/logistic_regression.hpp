#pragma once
// Logistic regression, as scikit-learn's LogisticRegression (1.2):
//
//   fitkit::LogisticRegression clf({.C = 0.5});   // penalty l2 by default
//   clf.fit(X, y);                                // y: integer labels; optional sample_weight
//   clf.predict(X); clf.predict_proba(X); clf.decision_function(X); clf.score(X, y);
//
// The objective is scikit-learn's: sum_i w_i * loss_i + (1 / C) * penalty(W), with
// penalty 0.5 ||W||² (l2), ||W||₁ (l1), l1_ratio ||W||₁ + 0.5 (1 - l1_ratio) ||W||²
// (elasticnet) or nothing (none); the intercept is not penalised. Smooth penalties are
// minimised by L-BFGS (scipy's stopping rules: max |gradient| <= tol, or a relative decrease
// of the objective below 64 eps), l1 and elasticnet by OWL-QN (orthant-wise L-BFGS, stopping
// when the largest entry of the minimum-norm subgradient is <= tol). Two classes are one
// binary problem; more are one multinomial problem (multi_class auto or multinomial) or one
// binary problem per class (ovr). A fit that stops short of tol (at max_iter, or where no step
// decreases the objective any more) warns, as scikit-learn's ConvergenceWarning.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>

#include "fitkit/core/class_weight.hpp"
#include "fitkit/core/classifier.hpp"

namespace fitkit {

enum class LogisticPenalty { l2, l1, elasticnet, none };
enum class LogisticMultiClass { automatic, ovr, multinomial };

template <>
struct EnumNames<LogisticPenalty> {
  static constexpr std::array values{std::pair{LogisticPenalty::l2, "l2"},
                                     std::pair{LogisticPenalty::l1, "l1"},
                                     std::pair{LogisticPenalty::elasticnet, "elasticnet"},
                                     std::pair{LogisticPenalty::none, "none"}};
};

template <>
struct EnumNames<LogisticMultiClass> {
  static constexpr std::array values{std::pair{LogisticMultiClass::automatic, "auto"},
                                     std::pair{LogisticMultiClass::ovr, "ovr"},
                                     std::pair{LogisticMultiClass::multinomial, "multinomial"}};
};

struct LogisticRegressionParams {
  LogisticPenalty penalty = LogisticPenalty::l2;
  double C = 1.0;
  bool fit_intercept = true;
  ClassWeight class_weight;
  int max_iter = 100;
  double tol = 1e-4;
  double l1_ratio = 0.5;  // scikit-learn's default is None, required for elasticnet
  LogisticMultiClass multi_class = LogisticMultiClass::automatic;

  template <class V>
  void visit(V&& v) {
    v("penalty", penalty, "l2, l1, elasticnet or none", one_of_enum());
    v("C", C, "inverse of the regularisation strength", greater_than(0.0));
    v("fit_intercept", fit_intercept, "whether to fit an (unpenalised) intercept");
    v("class_weight", class_weight,
      "none; balanced: weight each class by n_samples / (n_classes * its count); or "
      "label:weight pairs (0:1,1:2.5; a class left out weighs 1)");
    v("max_iter", max_iter, "maximum solver iterations", at_least(1));
    v("tol", tol, "stop when the largest gradient entry is at most this", at_least(0.0));
    v("l1_ratio", l1_ratio, "elasticnet mixing: 0 is l2, 1 is l1 (elasticnet only)",
      in_range(0.0, 1.0));
    v("multi_class", multi_class,
      "auto (multinomial for more than two classes), ovr (one binary problem per class) or "
      "multinomial",
      one_of_enum());
  }
};

class LogisticRegression
    : public EstimatorWithParams<LogisticRegression, LogisticRegressionParams, Classifier> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  LogisticRegression& fit(const Matrix& X, const Labels& y);
  LogisticRegression& fit(const Matrix& X, const Labels& y, const Vector& sample_weight);
  Labels predict(const Matrix& X) const override;
  // One column per class of classes(); rows sum to 1.
  Matrix predict_proba(const Matrix& X) const override;
  Matrix predict_log_proba(const Matrix& X) const;
  // One column per class, or a single column (the score of classes()(1)) for two classes.
  Matrix decision_function(const Matrix& X) const override;

  // n_classes x n_features, or 1 x n_features for two classes (as scikit-learn's coef_).
  const Matrix& coef() const;
  const Vector& intercept() const;
  // Solver iterations (the largest over the per-class problems of ovr).
  Index n_iter() const;

  std::string type_name() const override { return "LogisticRegression"; }
  std::uint32_t class_version() const override { return 1; }
  Tags tags() const override;  // sample weights, predict_proba, decision_function
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_labels(const Matrix& X, const Labels& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight);
  }

 private:
  LogisticRegression& fit_weighted(const Matrix& X, const Labels& y, const Vector* sample_weight);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  Matrix coef_;
  Vector intercept_;
  Index n_iter_ = 0;
  bool multinomial_ = false;  // probabilities by softmax (else by normalised sigmoids)
};

}  // namespace fitkit
