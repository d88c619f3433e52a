#include "fitkit/tree/tree.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/format_problem.hpp"

namespace fitkit {

Index Tree::n_leaves() const {
  return static_cast<Index>(std::count(children_left.begin(), children_left.end(), kLeaf));
}

Index Tree::max_depth() const {
  // Children come after their parent, so one pass in node order sees every parent first.
  std::vector<Index> depth(node_count(), 0);
  Index deepest = 0;
  for (Index node = 0; node < node_count(); ++node) {
    deepest = std::max(deepest, depth[node]);
    if (!is_leaf(node)) {
      depth[static_cast<Index>(children_left[node])] = depth[node] + 1;
      depth[static_cast<Index>(children_right[node])] = depth[node] + 1;
    }
  }
  return deepest;
}

Index Tree::add_node(const RowVector& node_value, std::int64_t n_samples, double weighted_n_samples,
                     double node_impurity) {
  const Index node = node_count();
  children_left.push_back(kLeaf);
  children_right.push_back(kLeaf);
  feature.push_back(kUndefined);
  threshold.push_back(static_cast<double>(kUndefined));
  missing_go_to_left.push_back(0);
  category_offset.push_back(kNotCategorical);
  n_node_samples.push_back(n_samples);
  weighted_n_node_samples.push_back(weighted_n_samples);
  impurity.push_back(node_impurity);
  if (value.n_cols != node_value.n_elem) {
    if (node != 0) throw std::logic_error("Tree::add_node: value width changed");
    value.set_size(0, node_value.n_elem);
  }
  // Grown by doubling: rows are appended one at a time while a tree is built.
  if (value.n_rows <= node) {
    Matrix grown(std::max<Index>(16, 2 * value.n_rows), value.n_cols);
    grown.head_rows(value.n_rows) = value;
    value = std::move(grown);
  }
  value.row(node) = node_value;
  return node;
}

void Tree::split(Index node, std::int32_t feature_index, double split_threshold, bool missing_left,
                 Index left, Index right) {
  children_left[node] = static_cast<std::int32_t>(left);
  children_right[node] = static_cast<std::int32_t>(right);
  feature[node] = feature_index;
  threshold[node] = split_threshold;
  missing_go_to_left[node] = missing_left ? 1 : 0;
}

void Tree::split_categorical(Index node, std::int32_t feature_index,
                             const std::uint32_t* left_categories, bool missing_left, Index left,
                             Index right) {
  split(node, feature_index, static_cast<double>(kUndefined), missing_left, left, right);
  category_offset[node] = static_cast<std::int32_t>(category_bits.size());
  category_bits.insert(category_bits.end(), left_categories, left_categories + kCategoryWords);
}

arma::uvec Tree::apply(const Matrix& X) const {
  arma::uvec leaves(X.n_rows);
  for (Index row = 0; row < X.n_rows; ++row) leaves[row] = leaf_of(X, row);
  return leaves;
}

Matrix Tree::predict(const Matrix& X) const {
  Matrix out(X.n_rows, value.n_cols);
  for (Index row = 0; row < X.n_rows; ++row) out.row(row) = value.row(leaf_of(X, row));
  return out;
}

arma::umat Tree::decision_path(const Matrix& X) const {
  arma::umat path(X.n_rows, node_count(), arma::fill::zeros);
  for (Index row = 0; row < X.n_rows; ++row) {
    Index node = 0;
    path(row, node) = 1;
    while (!is_leaf(node)) {
      node = static_cast<Index>(goes_left(node, X(row, static_cast<Index>(feature[node])))
                                    ? children_left[node]
                                    : children_right[node]);
      path(row, node) = 1;
    }
  }
  return path;
}

void Tree::check(Index n_features, Index value_width) const {
  using detail::FormatProblem;
  const Index n = children_left.size();
  if (n == 0) throw FormatProblem("a tree has no nodes");
  if (children_right.size() != n || feature.size() != n || threshold.size() != n ||
      missing_go_to_left.size() != n || category_offset.size() != n || n_node_samples.size() != n ||
      weighted_n_node_samples.size() != n || impurity.size() != n || value.n_rows != n)
    throw FormatProblem("a tree's node arrays differ in length");
  if (value_width != 0 && value.n_cols != value_width)
    throw FormatProblem("a tree's values have " + std::to_string(value.n_cols) +
                        " columns, expected " + std::to_string(value_width));
  if (category_bits.size() % kCategoryWords != 0)
    throw FormatProblem("a tree's category sets are truncated");
  std::vector<std::uint8_t> has_parent(n, 0);
  for (Index node = 0; node < n; ++node) {
    const std::int32_t left = children_left[node], right = children_right[node];
    if (left == kLeaf || right == kLeaf) {
      if (left != right)
        throw FormatProblem("tree node " + std::to_string(node) + " has one child");
      continue;
    }
    for (const std::int32_t child : {left, right}) {
      if (child <= static_cast<std::int64_t>(node) || static_cast<Index>(child) >= n ||
          has_parent[static_cast<Index>(child)])
        throw FormatProblem("tree node " + std::to_string(node) + " has an invalid child");
      has_parent[static_cast<Index>(child)] = 1;
    }
    if (feature[node] < 0 || static_cast<Index>(feature[node]) >= n_features)
      throw FormatProblem("tree node " + std::to_string(node) + " splits on feature " +
                          std::to_string(feature[node]) + " of " + std::to_string(n_features));
    const std::int32_t offset = category_offset[node];
    if (offset != kNotCategorical &&
        (offset < 0 || static_cast<std::size_t>(offset) + kCategoryWords > category_bits.size()))
      throw FormatProblem("tree node " + std::to_string(node) + " has no category set");
    if (offset == kNotCategorical && std::isnan(threshold[node]))
      throw FormatProblem("tree node " + std::to_string(node) + " has a NaN threshold");
  }
  for (Index node = 1; node < n; ++node)
    if (!has_parent[node])
      throw FormatProblem("tree node " + std::to_string(node) + " is not in the tree");
}

}  // namespace fitkit
