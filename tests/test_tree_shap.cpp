// TreeSHAP (src/tree/tree_shap.cpp) against a brute-force Shapley computation written here
// from the paper's definition (Lundberg, Erion & Lee 2018, Algorithm 1, EXPVALUE), on random
// trees built by hand: repeated features on a path, NaN and categorical routing, unseen
// categories, unequal and non-additive covers, several value columns. Then local accuracy,
// ensembles, a case worked by hand, thread counts, bad calls, and the `contributions` tag's
// plumbing through an estimator of the test's own.

#include "fitkit/tree/tree_shap.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "cli_support.hpp"
#include "contributions_support.hpp"
#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/random.hpp"
#include "fitkit/core/regressor.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/linear/ridge.hpp"
#include "fitkit/tree/tree.hpp"

using fitkit::Index;
using fitkit::Matrix;
using fitkit::RowVector;
using fitkit::Tree;
using fitkit::Vector;

namespace {

constexpr double missing = std::numeric_limits<double>::quiet_NaN();

// Features 2 and 5 split on category sets over the codes 0..7; the others on thresholds.
bool categorical(Index feature) {
  return feature % 3 == 2;
}

struct RandomTreeShape {
  Index n_features;
  Index value_width;
  bool additive_covers;  // children's covers summing to their parent's, as a fitted tree's
};

// A random tree of depth 1..5. Its features are drawn from a few, so a feature often appears
// twice or more on a path.
Tree random_tree(fitkit::Random& rng, const RandomTreeShape& shape) {
  const auto random_value = [&] {
    RowVector value(shape.value_width);
    for (double& v : value) v = 4 * rng.uniform() - 2;
    return value;
  };
  Tree tree;
  tree.add_node(random_value(), 100, 50 + 100 * rng.uniform(), 0.0);
  const int max_depth = 1 + static_cast<int>(rng.uniform_index(5));
  std::vector<std::pair<Index, int>> open = {{0, 0}};
  while (!open.empty()) {
    const auto [node, depth] = open.back();
    open.pop_back();
    if (depth >= max_depth || (depth > 0 && rng.uniform() < 0.2)) continue;
    const double cover = tree.weighted_n_node_samples[node];
    const double share = 0.05 + 0.9 * rng.uniform();
    const double left_cover = cover * share;
    const double right_cover =
        shape.additive_covers ? cover - left_cover : cover * (0.05 + 0.9 * rng.uniform());
    const Index left = tree.add_node(random_value(), 1, left_cover, 0.0);
    const Index right = tree.add_node(random_value(), 1, right_cover, 0.0);
    const auto feature = static_cast<std::int32_t>(rng.uniform_index(shape.n_features));
    const bool missing_left = rng.uniform() < 0.5;
    if (categorical(static_cast<Index>(feature))) {
      std::uint32_t set[Tree::kCategoryWords] = {};
      set[0] = static_cast<std::uint32_t>(rng.uniform_index(256));
      tree.split_categorical(node, feature, set, missing_left, left, right);
    } else {
      tree.split(node, feature, rng.uniform(), missing_left, left, right);
    }
    open.push_back({left, depth + 1});
    open.push_back({right, depth + 1});
  }
  tree.finish();
  tree.check(shape.n_features, shape.value_width);
  return tree;
}

// Rows that take every route: numbers either side of the thresholds, NaN, category codes in
// and out of the sets, and values no category has (300, 2.5), which route as missing.
Matrix random_rows(fitkit::Random& rng, Index n_rows, Index n_features) {
  Matrix X(n_rows, n_features);
  for (Index i = 0; i < n_rows; ++i) {
    for (Index j = 0; j < n_features; ++j) {
      const double u = rng.uniform();
      if (u < 0.12) {
        X(i, j) = missing;
      } else if (categorical(j)) {
        X(i, j) = u < 0.16 ? 300.0 : u < 0.2 ? 2.5 : static_cast<double>(rng.uniform_index(8));
      } else {
        X(i, j) = rng.uniform();
      }
    }
  }
  return X;
}

// ---- the brute force, from the definitions ------------------------------------------------

// v(S): the tree's value column k at x with the features in `fixed` (a bit set) taking x's
// values and the others integrated out by cover (the paper's Algorithm 1, EXPVALUE).
double expected_value_given(const Tree& tree, Index node, const Matrix& X, Index row,
                            unsigned fixed, Index k) {
  if (tree.is_leaf(node)) return tree.value(node, k);
  const auto feature = static_cast<Index>(tree.feature[node]);
  const auto left = static_cast<Index>(tree.children_left[node]);
  const auto right = static_cast<Index>(tree.children_right[node]);
  if (fixed & (1u << feature))
    return expected_value_given(tree, tree.goes_left(node, X(row, feature)) ? left : right, X, row,
                                fixed, k);
  const double cover = tree.weighted_n_node_samples[node];
  return (tree.weighted_n_node_samples[left] * expected_value_given(tree, left, X, row, fixed, k) +
          tree.weighted_n_node_samples[right] *
              expected_value_given(tree, right, X, row, fixed, k)) /
         cover;
}

double factorial(unsigned n) {
  return n <= 1 ? 1.0 : n * factorial(n - 1);
}

// Every feature's Shapley value for v, then v({}): one row of tree_shap's layout.
RowVector brute_force_shap(const Tree& tree, const Matrix& X, Index row, Index k) {
  const auto m = static_cast<unsigned>(X.n_cols);
  std::vector<double> v(1u << m);
  for (unsigned subset = 0; subset < v.size(); ++subset)
    v[subset] = expected_value_given(tree, 0, X, row, subset, k);
  RowVector phi(m + 1, arma::fill::zeros);
  for (unsigned i = 0; i < m; ++i) {
    for (unsigned subset = 0; subset < v.size(); ++subset) {
      if (subset & (1u << i)) continue;
      const auto size = static_cast<unsigned>(__builtin_popcount(subset));
      const double weight = factorial(size) * factorial(m - size - 1) / factorial(m);
      phi(i) += weight * (v[subset | (1u << i)] - v[subset]);
    }
  }
  phi(m) = v[0];
  return phi;
}

double largest_difference(const Matrix& a, const Matrix& b) {
  REQUIRE(a.n_rows == b.n_rows);
  REQUIRE(a.n_cols == b.n_cols);
  return a.is_empty() ? 0.0 : arma::abs(a - b).max();
}

}  // namespace

