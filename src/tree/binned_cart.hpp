#pragma once
// CART on binned features: the tree learner RandomForest uses by default (max_bins set).
//
//   hgb::BinMapper mapper = hgb::fit_bin_mapper(X, {}, 255, categorical, categories, seed);
//   hgb::BinnedData bins = hgb::bin_data(mapper, X, {});
//   detail::BinnedCartInput in{&bins, &mapper, y, n_classes, weights};
//   Tree tree = detail::build_binned_cart(in, rows, options, detail::sklearn_rand_r_seed(seed));
//
// The features are binned once per forest (HistGradientBoosting's _BinMapper: at most
// max_bins bins, one more for missing values), and a node's best split is searched over the
// bin edges of each drawn feature from a histogram of the node's rows instead of sorting the
// node's values: linear in the node's rows (only the bins the node touches are scanned and
// cleared, found from a bitmap, so small nodes do not pay for 256 bins).
// Everything else is build_cart's (src/tree/cart_builder.hpp): the same options, criteria
// (gini, entropy, squared_error, friedman_mse, poisson; not absolute_error), the same draws of
// features from the same rand_r stream, constant-feature bookkeeping, tie-breaking (the first
// best split in feature draw order and ascending bin order), min_samples_leaf /
// min_weight_leaf / min_impurity_decrease rules, depth-first or best-first growth, missing
// values tried on both sides. So wherever every feature has at most max_bins distinct values
// the tree equals build_cart's on the same rows and weights (with float32-exact values no two
// of which are within build_cart's 1e-7 of each other, and exactly summable weights and
// targets), except for the thresholds: build_cart's sits halfway between the node's values
// around the cut, this one at the upper edge of the lower value's bin, which sends every
// training row the same way.
//
// The tree holds raw thresholds, so it predicts on unbinned X: a numeric split on bin b has
// threshold mapper.thresholds[feature][b] (x <= threshold exactly when x's bin is <= b); a
// categorical split's left set holds category codes (mapper.thresholds[feature][bin]).

#include <cstdint>
#include <vector>

#include "ensemble/hgb_binning.hpp"
#include "fitkit/tree/tree.hpp"
#include "tree/cart_builder.hpp"

namespace fitkit::detail {

struct BinnedCartInput {
  const hgb::BinnedData* bins = nullptr;   // feature-major: bins->column(feature)[row]
  const hgb::BinMapper* mapper = nullptr;  // thresholds, categorical features, missing bin
  const double* y = nullptr;               // regression targets, or class indices
  Index n_classes = 0;                     // 0 for regression
  // Per row, or nullptr for unit weights (a forest passes its bootstrap counts).
  const double* sample_weight = nullptr;
};

// Grows one tree on `rows` (rows of weight 0 left out), as build_cart does. Throws
// std::invalid_argument for options it does not support (random_splitter, absolute_error).
Tree build_binned_cart(const BinnedCartInput& input, const std::vector<Index>& rows,
                       const CartOptions& options, std::uint32_t rand_r_state);

}  // namespace fitkit::detail
