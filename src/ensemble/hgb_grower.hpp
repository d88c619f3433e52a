#pragma once
// One boosting tree grown leaf-wise (scikit-learn 1.2's TreeGrower, LightGBM's best-first
// growth): the splittable leaf of largest gain is split next, until no leaf gains, or
// max_leaf_nodes leaves, or max_depth. A node's samples are a range of one partition array,
// split in place (stably) into its children's ranges; the smaller child's histograms are
// built from its rows, the larger's by subtraction from the parent's. With monotonic
// constraints, a child's value is bounded by the midpoint of its parent's children values, as
// scikit-learn bounds it.
//
// The grown tree becomes a fitkit::Tree in depth-first order (scikit-learn's predictor order):
// thresholds in raw feature values, categorical left sets in category codes. Alongside, its
// binned twin predicts binned rows (the validation set of early stopping).

#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include "ensemble/hgb_gradient_pair.hpp"
#include "ensemble/hgb_splitter.hpp"
#include "fitkit/tree/tree.hpp"

namespace fitkit::detail::hgb {

struct GrowerOptions {
  SplitterOptions splitter;
  std::optional<int> max_leaf_nodes;
  std::optional<int> max_depth;
  double shrinkage = 1.0;  // the learning rate, applied to the leaves once grown
};

struct GrowerNode {
  Index begin = 0, end = 0;  // the node's samples: partition[begin, end)
  double sum_gradients = 0, sum_hessians = 0;
  double value = 0;
  int depth = 0;
  double lower_bound = -std::numeric_limits<double>::infinity();  // bounds of its children
  double upper_bound = std::numeric_limits<double>::infinity();
  SplitInfo split;
  bool is_leaf = false;
  int left = -1, right = -1;
  int histograms = -1;  // slot in the workspace while the node may still be split
  Index n_samples() const { return end - begin; }
};

// The memory a grower reuses from one tree to the next.
struct GrowerWorkspace {
  std::vector<std::uint32_t> partition;
  std::vector<std::uint32_t> partition_buffer;
  std::vector<GradientPair> gathered;
  std::vector<Histograms> histograms;
  std::vector<int> free_histograms;
};

// A tree that predicts binned rows: the nodes of the fitkit::Tree, with bin thresholds.
struct BinnedTree {
  std::vector<std::int32_t> left, right, feature;
  std::vector<std::uint16_t> bin_threshold;
  std::vector<std::uint8_t> missing_go_to_left;
  std::vector<std::int32_t> bitset;  // -1, or the node's entry in left_bins
  std::vector<CategoryBitset> left_bins;
  std::vector<double> value;
  double predict(const BinnedData& X, Index row, Bin missing_bin) const;
};

class TreeGrower {
 public:
  // pairs: every sample's gradient and hessian (hessians 0 when options.splitter says they are
  // constant).
  TreeGrower(const BinnedData& X, const GradientPair* pairs, const GrowerOptions& options,
             GrowerWorkspace& workspace);
  void grow();

  const std::vector<GrowerNode>& nodes() const { return nodes_; }
  // The leaves, in the order they were finalized.
  const std::vector<int>& leaves() const { return leaves_; }
  // The training rows (indices into X) of a node.
  const std::uint32_t* rows(const GrowerNode& node) const {
    return workspace_.partition.data() + node.begin;
  }
  // Replaces a leaf's value (scikit-learn's leaf update for absolute_error and quantile).
  void set_leaf_value(int leaf, double value) { nodes_[leaf].value = value; }

  // The grown tree, depth first: leaf values (learning rate applied) and the node values of
  // internal nodes (the same formula, for export), counts and weights of training samples
  // (sample_weight: null for none).
  void make_trees(const BinMapper& mapper, const double* sample_weight, Tree& tree,
                  BinnedTree& binned) const;

 private:
  int new_node(Index begin, Index end, double sum_gradients, double sum_hessians, double value,
               int depth);
  void finalize_leaf(int node);
  void push_if_splittable(const std::vector<int>& nodes);
  void split_next();
  Index partition_rows(const GrowerNode& node);
  int take_histograms();
  void release_histograms(int node);

  const BinnedData& X_;
  const GradientPair* pairs_;
  const GrowerOptions& options_;
  GrowerWorkspace& workspace_;
  std::vector<GrowerNode> nodes_;
  std::vector<int> splittable_;  // a heap by gain
  std::vector<int> leaves_;
};

}  // namespace fitkit::detail::hgb
