// CART on binned features (src/tree/binned_cart.hpp) against the exact builder build_cart,
// itself verified node for node against scikit-learn (test_decision_tree.cpp): on features
// with at most max_bins distinct float32-exact values, integer targets and integer weights
// (bootstrap counts, zeros included) the two trees are the same node for node, for every
// criterion, option and missing-value or categorical case; on features with more distinct
// values than bins, the tree splits on bin thresholds and routes rows as their bins do.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <string>

#include "ensemble/hgb_binning.hpp"
#include "fitkit/core/random.hpp"
#include "fitkit/io/csv.hpp"
#include "support.hpp"
#include "tree/binned_cart.hpp"

using fitkit::Index;
using fitkit::Matrix;
using fitkit::Tree;
using fitkit::Vector;
using fitkit::detail::CartCriterion;
using fitkit::detail::CartOptions;
namespace hgb = fitkit::detail::hgb;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const std::map<std::string, std::string> kTargets = {{"iris", "species"},
                                                     {"wine", "cultivar"},
                                                     {"breast_cancer", "diagnosis"},
                                                     {"diabetes", "progression"}};

fitkit::Dataset bundled(const std::string& name) {
  fitkit::io::CsvOptions options;
  options.target = kTargets.at(name);
  return fitkit::io::read_csv(fitkit::test::source_path("datasets/" + name + ".csv"), options);
}

// Text labels are indices into class_names; wine's are the numbers 0, 1, 2.
Index n_classes_of(const fitkit::Dataset& data) {
  return data.class_names.empty() ? static_cast<Index>(data.y.max()) + 1
                                  : static_cast<Index>(data.class_names.size());
}

// Each column mapped onto the integers 0..levels by its range: few distinct, float32-exact
// values.
Matrix to_levels(const Matrix& X, double levels) {
  Matrix out(X.n_rows, X.n_cols);
  for (Index f = 0; f < X.n_cols; ++f) {
    const double lo = X.col(f).min(), hi = X.col(f).max();
    for (Index i = 0; i < X.n_rows; ++i)
      out(i, f) = hi > lo ? std::round((X(i, f) - lo) / (hi - lo) * levels) : 0.0;
  }
  return out;
}

// Bootstrap counts: n draws with replacement.
Vector bootstrap_counts(Index n, std::uint64_t seed) {
  fitkit::Random rng(seed);
  Vector w(n, arma::fill::zeros);
  for (Index k = 0; k < n; ++k) w(rng.uniform_index(n)) += 1;
  return w;
}

struct Problem {
  Matrix X;
  Vector y, w;
  Index n_classes = 0;
  std::vector<std::uint8_t> categorical;  // per feature
};

struct Fitted {
  Tree binned, exact;
  hgb::BinMapper mapper;
  hgb::BinnedData bins;
};

Fitted fit_both(const Problem& p, const CartOptions& options, std::uint64_t seed,
                int max_bins = 255) {
  const Index n = p.X.n_rows, n_features = p.X.n_cols;
  std::vector<Index> rows(n);
  for (Index i = 0; i < n; ++i) rows[i] = i;
  std::vector<std::uint8_t> categorical = p.categorical;
  categorical.resize(n_features, 0);
  std::vector<std::vector<double>> known(n_features);
  for (Index f = 0; f < n_features; ++f) {
    if (categorical[f] == 0) continue;
    for (Index i = 0; i < n; ++i)
      if (!std::isnan(p.X(i, f))) known[f].push_back(p.X(i, f));
    std::sort(known[f].begin(), known[f].end());
    known[f].erase(std::unique(known[f].begin(), known[f].end()), known[f].end());
  }
  Fitted out;
  out.mapper = hgb::fit_bin_mapper(p.X, {}, max_bins, categorical, known, 0);
  out.bins = hgb::bin_data(out.mapper, p.X, {});
  const double* weights = p.w.is_empty() ? nullptr : p.w.memptr();
  const fitkit::detail::BinnedCartInput binned_in{&out.bins, &out.mapper, p.y.memptr(), p.n_classes,
                                                  weights};
  const std::uint32_t state = fitkit::detail::sklearn_rand_r_seed(seed);
  out.binned = fitkit::detail::build_binned_cart(binned_in, rows, options, state);
  const arma::fmat X32 = arma::conv_to<arma::fmat>::from(p.X);
  fitkit::detail::CartInput exact_in{X32.memptr(), n,       n_features, p.y.memptr(),
                                     p.n_classes,  weights, categorical};
  out.exact = fitkit::detail::build_cart(exact_in, rows, options, state);
  return out;
}

