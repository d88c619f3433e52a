#pragma once
// scikit-learn's cross_validate, cross_val_score and cross_val_predict: an unfitted clone of
// the estimator fitted on each fold's training rows and scored or asked for predictions on its
// test rows. The folds run side by side on the threads set_num_threads allows, each fit on one
// thread (their fits are independent; one fit per core beats two threads per fit).
//
// As in scikit-learn 1.2, sample weights reach each fold's fit (its rows of them), not the
// scorers. Scoring names are get_scorer's (fitkit/metrics/scorer.hpp); the empty name is the
// estimator's own score (R2, accuracy, ...).

#include <cstdint>
#include <string>
#include <vector>

#include "fitkit/core/estimator.hpp"
#include "fitkit/model_selection/splitters.hpp"

namespace fitkit {

// scikit-learn's cv=n for an estimator: StratifiedKFold(n) for a classifier (y holding class
// labels; DataError otherwise), KFold(n) for any other; unshuffled unless `shuffle`.
std::vector<Fold> default_folds(const Estimator& estimator, const Vector& y, Index n_samples,
                                Index n_splits = 5, bool shuffle = false, std::uint32_t seed = 0);

// The folds of a test-fold assignment (scikit-learn's PredefinedSplit): fold k tests the rows
// whose entry is k and trains on the others; a negative entry never tests.
std::vector<Fold> predefined_split(const Vector& test_fold);

struct CrossValidateOptions {
  std::vector<std::string> scoring;  // empty: {""}, the estimator's own score
  bool return_train_score = false;
};

struct CrossValidation {
  std::vector<std::string> scoring;  // the columns' names ("score" for the estimator's own)
  Matrix test_scores;                // n_folds x scorers
  Matrix train_scores;               // the same on the training rows; empty unless asked
  Vector fit_time, score_time;       // seconds, per fold
};

// DataError when a fold is empty or names a row outside X.
CrossValidation cross_validate(const Estimator& estimator, const Matrix& X, const Vector& y,
                               const std::vector<Fold>& folds,
                               const CrossValidateOptions& options = {},
                               const Vector& sample_weight = {});

// One score per fold.
Vector cross_val_score(const Estimator& estimator, const Matrix& X, const Vector& y,
                       const std::vector<Fold>& folds, const std::string& scoring = {},
                       const Vector& sample_weight = {});

enum class PredictMethod { predict, predict_proba, decision_function };
// Every row's prediction by the model of the fold that tests it (the folds must test each row
// exactly once): one column for predict, one per class for predict_proba.
Matrix cross_val_predict(const Estimator& estimator, const Matrix& X, const Vector& y,
                         const std::vector<Fold>& folds,
                         PredictMethod method = PredictMethod::predict,
                         const Vector& sample_weight = {});

}  // namespace fitkit
