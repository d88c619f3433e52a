#pragma once
// scikit-learn's validation_curve and learning_curve: scores on every fold's training and test
// rows as one parameter varies, or as the training rows grow. Scoring as cross_validate's (the
// empty name: the estimator's own score); folds and values run side by side, one fit per
// thread.

#include <cstdint>
#include <string>
#include <vector>

#include "fitkit/core/estimator.hpp"
#include "fitkit/model_selection/cross_validation.hpp"

namespace fitkit {

struct CurveScores {
  Vector ticks;         // learning_curve: the training sizes used; validation_curve: empty
  Matrix train_scores;  // ticks x folds
  Matrix test_scores;   // ticks x folds
};

// One row per value of `param_name` (set by name, as set_param; each checked before any fit).
CurveScores validation_curve(const Estimator& estimator, const Matrix& X, const Vector& y,
                             const std::string& param_name,
                             const std::vector<std::string>& param_range,
                             const std::vector<Fold>& folds, const std::string& scoring = {});

// One row per training size: a fraction in (0, 1] of the first fold's training rows
// (truncated, at least 1) or a count in [1, that], as scikit-learn's train_sizes; the distinct
// sizes in increasing order. Each fold fits on the first `size` of its training rows, in their
// order or, with `shuffle`, in the order of numpy's RandomState(seed).permutation of them (one
// generator for the folds in turn, as scikit-learn's shuffle and random_state).
CurveScores learning_curve(const Estimator& estimator, const Matrix& X, const Vector& y,
                           const std::vector<SplitSize>& train_sizes,
                           const std::vector<Fold>& folds, const std::string& scoring = {},
                           bool shuffle = false, std::uint32_t seed = 0);

}  // namespace fitkit
