#pragma once
// The best split of one node from its histograms (scikit-learn 1.2's Splitter.find_node_split):
// for a numeric feature every bin boundary, scanned left to right with missing values sent
// right and, when the feature has missing values, right to left with them sent left; for a
// categorical feature, the categories (missing values one of them) with enough support sorted
// by sum_gradients / (sum_hessians + MIN_CAT_SUPPORT) and every prefix of that order from
// either end, up to half of them (LightGBM's many-vs-many). A split must leave each child
// min_samples_leaf samples and min_hessian_to_split hessian; its gain is XGBoost's loss
// reduction with the children's values clipped to the node's monotonic bounds, and a split
// whose values break the feature's monotonic constraint is not taken.

#include <array>
#include <cstdint>
#include <vector>

#include "ensemble/hgb_histogram.hpp"

namespace fitkit::detail::hgb {

using CategoryBitset = std::array<std::uint32_t, 8>;

inline bool in_bitset(const CategoryBitset& bits, unsigned value) {
  return ((bits[value / 32] >> (value % 32)) & 1u) != 0;
}
inline void set_bitset(CategoryBitset& bits, unsigned value) {
  bits[value / 32] |= 1u << (value % 32);
}

struct SplitInfo {
  double gain = -1;
  int feature = -1;
  unsigned bin = 0;  // numeric: bins <= bin go left
  bool missing_go_to_left = false;
  bool is_categorical = false;
  CategoryBitset left_bins{};  // categorical: the bins (missing bin included) that go left
  double sum_gradient_left = 0, sum_hessian_left = 0;
  double sum_gradient_right = 0, sum_hessian_right = 0;
  std::uint32_t n_samples_left = 0, n_samples_right = 0;
  double value_left = 0, value_right = 0;
};

struct SplitterOptions {
  const BinMapper* mapper = nullptr;
  std::vector<std::uint8_t> has_missing_values;
  std::vector<std::int8_t> monotonic_cst;  // -1, 0, +1 per feature
  double l2_regularization = 0;
  double min_hessian_to_split = 1e-3;
  std::uint32_t min_samples_leaf = 20;
  double min_gain_to_split = 0;
  bool hessians_are_constant = false;
};

// -sum_gradient / (sum_hessian + l2), clipped to [lower, upper].
double compute_node_value(double sum_gradient, double sum_hessian, double lower, double upper,
                          double l2_regularization);

// A node whose split is sought: its histograms, sample count and sums, its own value (0 at
// the root, as scikit-learn's grower gives it) and the bounds of its monotonic constraints.
struct NodeToSplit {
  const Histograms* histograms;
  std::uint32_t n_samples;
  double sum_gradients, sum_hessians, value, lower_bound, upper_bound;
};

// Each node's best split (gain -1 when there is none). The nodes' features are scanned as
// helped-loop tasks (a node alone is a few dozen microseconds, two siblings together are worth
// a second thread), each feature by one thread: the same splits on any thread count.
std::vector<SplitInfo> find_node_splits(const SplitterOptions& options,
                                        const std::vector<NodeToSplit>& nodes);

}  // namespace fitkit::detail::hgb
