#pragma once
// Per-prediction explanations of tree models: exact TreeSHAP (Lundberg, Erion & Lee 2018,
// "Consistent Individualized Feature Attribution for Tree Ensembles", Algorithm 2), which
// scikit-learn does not offer.
//
// For a row x, feature i's contribution is its Shapley value for the set function
//   v(S) = the tree's value at x with the features in S fixed to x's values and the others
//          integrated out by cover: at a node splitting on a feature outside S, both children,
//          weighted by weighted_n_node_samples[child] / weighted_n_node_samples[node]
// (the paper's path-dependent conditional expectation, its Algorithm 1). Routing is
// Tree::goes_left's: numeric thresholds, NaN by missing_go_to_left, categorical left sets.
// The expected value v({}) is the cover-weighted mean of the leaves,
//   sum over leaves of value[leaf] * weighted_n_node_samples[leaf] / weighted_n_node_samples[0]
// and the contributions plus the expected value sum to the tree's value at x (local accuracy).
//
// Layout: n_rows x (n_features + 1) per explained value column, the last column of each block
// the expected value; several value columns (a classifier tree's classes) are side by side,
// block k for value column k. Rows run on every thread where it pays; the result is the same
// bits whatever the thread count.
//
//   // A forest averages its trees, boosting adds them (its baseline added to the last column):
//   std::vector<const fitkit::Tree*> trees = ...;
//   fitkit::Matrix phi = fitkit::tree_contributions(trees, std::vector<double>(n, 1.0 / n), X);

#include <vector>

#include "fitkit/core/types.hpp"
#include "fitkit/tree/tree.hpp"

namespace fitkit {

// One tree's contributions to its value column `output`: n_rows x (X.n_cols + 1).
Matrix tree_shap(const Tree& tree, const Matrix& X, Index output);

// sum_t weights[t] * (contributions of trees[t]) to value column `output`:
// n_rows x (X.n_cols + 1).
Matrix tree_contributions(const std::vector<const Tree*>& trees, const std::vector<double>& weights,
                          const Matrix& X, Index output);
// The same for every value column of the trees (all of the same width), one block per column:
// n_rows x (value width * (X.n_cols + 1)).
Matrix tree_contributions(const std::vector<const Tree*>& trees, const std::vector<double>& weights,
                          const Matrix& X);

// The expected value of each value column: the cover-weighted mean of the leaves, as above.
RowVector tree_expected_value(const Tree& tree);

}  // namespace fitkit
