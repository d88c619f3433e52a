#include "tree/forest_predictor.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/huge_pages.hpp"
#include "core/parallel.hpp"
#include "tree/decision_tree_common.hpp"

namespace fitkit::detail {
namespace {

// The most rows per block. Every tree is walked by a whole block before the next tree, so a
// tree's nodes are brought into cache once per block: blocks are as large as this allows
// (a thread's share of the rows), the rows' float32 copy streaming past.
constexpr Index kMaxBlockRows = 4096;
// A rough serial cost of walking one row down one level of one tree.
constexpr double kNanosecondsPerStep = 1.5;

// The largest float32 at most t.
float float_at_most(double t) {
  float f = static_cast<float>(t);
  if (static_cast<double>(f) > t) f = std::nextafter(f, -std::numeric_limits<float>::infinity());
  return f;
}

}  // namespace

ForestPredictor::ForestPredictor(const std::vector<Tree>& trees) {
  width_ = trees.empty() ? 0 : trees.front().value.n_cols;
  for (const Tree& tree : trees) {
    const auto root = static_cast<std::int32_t>(nodes_.size());
    roots_.push_back(static_cast<Index>(root));
    depths_.push_back(tree.max_depth());
    for (Index node = 0; node < tree.node_count(); ++node) {
      const auto self = static_cast<std::int32_t>(root + static_cast<std::int32_t>(node));
      Node record{0.0f, self, self, 0};
      value_offset_.push_back(-1);
      if (tree.is_leaf(node)) {
        value_offset_.back() = static_cast<std::int32_t>(leaf_values_.size());
        for (Index k = 0; k < width_; ++k) leaf_values_.push_back(tree.value(node, k));
      } else {
        record.left = root + tree.children_left[node];
        record.right = root + tree.children_right[node];
        record.feature_and_flags = static_cast<std::uint32_t>(tree.feature[node]);
        if (tree.missing_go_to_left[node] != 0) record.feature_and_flags |= kMissingLeftFlag;
        const std::int32_t offset = tree.category_offset[node];
        if (offset == Tree::kNotCategorical) {
          record.threshold = float_at_most(tree.threshold[node]);
        } else {
          record.feature_and_flags |= kCategoricalFlag;
          record.threshold = static_cast<float>(category_bits_.size());
          category_bits_.insert(category_bits_.end(), tree.category_bits.begin() + offset,
                                tree.category_bits.begin() + offset + Tree::kCategoryWords);
        }
      }
      nodes_.push_back(record);
    }
  }
}

inline std::int32_t ForestPredictor::step(const Node& n, const float* row) const {
  const std::uint32_t f = n.feature_and_flags;
  const float x = row[f & kFeatureMask];
  std::uint32_t right;
  if ((f & kCategoricalFlag) == 0) [[likely]] {
    // NaN compares false both ways: right unless the node sends missing values left. Both
    // comparisons are made and combined without a branch: which way a row goes is random.
    const auto missing_left = static_cast<std::uint32_t>(f >> 31);
    const auto greater = static_cast<std::uint32_t>(x > n.threshold);
    const auto not_at_most = static_cast<std::uint32_t>(!(x <= n.threshold));
    right = (missing_left & greater) | (~missing_left & not_at_most & 1u);
  } else if (x >= 0 && x < 32.0f * Tree::kCategoryWords &&
             x == static_cast<float>(static_cast<int>(x))) {
    const int code = static_cast<int>(x);
    const std::uint32_t* bits = category_bits_.data() + static_cast<Index>(n.threshold);
    right = ((bits[code / 32] >> (code % 32)) & 1u) ^ 1u;
  } else {
    right = (f & kMissingLeftFlag) == 0 ? 1u : 0u;  // NaN or an unseen category
  }
  // The child picked by arithmetic rather than a branch.
  const std::int32_t mask = -static_cast<std::int32_t>(right);
  return n.left ^ ((n.left ^ n.right) & mask);
}

void ForestPredictor::walk(Index t, const float* rows, Index n_rows, Index n_features,
                           std::int32_t* at) const {
  // kLanes rows walk at once, each step advancing every lane: their node loads are
  // independent, so their latencies overlap. A lane whose row reached its leaf (a leaf points
  // to itself) takes the next row.
  constexpr Index kLanes = 4;
  constexpr Index kIdle = std::numeric_limits<Index>::max();
  const Node* nodes = nodes_.data();
  const auto root = static_cast<std::int32_t>(roots_[t]);
  std::int32_t node[kLanes];
  Index row[kLanes];
  Index next_row = 0, busy = 0;
  for (Index l = 0; l < kLanes; ++l) {
    node[l] = root;
    row[l] = next_row < n_rows ? next_row++ : kIdle;
    busy += row[l] != kIdle;
  }
  while (busy > 0)
    for (Index l = 0; l < kLanes; ++l) {
      if (row[l] == kIdle) continue;
      const std::int32_t next = step(nodes[node[l]], rows + row[l] * n_features);
      if (next != node[l]) {
        node[l] = next;
        continue;
      }
      at[row[l]] = next;
      node[l] = root;
      if (next_row < n_rows) {
        row[l] = next_row++;
      } else {
        row[l] = kIdle;
        --busy;
      }
    }
}

template <class Body>
void ForestPredictor::for_each_block(const Matrix& X, Body&& body) const {
  if (X.has_inf()) as_float32_values(X);  // throws, naming the first infinity
  double steps = 0;
  for (const Index depth : depths_) steps += static_cast<double>(depth);
  const Index max_blocks = (X.n_rows + kMaxBlockRows - 1) / kMaxBlockRows;
  const int threads = threads_for(kNanosecondsPerStep * static_cast<double>(X.n_rows) * steps,
                                  static_cast<double>(std::max<Index>(1, X.n_rows / 64)));
  // At least two blocks per thread, each as large as kMaxBlockRows allows.
  const auto t = static_cast<Index>(threads);
  const Index n_blocks = std::max<Index>(max_blocks, threads > 1 ? 2 * t : 1);
  const Index block_rows = (X.n_rows + n_blocks - 1) / n_blocks;
#pragma omp parallel num_threads(threads)
  {
    std::vector<float> rows(block_rows * X.n_cols);
    std::vector<std::int32_t> at(block_rows);
    // Dynamic: on a busy machine a thread that waits for a core leaves its blocks to the other.
#pragma omp for schedule(dynamic, 1)
    for (Index b = 0; b < n_blocks; ++b) {
      const Index begin = std::min(X.n_rows, b * block_rows),
                  end = std::min(X.n_rows, begin + block_rows);
      for (Index j = 0; j < X.n_cols; ++j) {
        const double* column = X.colptr(j);
        for (Index i = begin; i < end; ++i)
          rows[(i - begin) * X.n_cols + j] = static_cast<float>(column[i]);
      }
      body(begin, end, rows.data(), at.data());
    }
  }
}

Matrix ForestPredictor::mean_value(const Matrix& X) const {
  Matrix mean(X.n_rows, width_, arma::fill::none);
  advise_huge_pages(mean.memptr(), mean.n_elem * sizeof(double));
  mean.zeros();
  for_each_block(X, [&](Index begin, Index end, const float* rows, std::int32_t* at) {
    for (Index t = 0; t < roots_.size(); ++t) {
      walk(t, rows, end - begin, X.n_cols, at);
      for (Index i = begin; i < end; ++i) {
        const double* value = leaf_values_.data() + value_offset_[at[i - begin]];
        for (Index k = 0; k < width_; ++k) mean(i, k) += value[k];
      }
    }
  });
  mean /= static_cast<double>(roots_.size());
  return mean;
}

arma::umat ForestPredictor::apply(const Matrix& X) const {
  arma::umat leaves(X.n_rows, roots_.size(), arma::fill::none);
  apply_into(X, leaves.memptr());
  return leaves;
}

void ForestPredictor::apply_into(const Matrix& X, arma::uword* leaves) const {
  advise_huge_pages(leaves, X.n_rows * roots_.size() * sizeof(arma::uword));
  for_each_block(X, [&](Index begin, Index end, const float* rows, std::int32_t* at) {
    for (Index t = 0; t < roots_.size(); ++t) {
      walk(t, rows, end - begin, X.n_cols, at);
      arma::uword* column = leaves + t * X.n_rows;
      for (Index i = begin; i < end; ++i)
        column[i] = static_cast<arma::uword>(at[i - begin]) - roots_[t];
    }
  });
}

}  // namespace fitkit::detail