// Node for node: structure, features, sample counts, weights and values exactly, impurities
// to 1e-12 (poisson's losses are summed in the rows' order, which the builders keep
// differently). The exact builder's threshold is the midpoint of the node's two values around
// the cut, the binned one the upper edge of the lower value's bin: the same side for every
// training row of the node.
void require_same_tree(const Fitted& fitted, const Problem& p) {
  const Tree& b = fitted.binned;
  const Tree& e = fitted.exact;
  REQUIRE(b.node_count() == e.node_count());
  REQUIRE(b.node_count() > 1);
  const arma::umat path = e.decision_path(p.X);
  for (Index node = 0; node < e.node_count(); ++node) {
    INFO("node " << node);
    REQUIRE(b.children_left[node] == e.children_left[node]);
    REQUIRE(b.children_right[node] == e.children_right[node]);
    REQUIRE(b.feature[node] == e.feature[node]);
    CHECK(b.n_node_samples[node] == e.n_node_samples[node]);
    CHECK(b.weighted_n_node_samples[node] == e.weighted_n_node_samples[node]);
    CHECK(b.impurity[node] == Approx(e.impurity[node]).epsilon(1e-12).margin(1e-14));
    for (Index c = 0; c < e.value.n_cols; ++c) CHECK(b.value(node, c) == e.value(node, c));
    if (e.is_leaf(node)) {
      CHECK(b.threshold[node] == e.threshold[node]);
      continue;
    }
    CHECK(b.missing_go_to_left[node] == e.missing_go_to_left[node]);
    REQUIRE(b.category_offset[node] == e.category_offset[node]);
    if (e.category_offset[node] != Tree::kNotCategorical) {
      for (int word = 0; word < Tree::kCategoryWords; ++word)
        CHECK(b.category_bits[b.category_offset[node] + word] ==
              e.category_bits[e.category_offset[node] + word]);
      continue;
    }
    const auto f = static_cast<Index>(e.feature[node]);
    if (std::isinf(e.threshold[node])) {
      CHECK(b.threshold[node] == e.threshold[node]);
      continue;
    }
    double below = -std::numeric_limits<double>::infinity();  // the node's value left of the cut
    for (Index i = 0; i < p.X.n_rows; ++i)
      if (path(i, node) != 0 && (p.w.is_empty() || p.w(i) > 0) && p.X(i, f) <= e.threshold[node])
        below = std::max(below, p.X(i, f));
    REQUIRE(std::isfinite(below));
    CHECK(b.threshold[node] == fitted.mapper.thresholds[f][fitted.mapper.bin_of(f, below)]);
  }
  for (Index i = 0; i < p.X.n_rows; ++i)
    if (p.w.is_empty() || p.w(i) > 0) REQUIRE(b.leaf_of(p.X, i) == e.leaf_of(p.X, i));
}

Problem classification(const std::string& name, double levels, std::uint64_t seed) {
  const fitkit::Dataset data = bundled(name);
  Problem p;
  p.X = name == "iris" ? Matrix(arma::round(data.X * 10)) : to_levels(data.X, levels);
  p.y = data.y;
  p.w = bootstrap_counts(p.X.n_rows, seed);
  p.n_classes = n_classes_of(data);
  return p;
}

Problem regression(double levels, std::uint64_t seed) {
  const fitkit::Dataset data = bundled("diabetes");
  Problem p;
  p.X = to_levels(data.X, levels);
  p.y = data.y;
  p.w = bootstrap_counts(p.X.n_rows, seed);
  return p;
}

// NaN in every 7th row of feature 0 and every 5th of feature 2.
void add_missing(Problem& p) {
  for (Index i = 0; i < p.X.n_rows; i += 7) p.X(i, 0) = kNaN;
  for (Index i = 3; i < p.X.n_rows; i += 5) p.X(i, 2) = kNaN;
}

// Feature 1 becomes a categorical one: codes 0..n_codes-1 of its levels, in a scrambled order
// (so that the category order differs from the numeric one).
void add_categorical(Problem& p, Index n_codes) {
  const double lo = p.X.col(1).min(), hi = p.X.col(1).max();
  for (Index i = 0; i < p.X.n_rows; ++i) {
    const auto level = static_cast<Index>(std::floor((p.X(i, 1) - lo) / (hi - lo + 1) * n_codes));
    p.X(i, 1) = static_cast<double>((level * 5 + 3) % n_codes);
  }
  p.categorical.assign(p.X.n_cols, 0);
  p.categorical[1] = 1;
}

CartOptions options_for(CartCriterion criterion, Index max_features) {
  CartOptions options;
  options.criterion = criterion;
  options.max_features = max_features;
  return options;
}

// The option variations every case runs through.
std::vector<CartOptions> variations(CartCriterion criterion, Index n_features) {
  std::vector<CartOptions> all;
  all.push_back(options_for(criterion, n_features));
  all.push_back(options_for(criterion, std::max<Index>(1, n_features / 3)));
  CartOptions o = options_for(criterion, n_features);
  o.max_depth = 3;
  all.push_back(o);
  o = options_for(criterion, 2);
  o.min_samples_leaf = 4;
  o.min_samples_split = 9;
  all.push_back(o);
  o = options_for(criterion, n_features);
  o.min_weight_leaf = 5;
  all.push_back(o);
  o = options_for(criterion, n_features);
  o.min_impurity_decrease =
      criterion == CartCriterion::squared_error || criterion == CartCriterion::friedman_mse ? 20.0
                                                                                            : 0.01;
  all.push_back(o);
  o = options_for(criterion, 2);
  o.max_leaf_nodes = 9;
  all.push_back(o);
  o = options_for(criterion, n_features);
  o.max_leaf_nodes = 1000;
  o.min_samples_leaf = 2;
  all.push_back(o);
  return all;
}

