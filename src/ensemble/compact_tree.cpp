#include "ensemble/compact_tree.hpp"

#include <cmath>
#include <string>

#include "core/format_problem.hpp"

namespace fitkit::detail {

CompactTree compact_tree(const Tree& tree) {
  CompactTree c;
  const Index width = tree.value.n_cols;
  std::vector<Index> stack{0};
  while (!stack.empty()) {
    const Index node = stack.back();
    stack.pop_back();
    c.cover.push_back(static_cast<float>(tree.weighted_n_node_samples[node]));
    if (tree.is_leaf(node)) {
      c.kind.push_back(0);
      for (Index k = 0; k < width; ++k) c.leaf_value.push_back(tree.value(node, k));
      continue;
    }
    std::uint8_t kind = CompactTree::kSplit;
    if (tree.missing_go_to_left[node] != 0) kind |= CompactTree::kMissingLeft;
    c.feature.push_back(tree.feature[node]);
    const std::int32_t offset = tree.category_offset[node];
    if (offset == Tree::kNotCategorical) {
      c.threshold.push_back(tree.threshold[node]);
    } else {
      kind |= CompactTree::kCategorical;
      c.category_bits.insert(c.category_bits.end(), tree.category_bits.begin() + offset,
                             tree.category_bits.begin() + offset + Tree::kCategoryWords);
    }
    c.kind.push_back(kind);
    stack.push_back(static_cast<Index>(tree.children_right[node]));
    stack.push_back(static_cast<Index>(tree.children_left[node]));
  }
  return c;
}

Tree expand_tree(const CompactTree& c, Index value_width, Index n_features) {
  const Index n_nodes = c.kind.size();
  if (n_nodes == 0) throw FormatProblem("a forest tree has no nodes");
  if (c.cover.size() != n_nodes)
    throw FormatProblem("a forest tree has " + std::to_string(c.cover.size()) +
                        " node weights for " + std::to_string(n_nodes) + " nodes");
  Tree tree;
  tree.value.set_size(0, value_width);
  // Preorder: each split's right child comes after its left subtree; the stack holds the
  // splits still waiting for their right child.
  std::vector<Index> waiting;
  std::size_t next_feature = 0, next_threshold = 0, next_bits = 0, next_leaf = 0;
  const RowVector no_value(value_width, arma::fill::zeros);
  for (Index node = 0; node < n_nodes; ++node) {
    const double cover = c.cover[node];
    if (!(cover >= 0 && std::isfinite(cover)))
      throw FormatProblem("forest tree node " + std::to_string(node) + " has a weight of " +
                          std::to_string(cover));
    tree.add_node(no_value, 0, cover, 0.0);
    if (node > 0) {
      const Index parent = node - 1;
      if (!tree.is_leaf(parent) && tree.children_left[parent] == Tree::kUndefined) {
        tree.children_left[parent] = static_cast<std::int32_t>(node);
      } else {
        if (waiting.empty()) throw FormatProblem("a forest tree has nodes after its last leaf");
        tree.children_right[waiting.back()] = static_cast<std::int32_t>(node);
        waiting.pop_back();
      }
    }
    const std::uint8_t kind = c.kind[node];
    if (kind == 0) {
      if ((next_leaf + 1) * value_width > c.leaf_value.size())
        throw FormatProblem("a forest tree has fewer leaf values than leaves");
      for (Index k = 0; k < value_width; ++k)
        tree.value(node, k) = c.leaf_value[next_leaf * value_width + k];
      ++next_leaf;
      continue;
    }
    if ((kind & CompactTree::kSplit) == 0 || kind > 7)
      throw FormatProblem("forest tree node " + std::to_string(node) + " has an unknown kind " +
                          std::to_string(kind));
    if (next_feature >= c.feature.size())
      throw FormatProblem("a forest tree has fewer split features than splits");
    const std::int32_t feature = c.feature[next_feature++];
    if (feature < 0 || static_cast<Index>(feature) >= n_features)
      throw FormatProblem("forest tree node " + std::to_string(node) + " splits on feature " +
                          std::to_string(feature) + " of " + std::to_string(n_features));
    // Children are set as they come; kUndefined marks "left child not seen yet".
    tree.children_left[node] = Tree::kUndefined;
    tree.children_right[node] = Tree::kUndefined;
    tree.feature[node] = feature;
    tree.missing_go_to_left[node] = (kind & CompactTree::kMissingLeft) != 0 ? 1 : 0;
    if ((kind & CompactTree::kCategorical) != 0) {
      if (next_bits + Tree::kCategoryWords > c.category_bits.size())
        throw FormatProblem("a forest tree has fewer category sets than categorical splits");
      tree.category_offset[node] = static_cast<std::int32_t>(tree.category_bits.size());
      tree.category_bits.insert(tree.category_bits.end(), c.category_bits.begin() + next_bits,
                                c.category_bits.begin() + next_bits + Tree::kCategoryWords);
      tree.threshold[node] = static_cast<double>(Tree::kUndefined);
      next_bits += Tree::kCategoryWords;
    } else {
      if (next_threshold >= c.threshold.size())
        throw FormatProblem("a forest tree has fewer thresholds than numeric splits");
      const double threshold = c.threshold[next_threshold++];
      if (std::isnan(threshold))
        throw FormatProblem("forest tree node " + std::to_string(node) + " has a NaN threshold");
      tree.threshold[node] = threshold;
    }
    waiting.push_back(node);
  }
  if (!waiting.empty() || next_leaf * value_width != c.leaf_value.size() ||
      next_feature != c.feature.size() || next_threshold != c.threshold.size() ||
      next_bits != c.category_bits.size())
    throw FormatProblem("a forest tree's arrays do not describe one whole tree");
  tree.finish();
  tree.check(n_features, value_width);
  // Internal nodes' values: the cover-weighted mean of their children's (bottom-up in
  // reverse preorder, children after parents).
  for (Index node = n_nodes; node-- > 0;) {
    if (tree.is_leaf(node)) continue;
    const auto left = static_cast<Index>(tree.children_left[node]);
    const auto right = static_cast<Index>(tree.children_right[node]);
    const double wl = tree.weighted_n_node_samples[left], wr = tree.weighted_n_node_samples[right];
    const double total = wl + wr;
    if (total > 0)
      tree.value.row(node) = (wl * tree.value.row(left) + wr * tree.value.row(right)) / total;
    else
      tree.value.row(node) = 0.5 * (tree.value.row(left) + tree.value.row(right));
  }
  return tree;
}

}  // namespace fitkit::detail