TEST_CASE("TreeSHAP equals the brute-force Shapley values on random trees", "[tree_shap]") {
  fitkit::Random rng(20261202);
  int trees_with_repeats = 0, categorical_trees = 0;
  for (int trial = 0; trial < 300; ++trial) {
    const RandomTreeShape shape{1 + rng.uniform_index(6), trial % 3 == 0 ? Index{3} : Index{1},
                                trial % 2 == 0};
    const Tree tree = random_tree(rng, shape);
    const Matrix X = random_rows(rng, 6, shape.n_features);
    INFO("trial " << trial << ": " << tree.node_count() << " nodes, " << shape.n_features
                  << " features");
    for (Index k = 0; k < shape.value_width; ++k) {
      Matrix expected(X.n_rows, shape.n_features + 1);
      for (Index i = 0; i < X.n_rows; ++i) expected.row(i) = brute_force_shap(tree, X, i, k);
      CHECK(largest_difference(fitkit::tree_shap(tree, X, k), expected) <= 1e-10);
      // All columns at once, block k.
      const Matrix all = fitkit::tree_contributions({&tree}, {1.0}, X);
      REQUIRE(all.n_cols == shape.value_width * (shape.n_features + 1));
      CHECK(largest_difference(all.cols(k * expected.n_cols, (k + 1) * expected.n_cols - 1),
                               expected) <= 1e-10);
    }
    // What the trials covered (counted, so that a generator that stopped repeating features
    // or drawing categories would show here).
    std::vector<int> seen(shape.n_features, 0);
    bool repeat = false;
    for (Index node = 0; node < tree.node_count(); ++node) {
      if (tree.is_leaf(node)) continue;
      repeat = repeat || ++seen[static_cast<Index>(tree.feature[node])] > 1;
      if (tree.category_offset[node] != Tree::kNotCategorical) ++categorical_trees;
    }
    if (repeat) ++trees_with_repeats;
  }
  CHECK(trees_with_repeats >= 100);
  CHECK(categorical_trees >= 50);
}