void check_variations(const Problem& p, CartCriterion criterion) {
  const std::vector<CartOptions> all = variations(criterion, p.X.n_cols);
  for (std::size_t v = 0; v < all.size(); ++v)
    for (std::uint64_t seed : {0, 7}) {
      INFO("criterion " << static_cast<int>(criterion) << " variation " << v << " seed " << seed);
      require_same_tree(fit_both(p, all[v], seed), p);
    }
}

}  // namespace

TEST_CASE("binned CART equals exact CART on few distinct values: classification", "[binned_cart]") {
  const auto criterion = GENERATE(CartCriterion::gini, CartCriterion::entropy);
  SECTION("iris x 10") {
    check_variations(classification("iris", 0, 1), criterion);
  }
  SECTION("wine, 3 classes") {
    check_variations(classification("wine", 40, 2), criterion);
  }
  SECTION("breast cancer with missing values") {
    Problem p = classification("breast_cancer", 100, 3);
    add_missing(p);
    check_variations(p, criterion);
  }
  SECTION("breast cancer with a categorical feature (2 classes) and missing values") {
    Problem p = classification("breast_cancer", 60, 4);
    add_categorical(p, 12);
    add_missing(p);
    check_variations(p, criterion);
  }
  SECTION("unit weights") {
    Problem p = classification("wine", 200, 5);
    p.w.reset();
    check_variations(p, criterion);
  }
}

TEST_CASE("binned CART equals exact CART on few distinct values: regression", "[binned_cart]") {
  const auto criterion =
      GENERATE(CartCriterion::squared_error, CartCriterion::friedman_mse, CartCriterion::poisson);
  SECTION("diabetes") {
    check_variations(regression(30, 1), criterion);
  }
  SECTION("diabetes, 200 levels, unit weights") {
    Problem p = regression(200, 2);
    p.w.reset();
    check_variations(p, criterion);
  }
  SECTION("diabetes with missing values") {
    Problem p = regression(50, 3);
    add_missing(p);
    check_variations(p, criterion);
  }
  SECTION("diabetes with a categorical feature and missing values") {
    Problem p = regression(50, 4);
    add_categorical(p, 9);
    add_missing(p);
    check_variations(p, criterion);
  }
}

TEST_CASE("binned CART splits on bin thresholds where there are more values than bins",
          "[binned_cart]") {
  const bool regression_case = GENERATE(false, true);
  const fitkit::Dataset data = bundled(regression_case ? "diabetes" : "breast_cancer");
  Problem p;
  p.X = data.X;
  p.y = data.y;
  p.w = bootstrap_counts(p.X.n_rows, 11);
  p.n_classes = regression_case ? 0 : n_classes_of(data);
  add_missing(p);
  const CartOptions options = options_for(
      regression_case ? CartCriterion::squared_error : CartCriterion::gini, p.X.n_cols / 2);
  const Fitted fitted = fit_both(p, options, 3, 16);
  const Tree& tree = fitted.binned;
  REQUIRE(tree.node_count() > 20);
  // The bin each split cuts after, per node.
  std::vector<Index> last_left_bin(tree.node_count(), 0);
  for (Index node = 0; node < tree.node_count(); ++node) {
    if (tree.is_leaf(node)) continue;
    const std::vector<double>& t = fitted.mapper.thresholds[tree.feature[node]];
    if (std::isinf(tree.threshold[node])) {
      last_left_bin[node] = 255;
      continue;
    }
    const auto it = std::find(t.begin(), t.end(), tree.threshold[node]);
    REQUIRE(it != t.end());
    last_left_bin[node] = static_cast<Index>(it - t.begin());
  }
  Vector leaf_weight(tree.node_count(), arma::fill::zeros);
  for (Index i = 0; i < p.X.n_rows; ++i) {
    Index node = 0;
    while (!tree.is_leaf(node)) {
      const auto f = static_cast<Index>(tree.feature[node]);
      const hgb::Bin bin = fitted.bins.column(f)[i];
      const bool left = bin == fitted.mapper.missing_bin() ? tree.missing_go_to_left[node] != 0
                                                           : bin <= last_left_bin[node];
      node = static_cast<Index>(left ? tree.children_left[node] : tree.children_right[node]);
    }
    REQUIRE(node == tree.leaf_of(p.X, i));
    leaf_weight(node) += p.w(i);
  }
  for (Index node = 0; node < tree.node_count(); ++node)
    if (tree.is_leaf(node)) CHECK(leaf_weight(node) == tree.weighted_n_node_samples[node]);
}

TEST_CASE("binned CART refuses what it does not support", "[binned_cart]") {
  Problem p = regression(30, 1);
  CartOptions options = options_for(CartCriterion::absolute_error, p.X.n_cols);
  CHECK_THROWS_AS(fit_both(p, options, 0), std::invalid_argument);
  options = options_for(CartCriterion::squared_error, p.X.n_cols);
  options.random_splitter = true;
  CHECK_THROWS_AS(fit_both(p, options, 0), std::invalid_argument);
}
