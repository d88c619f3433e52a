#pragma once
// What HistGradientBoostingRegressor and HistGradientBoostingClassifier share: the parameters
// that are not the loss, and the fitted ensemble. See hist_gradient_boosting_regressor.hpp.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "fitkit/core/params.hpp"
#include "fitkit/core/types.hpp"
#include "fitkit/tree/tree.hpp"

namespace fitkit {

// scikit-learn's early_stopping='auto' | True | False: auto stops early above 10,000 samples.
enum class HgbEarlyStopping { automatic, yes, no };
template <>
struct EnumNames<HgbEarlyStopping> {
  static constexpr std::array values{std::pair{HgbEarlyStopping::automatic, "auto"},
                                     std::pair{HgbEarlyStopping::yes, "true"},
                                     std::pair{HgbEarlyStopping::no, "false"}};
};

// What early stopping scores: the loss (scikit-learn's scoring='loss', the default).
enum class HgbScoring { loss };
template <>
struct EnumNames<HgbScoring> {
  static constexpr std::array values{std::pair{HgbScoring::loss, "loss"}};
};

// The parameters after the loss, in scikit-learn's order; P is either estimator's Params.
template <class V, class P>
void visit_hist_gradient_boosting_params(V& v, P& p) {
  v("learning_rate", p.learning_rate, "shrinkage of every tree's leaf values", greater_than(0.0));
  v("max_iter", p.max_iter, "boosting iterations (trees per class)", at_least(1));
  v("max_leaf_nodes", p.max_leaf_nodes, "most leaves per tree (none: no limit)", at_least(2));
  v("max_depth", p.max_depth, "deepest a tree grows (none: no limit)", at_least(1));
  v("min_samples_leaf", p.min_samples_leaf, "fewest training samples in a leaf", at_least(1));
  v("l2_regularization", p.l2_regularization, "L2 penalty on leaf values", at_least(0.0));
  v("max_bins", p.max_bins, "bins per feature for non-missing values", in_range(2, 255));
  v("categorical_features", p.categorical_features,
    "features holding category codes 0..max_bins-1: indices or names");
  v("monotonic_cst", p.monotonic_cst,
    "per feature: 1 increasing, -1 decreasing, 0 unconstrained (empty: none)");
  v("early_stopping", p.early_stopping,
    "stop when the validation loss stops improving (auto: above 10,000 samples)", one_of_enum());
  v("scoring", p.scoring, "what early stopping scores", one_of_enum());
  v("validation_fraction", p.validation_fraction,
    "share of the training data held out for early stopping (none: score the training data)",
    Range{0.0, 1.0, true, true});
  v("n_iter_no_change", p.n_iter_no_change,
    "stop after this many iterations without an improvement above tol", at_least(1));
  v("tol", p.tol, "least improvement of the score that counts", at_least(0.0));
  v("seed", p.seed, "random seed (binning subsample, validation split)");
}

namespace detail {

// A fitted HistGradientBoosting model: raw prediction = baseline + the sum of the trees.
struct HgbEnsemble {
  // Iteration by iteration, n_trees_per_iteration trees each (one per class for multiclass).
  std::vector<Tree> trees;
  Index n_trees_per_iteration = 1;
  Vector baseline;  // one raw value per tree of an iteration
  Index n_iter = 0;
  bool do_early_stopping = false;
  std::vector<double> train_score;       // -loss, before the first tree and after each
  std::vector<double> validation_score;  // the same on the validation set, when used
  std::vector<std::uint8_t> is_categorical;

  // n_rows x n_trees_per_iteration.
  Matrix raw_predict(const Matrix& X) const;
  // TreeSHAP of the raw prediction: n_rows x (n_features + 1) per tree of an iteration, side
  // by side, the baseline in each block's expected value (so each block sums to raw_predict's
  // column).
  Matrix contributions(const Matrix& X) const;
};

}  // namespace detail
}  // namespace fitkit
