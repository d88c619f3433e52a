#pragma once
// A forest laid out for prediction on ranks, when every feature has at most kMaxCuts distinct
// thresholds over all its trees and no split is categorical (a binned forest, max_bins <= 255):
// a block's row holds, per feature, its value's rank among that feature's thresholds (one byte,
// twice: see rank_rows), and a node is 8 bytes with its left child right after it. A block of
// 8,192 rows of 20 features is 320 kB (1.3 MB as float32 pairs), so that it stays in L2 while
// every tree walks it. Chosen by ForestPredictor; the same leaves as its float32 walk.

#include <cstdint>
#include <optional>
#include <vector>

#include "fitkit/tree/tree.hpp"

namespace fitkit::detail {

// The largest float32 at most t: for float32 x, x <= it exactly when x <= t.
float float_at_most(double t);

class RankedForest {
 public:
  static constexpr Index kMaxCuts = 254;

  // nullopt when a split is categorical, a feature has more than kMaxCuts thresholds or the
  // trees split on feature 32,767 or beyond (a node's slot is 16 bits);
  // otherwise appends the leaves' values (value_width each) to leaf_values.
  static std::optional<RankedForest> build(const std::vector<Tree>& trees, Index value_width,
                                           std::vector<double>& leaf_values);

  // The bytes a row takes in a block.
  Index row_bytes() const { return 2 * n_features_; }
  // Rows begin..end of X as ranks, row-major.
  void rank_rows(const Matrix& X, Index begin, Index end, std::uint8_t* rows) const;
  // Each of the block's rows walked down tree t: at[i] is its leaf's first value in leaf_values
  // when values, else the leaf's node index in its tree.
  void walk(Index t, const std::uint8_t* rows, Index n_rows, std::int32_t* at, bool values) const;

 private:
  // Right when the row's rank in `slot` is above threshold, else the next record. A leaf has
  // the sentinel slot (one past the row's bytes, never read) and keeps its first value's offset
  // in right_delta.
  struct Node {
    std::int32_t right_delta;  // right child - this record
    std::uint16_t slot;        // 2 * feature, + 1 when missing values go left
    std::uint8_t threshold;    // the threshold's index among its feature's
    std::uint8_t unused = 0;
  };
  static constexpr Index kCutsPerFeature = kMaxCuts + 1;

  template <bool kValues>
  void walk_tree(Index t, const std::uint8_t* rows, Index n_rows, std::int32_t* at) const;
  std::uint16_t sentinel() const { return static_cast<std::uint16_t>(2 * n_features_); }

  Index n_features_ = 0;
  std::vector<Node> nodes_;            // every tree's records, depth first
  std::vector<Index> roots_;           // each tree's first record
  std::vector<std::int32_t> in_tree_;  // per record: its node's index in its tree
  std::vector<float> cuts_;            // per feature kCutsPerFeature sorted floats, +inf padded
};

}  // namespace fitkit::detail
