#include "tree/forest_predictor.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/huge_pages.hpp"
#include "core/parallel.hpp"
#include "tree/decision_tree_common.hpp"
#include "tree/lane_walk.hpp"

namespace fitkit::detail {
namespace {

// The most rows per block. Every tree is walked by a whole block before the next tree, so a
// tree's nodes are brought into cache once per block, the rows' float32 copy streaming past
// (measured on 100 trees of 10,000 nodes: 8192 rows as fast as 65,536, 4096 slower).
constexpr Index kMaxBlockRows = 8192;
// A rough serial cost of walking one row down one level of one tree.
constexpr double kNanosecondsPerStep = 1.5;

}  // namespace

ForestPredictor::ForestPredictor(const std::vector<Tree>& trees) {
  width_ = trees.empty() ? 0 : trees.front().value.n_cols;
  plain_ = std::none_of(trees.begin(), trees.end(), [](const Tree& tree) {
    return std::any_of(tree.category_offset.begin(), tree.category_offset.end(),
                       [](std::int32_t offset) { return offset != Tree::kNotCategorical; });
  });
  // Sized once: grown record by record, the arrays were copied and page-faulted anew at every
  // doubling (most of a 19 MB forest's load time).
  Index n_nodes = 0, n_leaves = 0;
  for (const Tree& tree : trees) {
    n_nodes += tree.node_count();
    n_leaves += tree.n_leaves();
  }
  leaf_values_.reserve(n_leaves * width_);
  for (const Tree& tree : trees) depths_.push_back(tree.max_depth());
  if (plain_) ranked_ = RankedForest::build(trees, width_, leaf_values_);
  if (ranked_) return;
  nodes_.reserve(n_nodes);
  value_offset_.reserve(n_nodes);
  for (const Tree& tree : trees) {
    const auto root = static_cast<std::int32_t>(nodes_.size());
    roots_.push_back(static_cast<Index>(root));
    for (Index node = 0; node < tree.node_count(); ++node) {
      const auto self = static_cast<std::int32_t>(root + static_cast<std::int32_t>(node));
      Node record{0.0f, self, self, 0};
      value_offset_.push_back(-1);
      if (tree.is_leaf(node)) {
        value_offset_.back() = static_cast<std::int32_t>(leaf_values_.size());
        for (Index k = 0; k < width_; ++k) leaf_values_.push_back(tree.value(node, k));
        nodes_.push_back(record);
        continue;
      }
      record.left = root + tree.children_left[node];
      record.right = root + tree.children_right[node];
      const auto feature = static_cast<std::uint32_t>(tree.feature[node]);
      const bool missing_left = tree.missing_go_to_left[node] != 0;
      const std::int32_t offset = tree.category_offset[node];
      if (plain_) {
        // Rows come as (x, -x) pairs (copy_rows): one comparison, !(v <= threshold), sends
        // NaN, which compares false, right. A node that sends it left compares -x instead, with
        // its children swapped: x <= t exactly when -x > -(the float after t).
        const float at_most = float_at_most(tree.threshold[node]);
        record.feature_and_flags = 2 * feature;
        record.threshold = at_most;
        if (missing_left) {
          record.feature_and_flags += 1;
          record.threshold = -std::nextafter(at_most, std::numeric_limits<float>::infinity());
          std::swap(record.left, record.right);
        }
      } else {
        record.feature_and_flags = feature;
        if (missing_left) record.feature_and_flags |= kMissingLeftFlag;
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

template <bool kPlain>
inline std::int32_t ForestPredictor::step(const Node& n, const float* row) const {
  const std::uint32_t f = n.feature_and_flags;
  const float x = row[f & kFeatureMask];
  std::uint32_t right;
  if constexpr (kPlain) {
    right = static_cast<std::uint32_t>(!(x <= n.threshold));
  } else if ((f & kCategoricalFlag) == 0) [[likely]] {
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

template <bool kPlain>
void ForestPredictor::walk_tree(Index t, const float* rows, Index n_rows, Index row_width,
                                std::int32_t* at) const {
  // A leaf points to itself: the step that returns the same node finds it.
  const Node* nodes = nodes_.data();
  walk_in_lanes(
      rows, n_rows, row_width, static_cast<std::int32_t>(roots_[t]),
      [&](std::int32_t& node, const float* row) {
        const std::int32_t next = step<kPlain>(nodes[node], row);
        if (next == node) return false;
        node = next;
        return true;
      },
      [&](Index i, std::int32_t leaf) { at[i] = leaf; });
}

void ForestPredictor::walk(Index t, const float* rows, Index n_rows, Index row_width,
                           std::int32_t* at, bool values) const {
  if (ranked_) {
    ranked_->walk(t, reinterpret_cast<const std::uint8_t*>(rows), n_rows, at, values);
    return;
  }
  if (plain_)
    walk_tree<true>(t, rows, n_rows, row_width, at);
  else
    walk_tree<false>(t, rows, n_rows, row_width, at);
  for (Index i = 0; i < n_rows; ++i)
    at[i] = values ? value_offset_[at[i]] : at[i] - static_cast<std::int32_t>(roots_[t]);
}

Index ForestPredictor::block_floats(Index n_features) const {
  if (ranked_) return (ranked_->row_bytes() + sizeof(float) - 1) / sizeof(float);
  return row_width(n_features);
}

void ForestPredictor::copy_rows(const Matrix& X, Index begin, Index end, float* rows) const {
  if (ranked_) {
    ranked_->rank_rows(X, begin, end, reinterpret_cast<std::uint8_t*>(rows));
    return;
  }
  if (!plain_) {
    for (Index j = 0; j < X.n_cols; ++j) {
      const double* column = X.colptr(j);
      for (Index i = begin; i < end; ++i)
        rows[(i - begin) * X.n_cols + j] = static_cast<float>(column[i]);
    }
    return;
  }
  const Index width = row_width(X.n_cols);
  for (Index j = 0; j < X.n_cols; ++j) {
    const double* column = X.colptr(j);
    for (Index i = begin; i < end; ++i) {
      const auto x = static_cast<float>(column[i]);
      rows[(i - begin) * width + 2 * j] = x;
      rows[(i - begin) * width + 2 * j + 1] = -x;
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
  // As few blocks as kMaxBlockRows allows, and as many for every thread (a tree's nodes are
  // brought into cache once per block).
  const auto t = static_cast<Index>(threads);
  const Index n_blocks = (max_blocks + t - 1) / t * t;
  const Index block_rows = (X.n_rows + n_blocks - 1) / n_blocks;
#pragma omp parallel num_threads(threads)
  {
    std::vector<float> rows(block_rows * block_floats(X.n_cols));
    std::vector<std::int32_t> at(block_rows);
    // Dynamic: on a busy machine a thread that waits for a core leaves its blocks to the other.
#pragma omp for schedule(dynamic, 1)
    for (Index b = 0; b < n_blocks; ++b) {
      const Index begin = std::min(X.n_rows, b * block_rows),
                  end = std::min(X.n_rows, begin + block_rows);
      copy_rows(X, begin, end, rows.data());
      body(begin, end, rows.data(), at.data());
    }
  }
}

Matrix ForestPredictor::mean_value(const Matrix& X) const {
  Matrix mean(X.n_rows, width_, arma::fill::none);
  advise_huge_pages(mean.memptr(), mean.n_elem * sizeof(double));
  for_each_block(X, [&](Index begin, Index end, const float* rows, std::int32_t* at) {
    // The block's sums row by row (a row's values side by side), the trees added in order.
    thread_local std::vector<double> sums;
    const Index n = end - begin;
    sums.assign(n * width_, 0.0);
    const double* values = leaf_values_.data();
    for (Index t = 0; t < depths_.size(); ++t) {
      walk(t, rows, n, row_width(X.n_cols), at, true);
      if (width_ == 2) {
        for (Index i = 0; i < n; ++i) {
          const double* value = values + at[i];
          sums[2 * i] += value[0];
          sums[2 * i + 1] += value[1];
        }
      } else {
        for (Index i = 0; i < n; ++i) {
          const double* value = values + at[i];
          for (Index k = 0; k < width_; ++k) sums[i * width_ + k] += value[k];
        }
      }
    }
    for (Index k = 0; k < width_; ++k) {
      double* column = mean.colptr(k) + begin;
      for (Index i = 0; i < n; ++i) column[i] = sums[i * width_ + k];
    }
  });
  mean /= static_cast<double>(depths_.size());
  return mean;
}

arma::umat ForestPredictor::apply(const Matrix& X) const {
  arma::umat leaves(X.n_rows, depths_.size(), arma::fill::none);
  apply_into(X, leaves.memptr());
  return leaves;
}

void ForestPredictor::apply_into(const Matrix& X, arma::uword* leaves) const {
  advise_huge_pages(leaves, X.n_rows * depths_.size() * sizeof(arma::uword));
  for_each_block(X, [&](Index begin, Index end, const float* rows, std::int32_t* at) {
    for (Index t = 0; t < depths_.size(); ++t) {
      walk(t, rows, end - begin, row_width(X.n_cols), at, false);
      arma::uword* column = leaves + t * X.n_rows;
      for (Index i = begin; i < end; ++i) column[i] = static_cast<arma::uword>(at[i - begin]);
    }
  });
}

}  // namespace fitkit::detail
