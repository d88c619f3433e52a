#pragma once
// Linear classifiers by stochastic gradient descent, as scikit-learn's SGDClassifier (1.2):
//
//   fitkit::SGDClassifier clf({.loss = fitkit::SgdClassifierLoss::log_loss, .alpha = 1e-3});
//   clf.fit(X, y);                          // y: integer labels; optional sample_weight
//   clf.predict(X); clf.decision_function(X); clf.score(X, y);
//   clf.predict_proba(X);                   // loss log_loss or modified_huber
//   clf.partial_fit(X1, y1, classes);       // one epoch per call, classes on the first
//   clf.partial_fit(X2, y2);
//
// Minimises  sum_i w_i c_{y_i} loss(y_i (x_i'w + b)) / n + alpha * penalty(w)  one sample at a
// time (see src/linear/sgd.hpp for the exact steps, scikit-learn's). Two classes are one
// problem (the second class positive); more are one binary problem per class (one-vs-rest),
// run in parallel, each with its own random stream of `seed`, so the model does not depend on
// the thread count. With shuffle false the iterates are scikit-learn's; with shuffle true the
// sample order comes from fitkit's generator, not numpy's, and so does the validation split of
// early_stopping. partial_fit with average: once averaging has begun, scikit-learn 1.2
// starts each later call from a stale plain-SGD intercept (it keeps only the averaged one);
// fitkit carries the current one. Not (yet) offered: class_weight as a dict, coef_init /
// intercept_init.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>

#include "fitkit/core/class_weight.hpp"
#include "fitkit/core/classifier.hpp"
#include "fitkit/linear/sgd_options.hpp"

namespace fitkit {

enum class SgdClassifierLoss {
  hinge,
  log_loss,
  modified_huber,
  squared_hinge,
  perceptron,
  squared_error,
  huber,
  epsilon_insensitive,
  squared_epsilon_insensitive
};

template <>
struct EnumNames<SgdClassifierLoss> {
  // "log" is scikit-learn's older name for log_loss; it reads as log_loss.
  static constexpr std::array values{
      std::pair{SgdClassifierLoss::hinge, "hinge"},
      std::pair{SgdClassifierLoss::log_loss, "log_loss"},
      std::pair{SgdClassifierLoss::modified_huber, "modified_huber"},
      std::pair{SgdClassifierLoss::squared_hinge, "squared_hinge"},
      std::pair{SgdClassifierLoss::perceptron, "perceptron"},
      std::pair{SgdClassifierLoss::squared_error, "squared_error"},
      std::pair{SgdClassifierLoss::huber, "huber"},
      std::pair{SgdClassifierLoss::epsilon_insensitive, "epsilon_insensitive"},
      std::pair{SgdClassifierLoss::squared_epsilon_insensitive, "squared_epsilon_insensitive"},
      std::pair{SgdClassifierLoss::log_loss, "log"}};
};

struct SGDClassifierParams {
  SgdClassifierLoss loss = SgdClassifierLoss::hinge;
  SgdPenalty penalty = SgdPenalty::l2;
  double alpha = 1e-4;
  double l1_ratio = 0.15;
  bool fit_intercept = true;
  int max_iter = 1000;
  double tol = 1e-3;
  bool shuffle = true;
  double epsilon = 0.1;
  SgdLearningRate learning_rate = SgdLearningRate::optimal;
  double eta0 = 0.0;
  double power_t = 0.5;
  bool early_stopping = false;
  double validation_fraction = 0.1;
  int n_iter_no_change = 5;
  ClassWeight class_weight;
  bool warm_start = false;
  int average = 0;
  std::uint64_t seed = 0;

  template <class V>
  void visit(V&& v) {
    v("loss", loss,
      "hinge (linear SVM), log_loss (logistic regression; also 'log'), modified_huber, "
      "squared_hinge, perceptron, or a regression loss on targets -1 / +1 (squared_error, "
      "huber, epsilon_insensitive, squared_epsilon_insensitive)",
      one_of_enum());
    detail::visit_sgd_options(*this, v);
    v("class_weight", class_weight,
      "none; balanced: weight each class by n_samples / (n_classes * its count) (not with "
      "partial_fit); or label:weight pairs (0:1,1:2.5; a class left out weighs 1)");
  }
};

class SGDClassifier : public EstimatorWithParams<SGDClassifier, SGDClassifierParams, Classifier> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  SGDClassifier& fit(const Matrix& X, const Labels& y);
  SGDClassifier& fit(const Matrix& X, const Labels& y, const Vector& sample_weight);
  // One epoch over (X, y), continuing from the current model. `classes` (every label there
  // will ever be) is required on the first call and, if given later, must be the same.
  SGDClassifier& partial_fit(const Matrix& X, const Labels& y, const Labels& classes = {});
  SGDClassifier& partial_fit(const Matrix& X, const Labels& y, const Labels& classes,
                             const Vector& sample_weight);

  Labels predict(const Matrix& X) const override;
  // One column per class, or a single column (the score of classes()(1)) for two classes.
  Matrix decision_function(const Matrix& X) const override;
  // loss log_loss (normalised one-vs-rest sigmoids) or modified_huber (clipped scores);
  // other losses throw fitkit::Error.
  Matrix predict_proba(const Matrix& X) const override;

  // n_classes x n_features, or 1 x n_features for two classes (as scikit-learn's coef_); the
  // averaged coefficients once averaging has started.
  const Matrix& coef() const;
  const Vector& intercept() const;
  Index n_iter() const;  // epochs of the last call (the largest over the classes)
  double t() const;      // scikit-learn's t_: 1 + the samples seen (n_iter x n_samples a call)

  std::string type_name() const override { return "SGDClassifier"; }
  std::uint32_t class_version() const override { return 1; }
  // Sample weights, decision_function, partial_fit; predict_proba for log_loss and
  // modified_huber.
  Tags tags() const override;
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_labels(const Matrix& X, const Labels& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight);
  }
  void partial_fit_values(const Matrix& X, const Vector& y, const Vector& classes,
                          const Vector& sample_weight) override;

 private:
  SGDClassifier& fit_weighted(const Matrix& X, const Labels& y, const Vector* sample_weight);
  SGDClassifier& partial_fit_weighted(const Matrix& X, const Labels& y, const Labels& classes,
                                      const Vector* sample_weight);
  void run(const Matrix& X, const arma::uvec& index, const Vector& sample_weight,
           const Vector& class_weight, int max_iter);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  Matrix coef_;
  Vector intercept_;
  // The plain SGD iterates and, with average, the running means (coef_ is one of them).
  Matrix standard_coef_;
  Vector standard_intercept_;
  Matrix average_coef_;
  Vector average_intercept_;
  Index n_iter_ = 0;
  double t_ = 1.0;
};

}  // namespace fitkit
