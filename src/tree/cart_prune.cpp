// Minimal cost-complexity pruning and impurity-based importances, as scikit-learn 1.2's
// _cost_complexity_prune / _build_pruned_tree and compute_feature_importances (_tree.pyx).

#include <cstdint>
#include <limits>
#include <vector>

#include "tree/cart_builder.hpp"

namespace fitkit::detail {

Tree prune_cost_complexity(const Tree& tree, double ccp_alpha) {
  const Index n = tree.node_count();
  const double total_weight = tree.weighted_n_node_samples[0];
  // Each node's weighted impurity R(t), as a share of the root's weight.
  std::vector<double> r_node(n);
  for (Index i = 0; i < n; ++i)
    r_node[i] = tree.weighted_n_node_samples[i] * tree.impurity[i] / total_weight;

  // Parents (children come after their parent) and leaves.
  constexpr Index kNone = std::numeric_limits<Index>::max();
  std::vector<Index> parent(n, kNone);
  std::vector<std::uint8_t> is_leaf_now(n, 0), in_subtree(n, 1), candidate(n, 0);
  for (Index i = 0; i < n; ++i) {
    if (tree.is_leaf(i)) {
      is_leaf_now[i] = 1;
    } else {
      parent[static_cast<Index>(tree.children_left[i])] = i;
      parent[static_cast<Index>(tree.children_right[i])] = i;
    }
  }
  // R of each branch (the sum over its leaves) and its leaf count, bubbled up from each leaf
  // in node order, as scikit-learn adds them.
  std::vector<double> r_branch(n, 0.0);
  std::vector<Index> n_leaves(n, 0);
  for (Index leaf = 0; leaf < n; ++leaf) {
    if (!is_leaf_now[leaf]) continue;
    r_branch[leaf] = r_node[leaf];
    const double current = r_node[leaf];
    for (Index node = leaf; node != 0;) {
      node = parent[node];
      r_branch[node] += current;
      n_leaves[node] += 1;
    }
  }
  for (Index i = 0; i < n; ++i) candidate[i] = !is_leaf_now[i];

  while (candidate[0]) {
    // The weakest link: the smallest (R(t) - R(T_t)) / (|leaves(T_t)| - 1).
    double effective_alpha = std::numeric_limits<double>::max();
    Index weakest = 0;
    for (Index i = 0; i < n; ++i) {
      if (!candidate[i]) continue;
      const double alpha = (r_node[i] - r_branch[i]) /
                           static_cast<double>(static_cast<std::int64_t>(n_leaves[i]) - 1);
      if (alpha < effective_alpha) {
        effective_alpha = alpha;
        weakest = i;
      }
    }
    if (ccp_alpha < effective_alpha) break;

    // Its descendants leave the subtree; it becomes a leaf.
    std::vector<Index> stack{weakest};
    while (!stack.empty()) {
      const Index node = stack.back();
      stack.pop_back();
      if (!in_subtree[node]) continue;
      candidate[node] = 0;
      is_leaf_now[node] = 0;
      in_subtree[node] = 0;
      if (!tree.is_leaf(node)) {
        stack.push_back(static_cast<Index>(tree.children_left[node]));
        stack.push_back(static_cast<Index>(tree.children_right[node]));
      }
    }
    is_leaf_now[weakest] = 1;
    in_subtree[weakest] = 1;
    const Index n_pruned_leaves = n_leaves[weakest] - 1;
    n_leaves[weakest] = 0;
    const double r_diff = r_node[weakest] - r_branch[weakest];
    r_branch[weakest] = r_node[weakest];
    for (Index node = parent[weakest]; node != kNone; node = parent[node]) {
      n_leaves[node] -= n_pruned_leaves;
      r_branch[node] += r_diff;
    }
  }

  // The pruned tree, in preorder (left first) from the root.
  Tree pruned;
  struct Record {
    Index original, parent;
    bool is_left;
  };
  std::vector<Record> stack{{0, kNone, false}};
  while (!stack.empty()) {
    const Record r = stack.back();
    stack.pop_back();
    const Index o = r.original;
    const Index node = pruned.add_node(tree.value.row(o), tree.n_node_samples[o],
                                       tree.weighted_n_node_samples[o], tree.impurity[o]);
    if (r.parent != kNone)
      (r.is_left ? pruned.children_left : pruned.children_right)[r.parent] =
          static_cast<std::int32_t>(node);
    if (is_leaf_now[o]) continue;
    pruned.feature[node] = tree.feature[o];
    pruned.threshold[node] = tree.threshold[o];
    pruned.missing_go_to_left[node] = tree.missing_go_to_left[o];
    if (tree.category_offset[o] != Tree::kNotCategorical) {
      pruned.category_offset[node] = static_cast<std::int32_t>(pruned.category_bits.size());
      const auto first = tree.category_bits.begin() + tree.category_offset[o];
      pruned.category_bits.insert(pruned.category_bits.end(), first, first + Tree::kCategoryWords);
    }
    stack.push_back({static_cast<Index>(tree.children_right[o]), node, false});
    stack.push_back({static_cast<Index>(tree.children_left[o]), node, true});
  }
  pruned.finish();
  return pruned;
}

Vector impurity_importances(const Tree& tree, Index n_features) {
  Vector importances(n_features, arma::fill::zeros);
  for (Index node = 0; node < tree.node_count(); ++node) {
    if (tree.is_leaf(node)) continue;
    const auto left = static_cast<Index>(tree.children_left[node]);
    const auto right = static_cast<Index>(tree.children_right[node]);
    importances(static_cast<Index>(tree.feature[node])) +=
        tree.weighted_n_node_samples[node] * tree.impurity[node] -
        tree.weighted_n_node_samples[left] * tree.impurity[left] -
        tree.weighted_n_node_samples[right] * tree.impurity[right];
  }
  importances /= tree.weighted_n_node_samples[0];
  double normalizer = 0;
  for (Index f = 0; f < n_features; ++f) normalizer += importances(f);
  if (normalizer > 0.0) importances /= normalizer;
  return importances;
}

}  // namespace fitkit::detail