TEST_CASE("TreeSHAP on a tree worked by hand", "[tree_shap]") {
  // root: x0 <= 0 (cover 10) -> node 1: x1 <= 0 (cover 6) -> leaves 10 (cover 2) | 20 (cover 4)
  //                          -> leaf 30 (cover 4)
  Tree tree;
  tree.add_node(RowVector{0.0}, 10, 10.0, 0.0);
  const Index a = tree.add_node(RowVector{0.0}, 6, 6.0, 0.0);
  const Index b = tree.add_node(RowVector{30.0}, 4, 4.0, 0.0);
  tree.split(0, 0, 0.0, true, a, b);
  const Index a1 = tree.add_node(RowVector{10.0}, 2, 2.0, 0.0);
  const Index a2 = tree.add_node(RowVector{20.0}, 4, 4.0, 0.0);
  tree.split(a, 1, 0.0, false, a1, a2);
  tree.finish();
  // x = (-1, 1) reaches 20. v({}) = 0.6 (10/3 + 40/3) + 0.4 * 30 = 22, v({0}) = 50/3,
  // v({1}) = 0.6 * 20 + 0.4 * 30 = 24, v({0, 1}) = 20; so phi0 = ((50/3 - 22) + (20 - 24)) / 2
  // = -14/3 and phi1 = ((24 - 22) + (20 - 50/3)) / 2 = 8/3.
  // x = (NaN, NaN): missing goes left at the root, right at node 1: the same leaf, same values.
  const Matrix X = {{-1.0, 1.0}, {missing, missing}, {1.0, -5.0}};
  const Matrix phi = fitkit::tree_shap(tree, X, 0);
  const Matrix expected = {{-14.0 / 3, 8.0 / 3, 22.0},
                           {-14.0 / 3, 8.0 / 3, 22.0},
                           // x reaches 30: v({0}) = 30, v({1}) = 0.6 * 10 + 12 = 18, v({0,1}) = 30
                           // phi0 = ((30 - 22) + (30 - 18)) / 2 = 10, phi1 = ((18 - 22) + 0) / 2
                           {10.0, -2.0, 22.0}};
  CHECK(largest_difference(phi, expected) <= 1e-12);
  CHECK(fitkit::tree_expected_value(tree)(0) == Approx(22.0).epsilon(1e-15));
}

TEST_CASE("TreeSHAP: contributions and the expected value sum to the prediction", "[tree_shap]") {
  fitkit::Random rng(7);
  for (int trial = 0; trial < 40; ++trial) {
    const RandomTreeShape shape{6, 2, trial % 2 == 0};
    const Tree tree = random_tree(rng, shape);
    const Matrix X = random_rows(rng, 2000, shape.n_features);
    const Matrix predicted = tree.predict(X);
    const Matrix phi = fitkit::tree_contributions({&tree}, {1.0}, X);
    for (Index k = 0; k < 2; ++k) {
      const Vector sums = arma::sum(phi.cols(k * 7, k * 7 + 6), 1);
      CHECK(arma::abs(sums - predicted.col(k)).max() <= 1e-12);
    }
    // A feature the tree never splits on gets nothing.
    for (Index j = 0; j < shape.n_features; ++j)
      if (std::find(tree.feature.begin(), tree.feature.end(), static_cast<std::int32_t>(j)) ==
          tree.feature.end())
        CHECK(arma::all(phi.col(j) == 0.0));
  }
}

