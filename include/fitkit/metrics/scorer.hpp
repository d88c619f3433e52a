#pragma once
// Scorers by scikit-learn's names (its get_scorer, and the --scoring option): the score of a
// fitted estimator on (X, y), greater always better, so losses come negated as their names
// say ("neg_mean_squared_error"). Each calls the estimator as scikit-learn's scorer does:
// predict for label and value metrics; predict_proba for log-loss, Brier and one-vs-rest ROC
// AUC; decision_function (or else the positive class's probability) for the binary ranking
// scores roc_auc and average_precision.

#include <string>
#include <string_view>
#include <vector>

#include "fitkit/core/estimator.hpp"

namespace fitkit {

class Scorer {
 public:
  using Function = double (*)(const Estimator& estimator, const Matrix& X, const Vector& y,
                              const Vector& sample_weight);

  Scorer(std::string name, Function function) : name_(std::move(name)), function_(function) {}

  const std::string& name() const { return name_; }
  // The estimator must be fitted; sample_weight (empty: none) goes to the metric.
  double operator()(const Estimator& estimator, const Matrix& X, const Vector& y,
                    const Vector& sample_weight = {}) const {
    return function_(estimator, X, y, sample_weight);
  }

 private:
  std::string name_;
  Function function_;
};

// InvalidParameter ("scoring") naming the known scorers when there is no such name.
const Scorer& get_scorer(std::string_view name);
// Every name get_scorer knows, sorted.
std::vector<std::string> scorer_names();

}  // namespace fitkit
