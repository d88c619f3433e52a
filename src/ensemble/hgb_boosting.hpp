#pragma once
// The boosting loop of HistGradientBoosting (scikit-learn 1.2's BaseHistGradientBoosting.fit):
// categories checked, an optional validation split for early stopping, the data binned once,
// then per iteration the gradients at the current raw predictions and one tree per raw
// column, its leaf values added to the training (and validation) raw predictions; early
// stopping compares the last n_iter_no_change + 1 scores.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ensemble/hgb_loss.hpp"
#include "fitkit/ensemble/hist_gradient_boosting.hpp"

namespace fitkit::detail::hgb {

struct BoostingSettings {
  std::string estimator;  // for messages and the progress bar
  Loss loss;
  double learning_rate = 0.1;
  int max_iter = 100;
  std::optional<int> max_leaf_nodes = 31;
  std::optional<int> max_depth;
  int min_samples_leaf = 20;
  double l2_regularization = 0;
  int max_bins = 255;
  std::vector<std::uint8_t> is_categorical;
  std::vector<std::int8_t> monotonic_cst;  // empty: none
  HgbEarlyStopping early_stopping = HgbEarlyStopping::automatic;
  std::optional<double> validation_fraction = 0.1;
  int n_iter_no_change = 10;
  double tol = 1e-7;
  std::uint64_t seed = 0;
};

// monotonic_cst checked (one of -1, 0, 1 per feature, none on a categorical feature).
std::vector<std::int8_t> monotonic_constraints(const std::vector<int>& monotonic_cst,
                                               Index n_features,
                                               const std::vector<std::uint8_t>& is_categorical);

// y: targets, or class indices 0..n_classes-1 for the classification losses. strata: the class
// index of every sample, for a stratified validation split (classifiers), or null.
HgbEnsemble boost(const Matrix& X, const Vector& y, const Vector* sample_weight,
                  const BoostingSettings& settings);

}  // namespace fitkit::detail::hgb
