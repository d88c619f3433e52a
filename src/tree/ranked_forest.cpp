#include "tree/ranked_forest.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "tree/lane_walk.hpp"

namespace fitkit::detail {

float float_at_most(double t) {
  float f = static_cast<float>(t);
  if (static_cast<double>(f) > t) f = std::nextafter(f, -std::numeric_limits<float>::infinity());
  return f;
}

std::optional<RankedForest> RankedForest::build(const std::vector<Tree>& trees, Index value_width,
                                                std::vector<double>& leaf_values) {
  RankedForest forest;
  Index n_nodes = 0;
  for (const Tree& tree : trees) {
    n_nodes += tree.node_count();
    for (Index node = 0; node < tree.node_count(); ++node) {
      if (tree.is_leaf(node)) continue;
      if (tree.category_offset[node] != Tree::kNotCategorical) return std::nullopt;
      forest.n_features_ = std::max<Index>(forest.n_features_, tree.feature[node] + 1);
    }
  }
  // A node's slot is 16 bits: 2 * feature + 1, and the sentinel after the last feature's pair.
  if (2 * forest.n_features_ + 1 > std::numeric_limits<std::uint16_t>::max()) return std::nullopt;
  std::vector<std::vector<float>> cuts(forest.n_features_);
  for (const Tree& tree : trees)
    for (Index node = 0; node < tree.node_count(); ++node)
      if (!tree.is_leaf(node))
        cuts[tree.feature[node]].push_back(float_at_most(tree.threshold[node]));
  forest.cuts_.assign(forest.n_features_ * kCutsPerFeature, std::numeric_limits<float>::infinity());
  for (Index f = 0; f < forest.n_features_; ++f) {
    std::sort(cuts[f].begin(), cuts[f].end());
    cuts[f].erase(std::unique(cuts[f].begin(), cuts[f].end()), cuts[f].end());
    if (cuts[f].size() > static_cast<std::size_t>(kMaxCuts)) return std::nullopt;
    std::copy(cuts[f].begin(), cuts[f].end(), forest.cuts_.begin() + f * kCutsPerFeature);
  }

  // Depth first, left before right, so that a node's left child is the next record; a record's
  // right_delta is set when its right child is reached.
  forest.nodes_.reserve(n_nodes);
  forest.in_tree_.reserve(n_nodes);
  std::vector<std::pair<std::int32_t, Index>> pending;  // (node, record whose right child it is)
  constexpr Index kNoParent = static_cast<Index>(-1);
  for (const Tree& tree : trees) {
    forest.roots_.push_back(forest.nodes_.size());
    pending.assign(1, {0, kNoParent});
    while (!pending.empty()) {
      const auto [node, parent] = pending.back();
      pending.pop_back();
      const Index self = forest.nodes_.size();
      if (parent != kNoParent)
        forest.nodes_[parent].right_delta = static_cast<std::int32_t>(self - parent);
      forest.in_tree_.push_back(node);
      if (tree.is_leaf(node)) {
        forest.nodes_.push_back(
            {static_cast<std::int32_t>(leaf_values.size()), forest.sentinel(), 0});
        for (Index k = 0; k < value_width; ++k) leaf_values.push_back(tree.value(node, k));
        continue;
      }
      const Index feature = tree.feature[node];
      const auto& feature_cuts = cuts[feature];
      const auto index = std::lower_bound(feature_cuts.begin(), feature_cuts.end(),
                                          float_at_most(tree.threshold[node])) -
                         feature_cuts.begin();
      const Index missing_left = tree.missing_go_to_left[node] != 0 ? 1 : 0;
      forest.nodes_.push_back({0, static_cast<std::uint16_t>(2 * feature + missing_left),
                               static_cast<std::uint8_t>(index)});
      pending.push_back({tree.children_right[node], self});
      pending.push_back({tree.children_left[node], kNoParent});
    }
  }
  return forest;
}

void RankedForest::rank_rows(const Matrix& X, Index begin, Index end, std::uint8_t* rows) const {
  // A value's rank is the number of its feature's thresholds below it, so that x <= the k-th
  // threshold exactly when rank <= k. A missing value is ranked above every threshold in the
  // first byte of its pair and below every one in the second: a node that sends missing values
  // left reads the second.
  const Index width = row_bytes();
  for (Index j = 0; j < n_features_; ++j) {
    const double* column = X.colptr(j);
    const float* cuts = cuts_.data() + j * kCutsPerFeature;
    std::uint8_t* out = rows + 2 * j;
    for (Index i = begin; i < end; ++i, out += width) {
      const auto x = static_cast<float>(column[i]);
      // A binary search without branches (which way it goes is random): the first 255 cuts.
      unsigned rank = 0;
      for (unsigned step = 128; step > 0; step /= 2)
        rank += static_cast<unsigned>(cuts[rank + step - 1] < x) * step;
      const bool missing = std::isnan(x);
      out[0] = missing ? 255 : static_cast<std::uint8_t>(rank);
      out[1] = missing ? 0 : static_cast<std::uint8_t>(rank);
    }
  }
}

void RankedForest::walk(Index t, const std::uint8_t* rows, Index n_rows, std::int32_t* at,
                        bool values) const {
  if (values)
    walk_tree<true>(t, rows, n_rows, at);
  else
    walk_tree<false>(t, rows, n_rows, at);
}

template <bool kValues>
void RankedForest::walk_tree(Index t, const std::uint8_t* rows, Index n_rows,
                             std::int32_t* at) const {
  const Node* nodes = nodes_.data();
  const std::uint16_t leaf = sentinel();
  walk_in_lanes(
      rows, n_rows, row_bytes(), static_cast<std::int32_t>(roots_[t]),
      [&](std::int32_t& node, const std::uint8_t* row) {
        const Node n = nodes[node];
        if (n.slot == leaf) return false;
        // The child by arithmetic rather than a branch: which way a row goes is random.
        const std::int32_t right = -static_cast<std::int32_t>(row[n.slot] > n.threshold);
        node += 1 + ((n.right_delta - 1) & right);
        return true;
      },
      [&](Index i, std::int32_t node) {
        at[i] = kValues ? nodes[node].right_delta : in_tree_[node];
      });
}

}  // namespace fitkit::detail
