#pragma once
// TreeSHAP's walk of one tree for one row (include/fitkit/tree/tree_shap.hpp says what it
// computes), for estimators that explain their trees row by row in their own loops.

#include <cstdint>
#include <vector>

#include "fitkit/core/types.hpp"
#include "fitkit/tree/tree.hpp"

namespace fitkit::detail {

// One feature on the path from the root to the current node (the paper's m): the fraction of
// the cover that goes on along the path when the feature is integrated out (zero), whether x
// goes on along it when the feature is fixed (one: 1 or 0, a product over repeats), and the
// weight of the subsets of its size in the Shapley sum.
struct ShapPathElement {
  std::int32_t feature;
  double zero_fraction;
  double one_fraction;
  double weight;
};

// The scratch a walk needs, sized once for the deepest tree and the width of X: one path
// segment per depth (a path holds at most min(depth, n_features) + 1 elements, as a repeated
// feature is unwound before it is extended again) and the stack of nodes still to visit.
class TreeShapScratch {
 public:
  TreeShapScratch(Index max_depth, Index n_features);

  std::vector<ShapPathElement> path;
  std::vector<Index> segment_start;  // per depth
  std::vector<double> inverse;       // 1 / k for every path length k
  struct Pending {
    std::int32_t node;
    std::int32_t depth;
    std::int32_t parent_unique_depth;  // the parent's path length - 1, after any unwind
    std::int32_t feature;              // the parent's split feature
    double zero_fraction;
    double one_fraction;
  };
  std::vector<Pending> stack;
};

// Adds `scale` times the tree's contributions for X's row `row` to value columns
// first_output .. first_output + n_outputs - 1 into phi: block k (n_features + 1 doubles,
// the last one left alone) for value column first_output + k. The tree's depth and features
// must fit the scratch and X.
void add_tree_shap(const Tree& tree, const Matrix& X, Index row, double scale, Index first_output,
                   Index n_outputs, double* phi, TreeShapScratch& scratch);

// The fraction of node's cover its child keeps when the node's feature is integrated out (0
// under a node without cover, whose subtree then carries no weight).
inline double cover_fraction(const Tree& tree, Index node, Index child) {
  const double parent = tree.weighted_n_node_samples[node];
  return parent > 0 ? tree.weighted_n_node_samples[child] / parent : 0.0;
}

}  // namespace fitkit::detail
