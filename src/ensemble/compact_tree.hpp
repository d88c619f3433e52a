#pragma once
// A forest's tree as its model file keeps it: what prediction and TreeSHAP read, nothing
// else, in preorder (a node's left child right after it, so no child indices are stored).
// About a quarter of scikit-learn's node record (its children, feature, threshold, impurity,
// sample count and weight in 56 bytes, plus the value of every node).
//
//   CompactTree c = compact_tree(tree);      // to save
//   Tree t = expand_tree(c, value_width);    // after loading; FormatProblem when malformed
//
// A forest keeps its trees as expand_tree(compact_tree(grown)) from the start, so a fitted
// forest and its reloaded copy are the same bits: node covers are float32 (exact for the
// bootstrap counts of unit weights), internal nodes' values the cover-weighted mean of their
// children's, impurities and sample counts zero.

#include <cstdint>
#include <vector>

#include <cereal/cereal.hpp>
#include <cereal/types/vector.hpp>

#include "fitkit/tree/tree.hpp"

namespace fitkit::detail {

struct CompactTree {
  // Per node in preorder: 0 for a leaf, else kSplit | kMissingLeft? | kCategorical?.
  static constexpr std::uint8_t kSplit = 1, kMissingLeft = 2, kCategorical = 4;
  std::vector<std::uint8_t> kind;
  std::vector<std::int32_t> feature;         // per split node
  std::vector<double> threshold;             // per numeric split node
  std::vector<std::uint32_t> category_bits;  // Tree::kCategoryWords per categorical split
  std::vector<float> cover;                  // per node: its training weight
  std::vector<double> leaf_value;            // per leaf: value width values

  template <class Archive>
  void serialize(Archive& ar) {
    ar(CEREAL_NVP(kind), CEREAL_NVP(feature), CEREAL_NVP(threshold), CEREAL_NVP(category_bits),
       CEREAL_NVP(cover), CEREAL_NVP(leaf_value));
  }
};

CompactTree compact_tree(const Tree& tree);
// Checks the arrays as a model file's (FormatProblem when they do not describe a tree of
// features below n_features) and rebuilds the Tree.
Tree expand_tree(const CompactTree& compact, Index value_width, Index n_features);

}  // namespace fitkit::detail
