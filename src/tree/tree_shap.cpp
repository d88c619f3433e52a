#include "tree/tree_shap.hpp"

#include <algorithm>
#include <string>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/tree/tree_shap.hpp"

namespace fitkit {
namespace detail {
namespace {

// one_fraction is always 1 or 0 (a product of whether x goes on along the path), so the paper's
// divisions by it are left out where it is 1; `inverse[k]` is 1 / k, so that the loops below
// multiply instead of divide (their steps depend on each other, and a division is slow).

// The paper's EXTEND: feature `feature` joins the path (of unique_depth + 1 elements once it
// is in), and every subset size's weight is moved by whether the feature is in the subset
// (one_fraction) or integrated out (zero_fraction).
void extend_path(ShapPathElement* path, int unique_depth, double zero_fraction, double one_fraction,
                 std::int32_t feature, const double* inverse) {
  path[unique_depth] = {feature, zero_fraction, one_fraction, unique_depth == 0 ? 1.0 : 0.0};
  const double inverse_size = inverse[unique_depth + 1];
  for (int i = unique_depth - 1; i >= 0; --i) {
    path[i + 1].weight += one_fraction * path[i].weight * (i + 1) * inverse_size;
    path[i].weight = zero_fraction * path[i].weight * (unique_depth - i) * inverse_size;
  }
}

// The paper's UNWIND: undoes the EXTEND of element `index` (a feature met again further down
// is unwound, then extended with the product of its fractions) and closes the gap.
void unwind_path(ShapPathElement* path, int unique_depth, int index, const double* inverse) {
  const double one_fraction = path[index].one_fraction;
  const double zero_fraction = path[index].zero_fraction;
  const double size = unique_depth + 1;
  const double inverse_size = inverse[unique_depth + 1];
  double next_one_portion = path[unique_depth].weight;
  if (one_fraction != 0) {
    for (int i = unique_depth - 1; i >= 0; --i) {
      const double kept = path[i].weight;
      path[i].weight = next_one_portion * size * inverse[i + 1];
      next_one_portion = kept - path[i].weight * zero_fraction * (unique_depth - i) * inverse_size;
    }
  } else {
    const double scale = size / zero_fraction;
    for (int i = unique_depth - 1; i >= 0; --i)
      path[i].weight = path[i].weight * scale * inverse[unique_depth - i];
  }
  for (int i = index; i < unique_depth; ++i) {
    path[i].feature = path[i + 1].feature;
    path[i].zero_fraction = path[i + 1].zero_fraction;
    path[i].one_fraction = path[i + 1].one_fraction;
  }
}

// The total weight of the path with element `index` unwound, without changing the path: what
// a leaf credits that element's feature with, per unit of (one_fraction - zero_fraction).
double unwound_path_sum(const ShapPathElement* path, int unique_depth, int index,
                        const double* inverse) {
  const double zero_fraction = path[index].zero_fraction;
  const double size = unique_depth + 1;
  double total = 0;
  if (path[index].one_fraction != 0) {
    const double zero_share = zero_fraction * inverse[unique_depth + 1];
    double next_one_portion = path[unique_depth].weight;
    for (int i = unique_depth - 1; i >= 0; --i) {
      const double weight = next_one_portion * size * inverse[i + 1];
      total += weight;
      next_one_portion = path[i].weight - weight * zero_share * (unique_depth - i);
    }
  } else {
    const double scale = size / zero_fraction;
    for (int i = unique_depth - 1; i >= 0; --i)
      total += path[i].weight * scale * inverse[unique_depth - i];
  }
  return total;
}

}  // namespace

TreeShapScratch::TreeShapScratch(Index max_depth, Index n_features) {
  segment_start.resize(max_depth + 1);
  Index size = 0;
  for (Index depth = 0; depth <= max_depth; ++depth) {
    segment_start[depth] = size;
    size += std::min(depth, n_features) + 1;
  }
  path.resize(size);
  inverse.resize(std::min(max_depth, n_features) + 2);
  for (Index k = 1; k < inverse.size(); ++k) inverse[k] = 1.0 / static_cast<double>(k);
  stack.reserve(2 * (max_depth + 2));
}

void add_tree_shap(const Tree& tree, const Matrix& X, Index row, double scale, Index first_output,
                   Index n_outputs, double* phi, TreeShapScratch& scratch) {
  const Index width = X.n_cols + 1;
  auto& stack = scratch.stack;
  const double* inverse = scratch.inverse.data();
  stack.clear();
  // The root extends an empty path with a placeholder that every subset contains.
  stack.push_back({0, 0, -1, -1, 1.0, 1.0});
  while (!stack.empty()) {
    const TreeShapScratch::Pending visit = stack.back();
    stack.pop_back();
    const auto node = static_cast<Index>(visit.node);
    const auto depth = static_cast<Index>(visit.depth);
    ShapPathElement* path = scratch.path.data() + scratch.segment_start[depth];
    // The parent's path (after its unwind) is still in the segment above: siblings are
    // visited one after the other, and a subtree only writes the segments below it.
    int unique_depth = visit.parent_unique_depth + 1;
    if (depth > 0)
      std::copy_n(scratch.path.data() + scratch.segment_start[depth - 1], unique_depth, path);
    extend_path(path, unique_depth, visit.zero_fraction, visit.one_fraction, visit.feature,
                inverse);

    if (tree.is_leaf(node)) {
      for (int i = 1; i <= unique_depth; ++i) {
        const double credit = unwound_path_sum(path, unique_depth, i, inverse) *
                              (path[i].one_fraction - path[i].zero_fraction) * scale;
        double* feature_phi = phi + path[i].feature;
        for (Index k = 0; k < n_outputs; ++k)
          feature_phi[k * width] += credit * tree.value(node, first_output + k);
      }
      continue;
    }

    const std::int32_t feature = tree.feature[node];
    // A feature already on the path is unwound; its fractions carry into this split's.
    double incoming_zero = 1, incoming_one = 1;
    for (int i = 1; i <= unique_depth; ++i) {
      if (path[i].feature != feature) continue;
      incoming_zero = path[i].zero_fraction;
      incoming_one = path[i].one_fraction;
      unwind_path(path, unique_depth, i, inverse);
      --unique_depth;
      break;
    }
    const bool left = tree.goes_left(node, X(row, static_cast<Index>(feature)));
    const auto hot =
        static_cast<Index>(left ? tree.children_left[node] : tree.children_right[node]);
    const auto cold =
        static_cast<Index>(left ? tree.children_right[node] : tree.children_left[node]);
    const double hot_zero = cover_fraction(tree, node, hot) * incoming_zero;
    const double cold_zero = cover_fraction(tree, node, cold) * incoming_zero;
    const auto child_depth = static_cast<std::int32_t>(depth + 1);
    // A child that neither x reaches nor any cover does adds nothing (and its fractions, both
    // 0, could not be unwound further down).
    if (cold_zero != 0)
      stack.push_back(
          {static_cast<std::int32_t>(cold), child_depth, unique_depth, feature, cold_zero, 0.0});
    if (hot_zero != 0 || incoming_one != 0)
      stack.push_back({static_cast<std::int32_t>(hot), child_depth, unique_depth, feature, hot_zero,
                       incoming_one});
  }
}

}  // namespace detail

RowVector tree_expected_value(const Tree& tree) {
  // The product of the cover fractions down to a leaf telescopes to its share of the root's
  // cover; computed as TreeSHAP integrates, so local accuracy holds to rounding on any covers.
  std::vector<double> reach(tree.node_count(), 0.0);
  RowVector expected(tree.value.n_cols, arma::fill::zeros);
  if (tree.node_count() == 0) return expected;
  reach[0] = 1.0;
  for (Index node = 0; node < tree.node_count(); ++node) {
    if (tree.is_leaf(node)) {
      expected += reach[node] * tree.value.row(node);
      continue;
    }
    for (const std::int32_t child : {tree.children_left[node], tree.children_right[node]})
      reach[static_cast<Index>(child)] =
          reach[node] * detail::cover_fraction(tree, node, static_cast<Index>(child));
  }
  return expected;
}

namespace {

Matrix contributions(const std::vector<const Tree*>& trees, const std::vector<double>& weights,
                     const Matrix& X, Index first_output, Index n_outputs) {
  if (weights.size() != trees.size())
    throw Error("tree_contributions: " + std::to_string(weights.size()) + " weights for " +
                std::to_string(trees.size()) + " trees");
  const Index n_features = X.n_cols;
  const Index width = n_features + 1;
  Index max_depth = 0;
  double work_per_row = 0;  // nanoseconds, roughly: every node, a path of up to depth elements
  Matrix expected(1, n_outputs * width, arma::fill::zeros);
  for (std::size_t t = 0; t < trees.size(); ++t) {
    const Tree& tree = *trees[t];
    if (tree.node_count() == 0) throw Error("tree_contributions: a tree has no nodes");
    if (first_output + n_outputs > tree.value.n_cols)
      throw DimensionMismatch("tree_contributions: value column " +
                              std::to_string(first_output + n_outputs - 1) + " of a tree with " +
                              std::to_string(tree.value.n_cols));
    for (Index node = 0; node < tree.node_count(); ++node)
      if (!tree.is_leaf(node) && static_cast<Index>(tree.feature[node]) >= n_features)
        throw DimensionMismatch("a tree splits on feature " + std::to_string(tree.feature[node]) +
                                ", but X has " + std::to_string(n_features) + " features");
    const Index depth = tree.max_depth();
    max_depth = std::max(max_depth, depth);
    const double path = static_cast<double>(std::min(depth, n_features) + 1);
    work_per_row += 2.0 * static_cast<double>(tree.node_count()) * path * path;
    const RowVector tree_expected = tree_expected_value(tree);
    for (Index k = 0; k < n_outputs; ++k)
      expected(0, k * width + n_features) += weights[t] * tree_expected(first_output + k);
  }

  // One column per row while the trees add into it (contiguous), transposed at the end. Each
  // row adds its trees in order, on whichever thread: the same bits at any thread count.
  Matrix by_row(n_outputs * width, X.n_rows, arma::fill::zeros);
  constexpr Index rows_per_block = 16;
  const Index n_blocks = (X.n_rows + rows_per_block - 1) / rows_per_block;
  const int threads = detail::threads_for(work_per_row * static_cast<double>(X.n_rows),
                                          static_cast<double>(n_blocks));
#pragma omp parallel num_threads(threads)
  {
    detail::TreeShapScratch scratch(max_depth, n_features);
#pragma omp for schedule(dynamic, 1)
    for (std::ptrdiff_t b = 0; b < static_cast<std::ptrdiff_t>(n_blocks); ++b) {
      const Index first = static_cast<Index>(b) * rows_per_block;
      const Index last = std::min(X.n_rows, first + rows_per_block);
      for (Index row = first; row < last; ++row) {
        double* phi = by_row.colptr(row);
        for (std::size_t t = 0; t < trees.size(); ++t)
          detail::add_tree_shap(*trees[t], X, row, weights[t], first_output, n_outputs, phi,
                                scratch);
        for (Index k = 0; k < n_outputs; ++k)
          phi[k * width + n_features] = expected(0, k * width + n_features);
      }
    }
  }
  return by_row.t();
}

}  // namespace

Matrix tree_shap(const Tree& tree, const Matrix& X, Index output) {
  return contributions({&tree}, {1.0}, X, output, 1);
}

Matrix tree_contributions(const std::vector<const Tree*>& trees, const std::vector<double>& weights,
                          const Matrix& X, Index output) {
  return contributions(trees, weights, X, output, 1);
}

Matrix tree_contributions(const std::vector<const Tree*>& trees, const std::vector<double>& weights,
                          const Matrix& X) {
  const Index n_outputs = trees.empty() ? 1 : trees.front()->value.n_cols;
  return contributions(trees, weights, X, 0, n_outputs);
}

}  // namespace fitkit
