#pragma once
// Growing, predicting and scoring a forest (src/ensemble/forest_fit.cpp), for the four
// forest estimators. Trees are grown as scikit-learn 1.2's BaseForest.fit grows them: the
// seed of tree t is the t-th draw of RandomState(seed).randint(2^31 - 1); with bootstrap, the
// tree learns from RandomState(tree seed).randint(0, n, n_samples_bootstrap) as sample weights
// (the count of each row times its own weight), and its splitter starts from that tree seed.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "fitkit/core/error.hpp"
#include "fitkit/ensemble/forest.hpp"
#include "tree/cart_builder.hpp"
#include "tree/decision_tree_common.hpp"

namespace fitkit::detail {

struct ForestProblem {
  const Matrix* X = nullptr;  // checked: NaN for missing values, no infinity
  Vector y;                   // regression targets, or class indices 0..n_classes-1
  Index n_classes = 0;        // 0 for regression
  Vector sample_weight;       // empty for unit weights; given class weights already in
  // balanced_subsample: each tree's weights times balanced class weights of its bootstrap.
  bool balanced_subsample = false;
  std::vector<std::uint8_t> categorical;
};

// scikit-learn's _get_n_samples_bootstrap, with its messages for a bad max_samples.
Index n_samples_bootstrap(const MaxSamples& max_samples, Index n_samples);

struct ForestSettings {
  std::string estimator;  // for the progress bar and messages
  Index n_estimators = 100;
  CartOptions tree;  // min_weight_leaf is set per tree from the fraction below
  double min_weight_fraction_leaf = 0;
  bool bootstrap = true;
  Index n_samples_bootstrap = 0;
  bool oob_score = false;
  std::optional<int> max_bins;  // binned CART (src/tree/binned_cart.hpp) when set
  double ccp_alpha = 0;         // each tree pruned after growth
  std::uint64_t seed = 0;
};

// A forest estimator's parameters in these terms (P: one of the four forests' Params; the
// ExtraTrees ones split at random, RandomForest has max_bins). InvalidParameter for
// oob_score or max_samples without bootstrap.
template <class P>
ForestSettings forest_settings(const P& p, std::string estimator, CartCriterion criterion,
                               Index n_samples, Index n_features, double total_weight) {
  if (p.oob_score && !p.bootstrap)
    throw InvalidParameter("oob_score", "out-of-bag scores need bootstrap = true");
  if (!p.max_samples.is_keyword() && !p.bootstrap)
    throw InvalidParameter("max_samples",
                           "is the size of each bootstrap: set bootstrap = true "
                           "or leave max_samples none");
  ForestSettings s;
  s.estimator = std::move(estimator);
  s.n_estimators = static_cast<Index>(p.n_estimators);
  s.tree = cart_options(p, criterion, n_features, total_weight);
  if constexpr (requires { P::kRandomSplits; }) s.tree.random_splitter = P::kRandomSplits;
  s.min_weight_fraction_leaf = p.min_weight_fraction_leaf;
  s.bootstrap = p.bootstrap;
  s.n_samples_bootstrap = n_samples_bootstrap(p.max_samples, n_samples);
  s.oob_score = p.oob_score;
  if constexpr (requires { p.max_bins; }) s.max_bins = p.max_bins;
  s.ccp_alpha = p.ccp_alpha;
  s.seed = p.seed;
  return s;
}

// Grows the trees (on every core where it pays), their mean importances, and with oob_score
// the out-of-bag predictions and score (accuracy, or R²).
FittedForest grow_forest(const ForestProblem& problem, const ForestSettings& settings);

// The mean of the trees' value rows for every row of X, each value rounded to float32 as the
// trees were grown on: n_rows x value width.
Matrix forest_mean_value(const FittedForest& forest, const Matrix& X);

// The leaf of every row in every tree: n_rows x n_trees.
arma::umat forest_apply(const FittedForest& forest, const Matrix& X);

// TreeSHAP of the forest's mean value (one block per value column), rows rounded as above.
Matrix forest_contributions(const std::vector<Tree>& trees, const Matrix& X);

// "100 trees, depth 12 to 19, ..." and the importances table.
void describe_forest(std::ostream& out, const FittedForest& forest,
                     const std::vector<std::string>& feature_names);

}  // namespace fitkit::detail