TEST_CASE("TreeSHAP: an ensemble's contributions are its trees' weighted sum", "[tree_shap]") {
  fitkit::Random rng(11);
  std::vector<Tree> trees;
  for (int t = 0; t < 12; ++t) trees.push_back(random_tree(rng, {5, 1, true}));
  std::vector<const Tree*> pointers;
  std::vector<double> weights;
  for (const Tree& tree : trees) {
    pointers.push_back(&tree);
    weights.push_back(0.1 + rng.uniform());
  }
  const Matrix X = random_rows(rng, 300, 5);
  const Matrix phi = fitkit::tree_contributions(pointers, weights, X, 0);
  Matrix sum(X.n_rows, 6, arma::fill::zeros);
  Vector predicted(X.n_rows, arma::fill::zeros);
  for (std::size_t t = 0; t < trees.size(); ++t) {
    sum += weights[t] * fitkit::tree_shap(trees[t], X, 0);
    predicted += weights[t] * trees[t].predict(X).col(0);
  }
  CHECK(largest_difference(phi, sum) <= 1e-12);
  CHECK(arma::abs(Vector(arma::sum(phi, 1)) - predicted).max() <= 1e-11);
}

TEST_CASE("TreeSHAP: a single leaf, and the same bits at one thread and at two",
          "[tree_shap][determinism]") {
  Tree leaf;
  leaf.add_node(RowVector{3.5, -1.0}, 4, 4.0, 0.0);
  leaf.finish();
  const Matrix X = {{1.0, 2.0}, {missing, 0.0}};
  const Matrix phi = fitkit::tree_contributions({&leaf}, {2.0}, X);
  const Matrix expected = {{0, 0, 7.0, 0, 0, -2.0}, {0, 0, 7.0, 0, 0, -2.0}};
  CHECK(largest_difference(phi, expected) == 0.0);

  fitkit::Random rng(3);
  std::vector<Tree> trees;
  for (int t = 0; t < 5; ++t) trees.push_back(random_tree(rng, {6, 3, true}));
  const std::vector<const Tree*> pointers = {&trees[0], &trees[1], &trees[2], &trees[3], &trees[4]};
  const std::vector<double> weights(5, 0.2);
  const Matrix rows = random_rows(rng, 1000, 6);
  const int threads = fitkit::get_num_threads();
  fitkit::detail::set_min_nanoseconds_per_thread(0);
  fitkit::set_num_threads(1);
  const Matrix one = fitkit::tree_contributions(pointers, weights, rows);
  fitkit::set_num_threads(2);
  const Matrix two = fitkit::tree_contributions(pointers, weights, rows);
  fitkit::set_num_threads(threads);
  fitkit::detail::set_min_nanoseconds_per_thread(fitkit::detail::kDefaultMinNanosecondsPerThread);
  CHECK(arma::approx_equal(one, two, "absdiff", 0.0));
}

TEST_CASE("TreeSHAP refuses a tree wider than X, a missing value column, unmatched weights",
          "[tree_shap]") {
  fitkit::Random rng(5);
  Tree tree;
  tree.add_node(RowVector{0.0}, 2, 2.0, 0.0);
  const Index l = tree.add_node(RowVector{1.0}, 1, 1.0, 0.0);
  const Index r = tree.add_node(RowVector{2.0}, 1, 1.0, 0.0);
  tree.split(0, 3, 0.5, false, l, r);
  tree.finish();
  const Matrix narrow(4, 3, arma::fill::zeros);
  CHECK_THROWS_AS(fitkit::tree_shap(tree, narrow, 0), fitkit::DimensionMismatch);
  const Matrix X(4, 4, arma::fill::zeros);
  CHECK_THROWS_AS(fitkit::tree_shap(tree, X, 1), fitkit::DimensionMismatch);
  CHECK_THROWS_AS(fitkit::tree_contributions({&tree}, {1.0, 2.0}, X, 0), fitkit::Error);
  CHECK(fitkit::tree_shap(tree, X, 0).n_rows == 4);
}

// ---- the `contributions` tag ------------------------------------------------------------------

