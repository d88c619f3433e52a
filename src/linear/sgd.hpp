#pragma once
// The stochastic gradient descent engine behind SGDClassifier and SGDRegressor: scikit-learn's
// plain SGD (sklearn/linear_model/_sgd_fast.pyx, 1.2), one sample at a time, for one linear
// function  p = x'w + b  per problem.
//
// Per sample (t counts samples over all calls, from 1): the step size eta from the schedule;
// the sample's loss added to the epoch's sum; w <- (1 - (1 - l1_ratio) eta alpha) w, kept as a
// scale factor times a vector (the weight-scale trick: the shrinkage costs O(1), the vector is
// rescaled only when the factor falls below 1e-9); w <- w - eta * dloss * weight * x and the
// same step for b; the L1 part by Tsuruoka et al.'s cumulative penalty (each weight truncated
// at zero by what it has not yet paid of the total u). Averaged SGD keeps the running mean of
// w and b with Bottou's two-scalar trick. An epoch ends with scikit-learn's stopping rule.
// With early stopping the held-out score is that of the current model, w with its scale
// (scikit-learn 1.2 scores the stored vector without the scale factor against the intercept,
// which drifts from the model as the scale shrinks).

#include <cstdint>
#include <functional>
#include <string_view>
#include <vector>

#include "fitkit/core/types.hpp"
#include "fitkit/linear/sgd_options.hpp"

namespace fitkit::detail {

// Classification losses take y in {-1, +1}; perceptron is the hinge at threshold 0.
enum class SgdLoss {
  hinge,
  log,
  modified_huber,
  squared_hinge,
  perceptron,
  squared_error,
  huber,
  epsilon_insensitive,
  squared_epsilon_insensitive
};

struct SgdSettings {
  SgdLoss loss = SgdLoss::hinge;
  double epsilon = 0.1;
  SgdPenalty penalty = SgdPenalty::l2;
  double alpha = 1e-4;
  double l1_ratio = 0.15;
  bool fit_intercept = true;
  double tol = 1e-3;  // negative: no stopping rule
  int n_iter_no_change = 5;
  // With a validation set: stop on its score (accuracy of the sign, or R²), not the loss.
  bool early_stopping = false;
  bool score_accuracy = true;  // a classifier's score; else R²
  bool shuffle = true;
  SgdLearningRate learning_rate = SgdLearningRate::optimal;
  double eta0 = 0.0;
  double power_t = 0.5;
  long long average = 0;  // 0: off; else the sample count t at which averaging starts
};

// The settings from SGDClassifierParams or SGDRegressorParams (their shared options).
template <class P>
SgdSettings sgd_settings(const P& p, SgdLoss loss) {
  SgdSettings s;
  s.loss = loss;
  s.epsilon = p.epsilon;
  s.penalty = p.penalty;
  s.alpha = p.alpha;
  s.l1_ratio = p.l1_ratio;
  s.fit_intercept = p.fit_intercept;
  s.tol = p.tol;
  s.n_iter_no_change = p.n_iter_no_change;
  s.early_stopping = p.early_stopping;
  s.shuffle = p.shuffle;
  s.learning_rate = p.learning_rate;
  s.eta0 = p.eta0;
  s.power_t = p.power_t;
  s.average = p.average;
  return s;
}

// Throws InvalidParameter for what the ranges of Params cannot say: eta0 > 0 for the
// schedules that start from it, alpha > 0 for optimal.
void check_sgd_settings(const SgdSettings& settings);

// One linear function's state, kept between calls (partial_fit continues from it).
struct SgdLine {
  Vector coef;  // the plain SGD iterate
  double intercept = 0;
  Vector average_coef;  // averaged SGD (empty when average is 0)
  double average_intercept = 0;
};

// The targets of one problem: y (in {-1, +1} for classification losses) and the class
// weights of its positive (y > 0) and other samples.
struct SgdTargets {
  Vector y;
  double weight_pos = 1;
  double weight_neg = 1;
};

// The held-out split of early_stopping (fitkit::validation_split), its errors saying which
// parameters to change.
std::vector<unsigned char> early_stopping_split(Index n, double fraction, const arma::uvec* strata,
                                                std::uint64_t seed);

// Runs up to max_iter epochs of each problem k (targets(k), its own random stream k of
// `seed`) on X, from lines[k] and sample count t. X is copied once with samples contiguous
// (each step reads one sample). Problems run in parallel; the result does not depend on the
// thread count. Returns the largest number of epochs run. Throws fitkit::Error when the
// weights overflow.
// Samples marked in `validation` (empty: none) are not learned from but scored after each
// epoch (settings.early_stopping).
Index sgd_fit_lines(const SgdSettings& settings, const Matrix& X, const Vector& sample_weight,
                    const std::function<SgdTargets(Index)>& targets, double t, int max_iter,
                    std::uint64_t seed, std::vector<SgdLine>& lines,
                    const std::vector<unsigned char>& validation = {});

}  // namespace fitkit::detail
