// The flat tree every tree learner fills: routing (numeric, NaN, categorical, unseen
// categories), apply / predict / decision_path, depth and leaves, and check() refusing arrays
// that are not a tree (what a forged model file could hold).

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>

#include "core/format_problem.hpp"
#include "fitkit/tree/tree.hpp"

using fitkit::Index;
using fitkit::Matrix;
using fitkit::RowVector;
using fitkit::Tree;

namespace {

constexpr double missing = std::numeric_limits<double>::quiet_NaN();

// root: x0 <= 0.5 (NaN right) -> leaf 1 | node 2: x1 in {1, 3} (missing left) -> leaf 3 | leaf 4
Tree small_tree() {
  Tree t;
  t.add_node(RowVector{0.0}, 10, 10.0, 1.0);
  const Index left = t.add_node(RowVector{1.0}, 4, 4.0, 0.0);
  const Index right = t.add_node(RowVector{2.0}, 6, 6.0, 0.5);
  t.split(0, 0, 0.5, false, left, right);
  const Index a = t.add_node(RowVector{3.0}, 2, 2.0, 0.0);
  const Index b = t.add_node(RowVector{4.0}, 4, 4.0, 0.0);
  std::uint32_t set[Tree::kCategoryWords] = {};
  set[0] = (1u << 1) | (1u << 3);
  t.split_categorical(right, 1, set, true, a, b);
  t.finish();
  return t;
}

}  // namespace

TEST_CASE("Tree routes numeric, missing and categorical values", "[tree]") {
  const Tree t = small_tree();
  CHECK(t.node_count() == 5);
  CHECK(t.n_leaves() == 3);
  CHECK(t.max_depth() == 2);
  CHECK_NOTHROW(t.check(2, 1));
  const Matrix X = {{0.5, 9},        // left at the root (x <= threshold)
                    {0.6, 1},        // category 1: left
                    {0.6, 2},        // category 2: right
                    {missing, 3},    // NaN at the root goes right, then category 3: left
                    {0.6, missing},  // missing category: left
                    {0.6, 300},      // beyond any category code: as missing
                    {0.6, 1.5}};     // not a category code: as missing
  const arma::uvec expected = {1, 3, 4, 3, 3, 3, 3};
  CHECK(arma::all(t.apply(X) == expected));
  const Matrix predicted = t.predict(X);
  CHECK(predicted(2, 0) == 4.0);
  CHECK(predicted(0, 0) == 1.0);
  const arma::umat path = t.decision_path(X);
  CHECK(arma::accu(path.row(0)) == 2);
  CHECK(arma::accu(path.row(2)) == 3);
  CHECK(path(2, 4) == 1);
}

TEST_CASE("Tree::check refuses arrays that are not a tree", "[tree]") {
  using fitkit::detail::FormatProblem;
  Tree t = small_tree();
  CHECK_THROWS_AS(t.check(1, 1), FormatProblem);  // feature 1 of 1
  CHECK_THROWS_AS(t.check(2, 2), FormatProblem);  // value width
  Tree cycle = small_tree();
  cycle.children_left[2] = 0;
  CHECK_THROWS_AS(cycle.check(2, 1), FormatProblem);
  Tree shared = small_tree();
  shared.children_left[2] = 1;
  CHECK_THROWS_AS(shared.check(2, 1), FormatProblem);
  Tree one_child = small_tree();
  one_child.children_right[0] = Tree::kLeaf;
  CHECK_THROWS_AS(one_child.check(2, 1), FormatProblem);
  Tree short_arrays = small_tree();
  short_arrays.impurity.pop_back();
  CHECK_THROWS_AS(short_arrays.check(2, 1), FormatProblem);
  Tree bad_set = small_tree();
  bad_set.category_offset[2] = 4;
  CHECK_THROWS_AS(bad_set.check(2, 1), FormatProblem);
  Tree nan_threshold = small_tree();
  nan_threshold.threshold[0] = missing;
  CHECK_THROWS_AS(nan_threshold.check(2, 1), FormatProblem);
  Tree empty;
  CHECK_THROWS_AS(empty.check(2, 1), FormatProblem);
}