namespace {

struct StumpParams {
  template <class V>
  void visit(V&&) {}
};

// A regression stump on feature 0 at its mean, the leaves the means of y either side: enough of
// a tree model to carry the `contributions` tag through the polymorphic face.
class Stump : public fitkit::EstimatorWithParams<Stump, StumpParams, fitkit::Regressor> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  fitkit::Tags tags() const override {
    fitkit::Tags tags = Regressor::tags();
    tags.contributions = true;
    return tags;
  }
  Vector predict(const Matrix& X) const override {
    check_predict_input(X);
    return tree_.predict(X).col(0);
  }
  Matrix contributions(const Matrix& X) const override {
    check_predict_input(X);
    return fitkit::tree_contributions({&tree_}, {1.0}, X, 0);
  }

  std::string type_name() const override { return "Stump"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override { out << "a stump\n"; }
  void write_payload(fitkit::detail::PayloadWriter&) const override {
    throw fitkit::Error("Stump is not saved");
  }
  void read_payload(fitkit::detail::PayloadReader&, std::uint32_t) override {
    throw fitkit::Error("Stump is not saved");
  }

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector&) override {
    const double threshold = arma::mean(X.col(0));
    const arma::uvec left = arma::find(X.col(0) <= threshold);
    const arma::uvec right = arma::find(X.col(0) > threshold);
    tree_ = Tree();
    tree_.add_node(RowVector{arma::mean(y)}, X.n_rows, X.n_rows, 0.0);
    const Index l = tree_.add_node(RowVector{arma::mean(y(left))}, left.n_elem, left.n_elem, 0.0);
    const Index r =
        tree_.add_node(RowVector{arma::mean(y(right))}, right.n_elem, right.n_elem, 0.0);
    tree_.split(0, 0, threshold, true, l, r);
    tree_.finish();
    set_n_features_in(X.n_cols);
  }

 private:
  Tree tree_;
};

}  // namespace

TEST_CASE("contributions: tagged estimators explain, the others refuse", "[tree_shap]") {
  fitkit::Random rng(9);
  Matrix X(40, 3);
  for (double& x : X) x = rng.uniform();
  const Vector y = 3 * X.col(0) + 0.1 * X.col(2);
  Stump stump;
  const fitkit::Estimator& model = stump;
  CHECK_THROWS_AS(model.contributions(X), fitkit::NotFitted);
  stump.fit(X, y);
  fitkit::test::check_contributions_honest(model, X);
  const Matrix phi = model.contributions(X);
  CHECK(phi.n_cols == 4);
  CHECK(arma::all(phi.col(1) == 0.0));  // features 1 and 2: never split on
  CHECK(arma::abs(phi.col(3) - arma::mean(y)).max() <= 1e-12);
  CHECK_THROWS_AS(model.contributions(X.cols(0, 1)), fitkit::DimensionMismatch);

  fitkit::Ridge ridge;
  ridge.fit(X, y);
  CHECK_FALSE(ridge.tags().contributions);
  CHECK_THROWS_WITH(ridge.contributions(X), "Ridge has no contributions");
  fitkit::test::check_contributions_honest(ridge, X);
}

TEST_CASE("cli: predict --contributions is refused where the tags do not offer it",
          "[cli][tree_shap]") {
  // The programs of tree models write the contributions (their own CLI tests show it); here,
  // the option's refusals, which every program shares.
  fitkit::test::ScratchDir dir;
  const std::string diabetes = fitkit::test::source_path("datasets/diabetes.csv");
  const std::string ridge = dir.file("ridge.bin");
  REQUIRE(fitkit::test::run(dir, "fitkit-ridge", {"fit", "--data", diabetes, "--model", ridge})
              .status == 0);
  for (const std::string program : {"fitkit-ridge", "fitkit"})
    fitkit::test::require_failure(
        fitkit::test::run(dir, program,
                          {"predict", "--model", ridge, "--data", diabetes, "--contributions"}),
        1, program, "Ridge has no contributions");
  fitkit::test::require_failure(fitkit::test::run(dir, "fitkit-ridge",
                                                  {"predict", "--model", ridge, "--data", diabetes,
                                                   "--contributions", "--decision"}),
                                2, "fitkit-ridge", "cannot be used together");
}
