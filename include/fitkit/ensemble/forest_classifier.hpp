#pragma once
// What RandomForestClassifier and ExtraTreesClassifier share: the fit and the averaged class
// probabilities of the trees (predict is their argmax, as scikit-learn's); the rest is
// ForestEstimator's. Each derives from ForestClassifier<Itself, ItsParams>.

#include <cstdint>

#include "fitkit/core/classifier.hpp"
#include "fitkit/ensemble/forest_estimator.hpp"

namespace fitkit {

template <class Derived, class P>
class ForestClassifier : public ForestEstimator<Derived, P, Classifier> {
 public:
  using ForestEstimator<Derived, P, Classifier>::ForestEstimator;

  Derived& fit(const Matrix& X, const Labels& y);
  Derived& fit(const Matrix& X, const Labels& y, const Vector& sample_weight);
  // The argmax of predict_proba (the first class of the largest mean probability).
  Labels predict(const Matrix& X) const override;
  // The mean over the trees of their leaves' class fractions, one column per class.
  Matrix predict_proba(const Matrix& X) const override;
  // With oob_score: each training row's mean class probabilities over the trees that left it
  // out (scikit-learn's oob_decision_function_).
  const Matrix& oob_decision_function() const;

  Tags tags() const override;  // sample weights, NaN, predict_proba, categories, contributions

 protected:
  void fit_labels(const Matrix& X, const Labels& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight);
  }

 private:
  Derived& fit_weighted(const Matrix& X, const Labels& y, const Vector* sample_weight);
};

}  // namespace fitkit
