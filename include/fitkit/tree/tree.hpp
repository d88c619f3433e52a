#pragma once
// One fitted decision tree, flat: the layout of every tree fitkit learns (DecisionTree*, the
// forests' trees, HistGradientBoosting's), which prediction, apply, decision_path, TreeSHAP,
// export and feature importances all read. scikit-learn's `tree_` attribute, with its names:
//
//   const fitkit::Tree& t = clf.tree();
//   t.children_left[0], t.feature[0], t.threshold[0], t.value.row(leaf) ...
//
// Node 0 is the root; a node's children come after it (children > parent, so a walk always
// ends). An internal node sends a row to children_left when
//   numeric feature      x[feature] <= threshold
//   categorical feature  x[feature] is a category code (an integer 0..255) whose bit is set in
//                        the node's left set (category_bits, kCategoryWords words from
//                        category_offset[node])
// and to children_right otherwise. A missing value (NaN), and for a categorical feature any
// value that is not a known category code (an unseen category), goes to the left child when
// missing_go_to_left is set, else to the right one. A leaf has children_left ==
// children_right == kLeaf and feature == kUndefined (scikit-learn's TREE_LEAF, TREE_UNDEFINED).
//
// value has one row per node (internal nodes too, as scikit-learn, for export and TreeSHAP):
// a classifier's class probabilities (weighted fractions, one column per class), a
// regressor's prediction (one column), a boosting tree's raw leaf value (one column, the
// learning rate applied).

#include <cstdint>
#include <vector>

#include "fitkit/core/types.hpp"

namespace fitkit {

struct Tree {
  static constexpr std::int32_t kLeaf = -1;
  static constexpr std::int32_t kUndefined = -2;
  static constexpr std::int32_t kNotCategorical = -1;
  static constexpr int kCategoryWords = 8;  // 256 categories, as HistGradientBoosting's bins

  std::vector<std::int32_t> children_left;
  std::vector<std::int32_t> children_right;
  std::vector<std::int32_t> feature;
  std::vector<double> threshold;
  std::vector<std::uint8_t> missing_go_to_left;
  // kNotCategorical, or the first word of the node's left set in category_bits.
  std::vector<std::int32_t> category_offset;
  std::vector<std::uint32_t> category_bits;
  // The training samples that reached each node: their count, and the sum of their weights
  // (TreeSHAP's cover).
  std::vector<std::int64_t> n_node_samples;
  std::vector<double> weighted_n_node_samples;
  // The node's impurity as its criterion measures it (0 where a learner has none).
  std::vector<double> impurity;
  Matrix value;  // n_nodes x value width

  Index node_count() const { return children_left.size(); }
  bool is_leaf(Index node) const { return children_left[node] == kLeaf; }
  Index n_leaves() const;
  // Edges on the longest path from the root to a leaf (a single leaf has depth 0).
  Index max_depth() const;

  // Appends a node (a leaf until split()) and returns its index; value row set to `node_value`.
  Index add_node(const RowVector& node_value, std::int64_t n_samples, double weighted_n_samples,
                 double node_impurity);
  // Trims value to node_count() rows: add_node grows it by doubling. Call once built.
  void finish() { value.resize(node_count(), value.n_cols); }
  // Turns leaf `node` into a numeric split on `feature_index` with two new leaf children.
  void split(Index node, std::int32_t feature_index, double split_threshold, bool missing_left,
             Index left, Index right);
  // The same for a categorical split: `left_categories` holds kCategoryWords words.
  void split_categorical(Index node, std::int32_t feature_index,
                         const std::uint32_t* left_categories, bool missing_left, Index left,
                         Index right);

  // Whether x (one value of the node's feature) goes to the left child of internal `node`.
  bool goes_left(Index node, double x) const {
    const std::int32_t offset = category_offset[node];
    if (offset == kNotCategorical) {
      if (x != x) return missing_go_to_left[node] != 0;  // NaN
      return x <= threshold[node];
    }
    if (!(x >= 0 && x < 32.0 * kCategoryWords) || x != static_cast<double>(static_cast<int>(x)))
      return missing_go_to_left[node] != 0;
    const int code = static_cast<int>(x);
    return ((category_bits[offset + code / 32] >> (code % 32)) & 1u) != 0;
  }

  // The leaf row `row` of X reaches.
  Index leaf_of(const Matrix& X, Index row) const {
    Index node = 0;
    while (children_left[node] != kLeaf) {
      const double x = X(row, static_cast<Index>(feature[node]));
      node = static_cast<Index>(goes_left(node, x) ? children_left[node] : children_right[node]);
    }
    return node;
  }
  // The leaf of every row (scikit-learn's apply).
  arma::uvec apply(const Matrix& X) const;
  // value.row(leaf) for every row: n_rows x value width.
  Matrix predict(const Matrix& X) const;
  // The nodes on each row's path, as an n_rows x node_count 0/1 matrix (scikit-learn's
  // decision_path, dense).
  arma::umat decision_path(const Matrix& X) const;

  // Throws detail::FormatProblem (from a model file) unless the arrays describe a tree: equal
  // lengths, children after their parent and in range, every node but the root the child of
  // exactly one node, features below n_features, category sets inside category_bits, no NaN
  // threshold, one value row per node of the given width (0: any).
  void check(Index n_features, Index value_width) const;

  // Every array, as a model file holds it; defined in src/tree/tree_archive.hpp, which an
  // estimator's .cpp includes to save its trees (then check() them after loading).
  template <class Archive>
  void serialize(Archive& ar);
};

}  // namespace fitkit
