#pragma once
// Exact CART, as scikit-learn 1.2's tree builders (sklearn/tree/_tree.pyx, _splitter.pyx,
// _criterion.pyx): the learner behind DecisionTreeClassifier/Regressor, and the one the forests
// grow their trees with.
//
//   detail::CartInput in{X32.memptr(), n_rows, n_features, y, n_classes, weights};
//   Tree tree = detail::build_cart(in, rows, options, detail::sklearn_rand_r_seed(seed));
//
// X is float32 and feature-major (scikit-learn casts X to float32 too: thresholds sit at the
// midpoint of adjacent distinct float32 values, as doubles). Where no randomness is involved
// the tree is scikit-learn's, node for node: the samples of a node are sorted per feature by
// the same introsort from the same order, the features are visited in the order of the same
// Fisher-Yates draws from the same rand_r stream (seeded from the seed as
// np.random.RandomState(seed).randint(0, 2^31 - 1)), sums are accumulated in the same order,
// ties are broken the same way (the first best split found wins).
//
// Missing values (NaN in X): at each split the rows missing the feature go left or right,
// whichever scores better (scikit-learn 1.3's splitter: the right is tried first and kept on a
// tie, then "every present row left, the missing ones right"); a feature whose node rows are
// all missing is constant there and never split on. Where no row of the node missed the
// feature, missing values at predict follow the child with more training rows.
//
// Where the order of equal values cannot change any sum (classification with integral
// weights), each feature is sorted once and partitioned stably as nodes split, instead of
// sorted at every node; the tree is the same.

#include <cstdint>
#include <optional>
#include <vector>

#include "fitkit/core/types.hpp"
#include "fitkit/tree/tree.hpp"

namespace fitkit::detail {

enum class CartCriterion { gini, entropy, squared_error, friedman_mse, absolute_error, poisson };

struct CartInput {
  const float* X = nullptr;  // feature-major: X[feature * n_rows + row]
  Index n_rows = 0;
  Index n_features = 0;
  const double* y = nullptr;  // regression targets, or class indices 0..n_classes-1
  Index n_classes = 0;        // 0 for regression
  // Per row, or nullptr for unit weights; a forest multiplies its bootstrap counts in.
  const double* sample_weight = nullptr;
  // Per feature, whether it is categorical (integer codes 0..255, checked by the caller):
  // split by sets of codes (the best splitter; the random one splits codes as numbers).
  // Empty: none.
  std::vector<std::uint8_t> categorical;
};

struct CartOptions {
  CartCriterion criterion = CartCriterion::gini;
  bool random_splitter = false;  // one uniform threshold per feature (ExtraTrees)
  Index max_depth = 2147483647;
  Index min_samples_split = 2;
  Index min_samples_leaf = 1;
  double min_weight_leaf = 0.0;
  Index max_features = 0;               // features tried per node, 1..n_features
  std::optional<Index> max_leaf_nodes;  // best-first growth when set
  double min_impurity_decrease = 0.0;
};

// scikit-learn's rand_r (sklearn/tree/_utils.pyx): a 32-bit xorshift, reduced mod 2^31.
class SklearnRandR {
 public:
  static constexpr std::uint32_t kRandRMax = 0x7FFFFFFF;
  explicit SklearnRandR(std::uint32_t state) : state_(state) {}
  std::uint32_t next() {
    if (state_ == 0) state_ = 1;
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return state_ % (kRandRMax + 1u);
  }
  // In [low, high).
  Index rand_int(Index low, Index high) {
    return low + static_cast<Index>(next() % static_cast<std::uint32_t>(high - low));
  }
  // In [low, high).
  double rand_uniform(double low, double high) {
    return (high - low) * static_cast<double>(next()) / static_cast<double>(kRandRMax) + low;
  }

 private:
  std::uint32_t state_;
};

// The splitter's starting state for a seed, as scikit-learn draws it:
// np.random.RandomState(seed).randint(0, RAND_R_MAX) (MT19937 seeded with the low 32 bits,
// masked draws until one is below the bound).
std::uint32_t sklearn_rand_r_seed(std::uint64_t seed);

// Grows one tree on `rows` (rows of weight 0 are left out, as scikit-learn does). value rows:
// class fractions (classification), the mean (the median for absolute_error) for regression.
Tree build_cart(const CartInput& input, const std::vector<Index>& rows, const CartOptions& options,
                std::uint32_t rand_r_state);

// Minimal cost-complexity pruning (scikit-learn's ccp_alpha): the subtree of `tree` whose
// weakest links have effective alpha above ccp_alpha, renumbered in preorder.
Tree prune_cost_complexity(const Tree& tree, double ccp_alpha);

// Normalised mean decrease in impurity per feature (scikit-learn's feature_importances_).
Vector impurity_importances(const Tree& tree, Index n_features);

}  // namespace fitkit::detail
