#pragma once
// Trees laid out for prediction (a forest's, or a single tree's): every tree's nodes in one
// array of 16-byte records (threshold, children, feature and flags), the leaves' values in
// another, walked by blocks of rows copied row-major and rounded to float32 (as the trees were
// grown on), eight rows in lockstep, each tree walked for the whole block before the next so
// that its nodes stay in cache. Without categorical splits a row is copied as (x, -x) pairs, so
// that every node, whichever way it sends missing values, is one comparison. Built once per fit or
// load; the trees themselves (fitkit::Tree) stay what the accessors, TreeSHAP and the model file
// read. A binned forest is walked on ranks instead (RankedForest), to the same leaves.

#include <cstdint>
#include <optional>
#include <vector>

#include "fitkit/tree/tree.hpp"
#include "tree/ranked_forest.hpp"

namespace fitkit::detail {

class ForestPredictor {
 public:
  explicit ForestPredictor(const std::vector<Tree>& trees);

  // The mean over the trees of each row's leaf value: n_rows x value width. DataError for an
  // infinity in X.
  Matrix mean_value(const Matrix& X) const;
  // The leaf (node index in its tree) of every row in every tree: n_rows x n_trees.
  arma::umat apply(const Matrix& X) const;
  // The same into `leaves` (n_rows x n_trees, column-major).
  void apply_into(const Matrix& X, arma::uword* leaves) const;

 private:
  // A leaf points to itself both ways, so that rows walk a tree in lockstep (see walk). A numeric
  // threshold is stored as the largest float32 at most the double one: for float32 x, x <= it
  // exactly when x <= the double.
  struct Node {
    float threshold;  // numeric split; a categorical one keeps its set's offset here
    std::int32_t left, right;
    std::uint32_t feature_and_flags;
  };
  static constexpr std::uint32_t kMissingLeftFlag = 1u << 31, kCategoricalFlag = 1u << 30,
                                 kFeatureMask = (1u << 30) - 1;

  // Runs body(block rows begin..end, the block's rows as copy_rows writes them) on every thread
  // it pays.
  template <class Body>
  void for_each_block(const Matrix& X, Body&& body) const;
  // The floats a row takes in a block: (x, -x) pairs when plain_.
  Index row_width(Index n_features) const { return plain_ ? 2 * n_features : n_features; }
  // The floats a block's buffer takes per row.
  Index block_floats(Index n_features) const;
  // Rows begin..end of X into a block: their ranks when ranked_, else row-major float32 (as pairs
  // when plain_).
  void copy_rows(const Matrix& X, Index begin, Index end, float* rows) const;
  // The child of n that a row goes to; kPlain when no node is categorical (plain_): then one
  // comparison.
  template <bool kPlain>
  std::int32_t step(const Node& n, const float* row) const;
  // Each of the block's rows walked down tree t: at[i] is its leaf's first value in leaf_values_
  // when values, else the leaf's node index in its tree.
  void walk(Index t, const float* rows, Index n_rows, Index row_width, std::int32_t* at,
            bool values) const;
  template <bool kPlain>
  void walk_tree(Index t, const float* rows, Index n_rows, Index row_width, std::int32_t* at) const;

  std::optional<RankedForest> ranked_;  // when it can be built; then nodes_ stays empty
  std::vector<Node> nodes_;
  std::vector<Index> roots_;                // each tree's first record
  std::vector<Index> depths_;               // each tree's depth (one per tree, in every layout)
  std::vector<std::int32_t> value_offset_;  // per record: a leaf's first value in leaf_values_
  std::vector<double> leaf_values_;
  std::vector<std::uint32_t> category_bits_;
  Index width_ = 0;
  bool plain_ = true;
};

}  // namespace fitkit::detail
