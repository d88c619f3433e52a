// DecisionTreeClassifier and DecisionTreeRegressor against scikit-learn 1.2 fixtures made by
// tests/reference/make_decision_tree.py (the whole tree: structure, features and thresholds
// exactly, impurities, weights, values and importances to 1e-12), missing values against
// constructions that must give the same splits, export, save/load and the bad inputs.

#include <catch2/catch.hpp>
#include <cmath>
#include <limits>
#include <map>
#include <string>

#include "bundled_data.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/model/model_io.hpp"
#include "fitkit/tree/decision_tree_classifier.hpp"
#include "fitkit/tree/decision_tree_regressor.hpp"
#include "fitkit/tree/tree_export.hpp"
#include "support.hpp"

using fitkit::DecisionTreeClassifier;
using fitkit::DecisionTreeRegressor;
using fitkit::Index;
using fitkit::Labels;
using fitkit::Matrix;
using fitkit::Tree;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

// The fitted tree against the fixture's node arrays: structure, features, thresholds and
// sample counts exactly; impurities, weights and values to 1e-12.
void check_tree(const Tree& t, const std::string& dir) {
  const Matrix nodes = reference_matrix(dir + "/tree.csv");
  const Matrix value = reference_matrix(dir + "/value.csv");
  REQUIRE(t.node_count() == nodes.n_rows);
  for (Index i = 0; i < nodes.n_rows; ++i) {
    INFO("node " << i);
    REQUIRE(t.children_left[i] == static_cast<std::int32_t>(nodes(i, 0)));
    REQUIRE(t.children_right[i] == static_cast<std::int32_t>(nodes(i, 1)));
    REQUIRE(t.feature[i] == static_cast<std::int32_t>(nodes(i, 2)));
    CHECK(t.threshold[i] == nodes(i, 3));
    CHECK(t.impurity[i] == Approx(nodes(i, 4)).epsilon(1e-12).margin(1e-12));
    CHECK(t.n_node_samples[i] == static_cast<std::int64_t>(nodes(i, 5)));
    CHECK(t.weighted_n_node_samples[i] == Approx(nodes(i, 6)).epsilon(1e-12));
  }
  const Matrix v = value.n_cols == 1 && t.value.n_cols == 1 ? value : value;
  REQUIRE(t.value.n_cols == v.n_cols);
  CHECK(arma::approx_equal(t.value, v, "reldiff", 1e-12));
}

// The sample weights of a case, as make_decision_tree.py's WEIGHTS.
enum class Weights { none, rows, bootstrap };

struct Case {
  std::string name, data;
  std::map<std::string, std::string> params;
  Weights weights = Weights::none;
};

void check_classifier_case(const Case& c) {
  INFO("case " << c.name);
  const auto data = bundled(c.data);
  DecisionTreeClassifier clf;
  for (const auto& [k, v] : c.params) clf.set_param(k, v);
  const Labels y = arma::conv_to<Labels>::from(data.y);
  if (c.weights == Weights::rows)
    clf.fit(data.X, y, row_weights(data.X.n_rows));
  else
    clf.fit(data.X, y);
  const std::string dir = "decision_tree/" + c.name;
  check_tree(clf.tree(), dir);
  const Vector expected = reference_vector(dir + "/predict.csv");
  const Labels predicted = clf.predict(data.X);
  for (Index i = 0; i < predicted.n_elem; ++i)
    REQUIRE(predicted(i) == clf.classes()(static_cast<Index>(expected(i))));
  CHECK(arma::approx_equal(clf.feature_importances(), reference_vector(dir + "/importances.csv"),
                           "absdiff", 1e-12));
  CHECK(clf.get_n_leaves() == clf.tree().n_leaves());
}

void check_regressor_case(const Case& c) {
  INFO("case " << c.name);
  const auto data = bundled(c.data);
  DecisionTreeRegressor reg;
  for (const auto& [k, v] : c.params) reg.set_param(k, v);
  const std::string dir = "decision_tree/" + c.name;
  if (c.weights == Weights::rows)
    reg.fit(data.X, data.y, row_weights(data.X.n_rows));
  else if (c.weights == Weights::bootstrap)
    reg.fit(data.X, data.y, reference_vector(dir + "/weights.csv"));
  else
    reg.fit(data.X, data.y);
  check_tree(reg.tree(), dir);
  CHECK(relative_error(reg.predict(data.X), reference_vector(dir + "/predict.csv")) < 1e-12);
  CHECK(arma::approx_equal(reg.feature_importances(), reference_vector(dir + "/importances.csv"),
                           "absdiff", 1e-12));
}

}  // namespace

TEST_CASE("DecisionTreeClassifier is scikit-learn's tree on iris, wine and breast_cancer",
          "[decision_tree][reference]") {
  const std::vector<Case> cases = {
      {"iris_gini", "iris", {}},
      {"iris_entropy", "iris", {{"criterion", "entropy"}}},
      {"wine_gini", "wine", {}},
      {"wine_entropy", "wine", {{"criterion", "entropy"}}},
      {"wine_log_loss", "wine", {{"criterion", "log_loss"}}},
      {"breast_cancer_gini", "breast_cancer", {}},
      {"breast_cancer_entropy", "breast_cancer", {{"criterion", "entropy"}}},
  };
  for (const Case& c : cases) check_classifier_case(c);
}

TEST_CASE(
    "DecisionTreeClassifier matches scikit-learn's pruning, best-first growth, drawn "
    "features, random splits, weights and limits",
    "[decision_tree][reference]") {
  const std::vector<Case> cases = {
      {"breast_cancer_ccp", "breast_cancer", {{"ccp_alpha", "0.005"}}},
      {"breast_cancer_leaves", "breast_cancer", {{"max_leaf_nodes", "8"}}},
      {"breast_cancer_sqrt", "breast_cancer", {{"max_features", "sqrt"}, {"seed", "3"}}},
      {"wine_balanced_weighted", "wine", {{"class_weight", "balanced"}}, Weights::rows},
      {"iris_random", "iris", {{"splitter", "random"}, {"seed", "1"}}},
      {"iris_limits",
       "iris",
       {{"max_depth", "3"},
        {"min_samples_leaf", "4"},
        {"min_samples_split", "10"},
        {"min_weight_fraction_leaf", "0.02"},
        {"min_impurity_decrease", "0.01"}}},
  };
  for (const Case& c : cases) check_classifier_case(c);
}

TEST_CASE("DecisionTreeRegressor is scikit-learn's tree on diabetes, every criterion",
          "[decision_tree][reference]") {
  const std::vector<Case> cases = {
      {"diabetes_squared_error", "diabetes", {}},
      {"diabetes_friedman_mse",
       "diabetes",
       {{"criterion", "friedman_mse"}, {"min_samples_leaf", "4"}}},
      {"diabetes_absolute_error",
       "diabetes",
       {{"criterion", "absolute_error"}, {"min_samples_leaf", "6"}}},
      {"diabetes_poisson", "diabetes", {{"criterion", "poisson"}, {"min_samples_leaf", "4"}}},
  };
  for (const Case& c : cases) check_regressor_case(c);
}

TEST_CASE(
    "DecisionTreeRegressor matches scikit-learn's pruning, best-first growth, weights "
    "and random splits",
    "[decision_tree][reference]") {
  const std::vector<Case> cases = {
      {"diabetes_weighted", "diabetes", {{"min_samples_leaf", "5"}}, Weights::rows},
      {"diabetes_ccp", "diabetes", {{"ccp_alpha", "20"}}},
      {"diabetes_leaves", "diabetes", {{"max_leaf_nodes", "30"}}},
      {"diabetes_random",
       "diabetes",
       {{"splitter", "random"}, {"max_features", "0.5"}, {"seed", "7"}, {"min_samples_leaf", "5"}}},
  };
  for (const Case& c : cases) check_regressor_case(c);
}

// scikit-learn's absolute_error medians drift from the exact weighted median under non-unit
// weights (src/tree/cart_weighted_median.hpp); unit weights cannot show it.
TEST_CASE("DecisionTreeRegressor absolute_error is scikit-learn's tree under sample weights",
          "[decision_tree][reference]") {
  const std::vector<Case> cases = {
      {"diabetes_absolute_error_weighted",
       "diabetes",
       {{"criterion", "absolute_error"}, {"max_depth", "5"}},
       Weights::rows},
      {"diabetes_absolute_error_weighted_leaf",
       "diabetes",
       {{"criterion", "absolute_error"}, {"min_samples_leaf", "3"}, {"max_depth", "8"}},
       Weights::rows},
      {"diabetes_absolute_error_bootstrap",
       "diabetes",
       {{"criterion", "absolute_error"}, {"min_samples_leaf", "2"}},
       Weights::bootstrap},
  };
  for (const Case& c : cases) check_regressor_case(c);
}

TEST_CASE("DecisionTree export_text prints scikit-learn's text", "[decision_tree][reference]") {
  const auto data = bundled("iris");
  DecisionTreeClassifier clf;
  clf.fit(data.X, arma::conv_to<Labels>::from(data.y));
  fitkit::TreeExportOptions options;
  options.feature_names = data.feature_names;
  options.class_names = data.class_names;
  CHECK(fitkit::export_text(clf.tree(), options) ==
        read_file(source_path("tests/reference/decision_tree/iris_export.txt")));
  options.impurity_name = "gini";
  const std::string dot = fitkit::export_graphviz(clf.tree(), options);
  CHECK(dot.rfind("digraph Tree {", 0) == 0);
  CHECK(dot.find("0 [label=\"petal_width <= 0.8\\ngini = 0.667\\nsamples = 150\\nvalue = "
                 "[50, 50, 50]\\nclass = setosa\"] ;") != std::string::npos);
  CHECK(dot.find("0 -> 1 [labeldistance=2.5, labelangle=45, headlabel=\"True\"] ;") !=
        std::string::npos);
}

TEST_CASE("DecisionTree missing values: the split of a stand-in value where that side wins",
          "[decision_tree]") {
  // breast_cancer with the largest (then the smallest) values of two informative columns
  // missing: a stand-in above (below) every value puts those rows where NaN may go, so a tree
  // that sends NaN to the better side grows the same partitions, and predicts alike.
  const auto data = bundled("breast_cancer");
  const Labels y = arma::conv_to<Labels>::from(data.y);
  for (const double stand_in : {1e30, -1e30}) {
    INFO("stand-in " << stand_in);
    Matrix with_nan = data.X, with_stand_in = data.X;
    for (const Index j : {Index{22}, Index{27}}) {
      const arma::uvec order = arma::sort_index(data.X.col(j), stand_in > 0 ? "descend" : "ascend");
      for (Index k = 0; k < 60; ++k) {
        with_nan(order(k), j) = arma::datum::nan;
        with_stand_in(order(k), j) = stand_in;
      }
    }
    DecisionTreeClassifier a({.max_depth = 4}), b({.max_depth = 4});
    a.fit(with_nan, y);
    b.fit(with_stand_in, y);
    const Tree &ta = a.tree(), &tb = b.tree();
    REQUIRE(ta.node_count() == tb.node_count());
    for (Index i = 0; i < ta.node_count(); ++i) {
      CHECK(ta.feature[i] == tb.feature[i]);
      CHECK(ta.n_node_samples[i] == tb.n_node_samples[i]);
      CHECK(ta.impurity[i] == Approx(tb.impurity[i]).margin(1e-15));
    }
    CHECK(arma::all(a.predict(with_nan) == b.predict(with_stand_in)));
    CHECK(arma::all(a.apply(with_nan) == b.apply(with_stand_in)));
  }
}

TEST_CASE(
    "DecisionTree missing values: all-missing columns are never split on, unseen NaN "
    "follows the larger child",
    "[decision_tree]") {
  const auto data = bundled("iris");
  const Labels y = arma::conv_to<Labels>::from(data.y);
  Matrix X = data.X;
  X.col(2).fill(arma::datum::nan);
  DecisionTreeClassifier clf;
  clf.fit(X, y);
  for (Index i = 0; i < clf.tree().node_count(); ++i) CHECK(clf.tree().feature[i] != 2);
  // Column 3 had no NaN in training: a NaN there goes to the child with more rows.
  const Tree& t = clf.tree();
  REQUIRE(!t.is_leaf(0));
  Matrix row = X.row(0);
  row(0, static_cast<Index>(t.feature[0])) = arma::datum::nan;
  const auto left = static_cast<Index>(t.children_left[0]);
  const auto right = static_cast<Index>(t.children_right[0]);
  const Index larger = t.n_node_samples[left] > t.n_node_samples[right] ? left : right;
  CHECK(arma::as_scalar(clf.decision_path(row).col(larger)) == 1);
  DecisionTreeRegressor reg({.criterion = fitkit::TreeRegressionCriterion::absolute_error});
  CHECK_THROWS_AS(reg.fit(X, data.y), fitkit::InvalidParameter);
}

namespace {

// Every leaf the predictor finds for rows exactly at a node's float threshold, one float above
// it, and NaN (nodes that send missing values either way) is the leaf Tree::leaf_of finds.
void check_walks_as_tree_rule(const Matrix& X, const Labels& y) {
  Matrix with_missing = X;
  for (Index i = 0; i < X.n_rows; i += 7) with_missing(i, i % X.n_cols) = arma::datum::nan;
  DecisionTreeClassifier clf;
  clf.fit(with_missing, y);
  const Tree& t = clf.tree();
  const Matrix base = arma::conv_to<Matrix>::from(arma::conv_to<arma::fmat>::from(X));
  Index missing_left = 0, missing_right = 0, n_queries = 0;
  const Index stride = base.n_rows / 10;
  Matrix queries(t.node_count() * 3 * ((base.n_rows + stride - 1) / stride), X.n_cols);
  for (Index node = 0; node < t.node_count(); ++node) {
    if (t.is_leaf(node)) continue;
    (t.missing_go_to_left[node] != 0 ? missing_left : missing_right) += 1;
    const auto f = static_cast<Index>(t.feature[node]);
    float at = static_cast<float>(t.threshold[node]);
    if (static_cast<double>(at) > t.threshold[node])
      at = std::nextafter(at, -std::numeric_limits<float>::infinity());
    const double values[] = {at, std::nextafter(at, std::numeric_limits<float>::infinity()),
                             arma::datum::nan};
    for (Index i = 0; i < base.n_rows; i += stride)
      for (const double v : values) {
        if (std::isinf(v)) continue;  // a split of missing values from the rest: threshold inf
        queries.row(n_queries) = base.row(i);
        queries(n_queries++, f) = v;
      }
  }
  REQUIRE(missing_left > 0);
  REQUIRE(missing_right > 0);
  queries.resize(n_queries, X.n_cols);
  const arma::uvec leaves = clf.apply(queries);
  for (Index i = 0; i < queries.n_rows; ++i) CHECK(leaves(i) == t.leaf_of(queries, i));
}

}  // namespace

TEST_CASE("DecisionTree prediction walks as the tree's own rule at every threshold and NaN",
          "[decision_tree]") {
  // The predictor has two layouts (see forest_predictor.hpp): iris's tree has few thresholds per
  // feature, so that rows are walked as ranks among them (ranked_forest.hpp); a tree grown on
  // noise has more than 254 on a feature, so that rows are walked as float32 (x, -x) pairs.
  SECTION("ranks") {
    const auto data = bundled("iris");
    check_walks_as_tree_rule(data.X, arma::conv_to<Labels>::from(data.y));
  }
  SECTION("float32 pairs") {
    arma::arma_rng::set_seed(3);
    const Matrix X = arma::randu<Matrix>(1500, 2);
    const Labels y =
        arma::conv_to<Labels>::from(arma::randi<arma::uvec>(1500, arma::distr_param(0, 1)));
    check_walks_as_tree_rule(X, y);
  }
  SECTION("float32 pairs: a split on feature 32,767 or beyond") {
    // A node's slot in the ranked layout is 16 bits: such a tree is walked as float32 pairs.
    Matrix X(60, 40000, arma::fill::zeros);
    Labels y(60);
    for (Index i = 0; i < 60; ++i) {
      X(i, 39999) = static_cast<double>(i);
      y(i) = i % 20 < 10 ? 0 : 1;
    }
    DecisionTreeClassifier clf;
    clf.fit(X, y);
    REQUIRE(clf.tree().feature[0] == 39999);
    const arma::uvec leaves = clf.apply(X);
    for (Index i = 0; i < X.n_rows; ++i) CHECK(leaves(i) == clf.tree().leaf_of(X, i));
    CHECK(arma::all(clf.predict(X) == y));
  }
}

TEST_CASE("DecisionTree save and load give identical outputs in both formats", "[decision_tree]") {
  const auto data = bundled("wine");
  const Labels y = arma::conv_to<Labels>::from(data.y);
  Matrix X = data.X;
  X(5, 3) = arma::datum::nan;
  DecisionTreeClassifier clf({.max_depth = 5});
  clf.fit(X, y);
  DecisionTreeRegressor reg({.criterion = fitkit::TreeRegressionCriterion::poisson});
  reg.fit(X, arma::conv_to<Vector>::from(y) + 1.0);
  ScratchDir dir;
  for (const std::string name : {"m.bin", "m.json"}) {
    fitkit::save(clf, dir.file("c" + name));
    const auto c = fitkit::load<DecisionTreeClassifier>(dir.file("c" + name));
    CHECK(arma::approx_equal(c.predict_proba(X), clf.predict_proba(X), "absdiff", 0.0));
    CHECK(arma::all(c.apply(X) == clf.apply(X)));
    CHECK(arma::approx_equal(c.feature_importances(), clf.feature_importances(), "absdiff", 0.0));
    CHECK(c.get_params() == clf.get_params());
    fitkit::save(reg, dir.file("r" + name));
    const auto r = fitkit::load<DecisionTreeRegressor>(dir.file("r" + name));
    CHECK(arma::approx_equal(r.predict(X), reg.predict(X), "absdiff", 0.0));
  }
}

TEST_CASE("DecisionTree: the same seed gives the same tree, another seed another one",
          "[decision_tree]") {
  const auto data = bundled("breast_cancer");
  const Labels y = arma::conv_to<Labels>::from(data.y);
  auto tree_with = [&](std::uint64_t seed) {
    DecisionTreeClassifier clf({.max_features = fitkit::MaxFeaturesKeyword::sqrt, .seed = seed});
    clf.fit(data.X, y);
    return clf.tree();
  };
  const Tree a = tree_with(5), b = tree_with(5), c = tree_with(6);
  CHECK(a.feature == b.feature);
  CHECK(a.threshold == b.threshold);
  CHECK(a.feature != c.feature);
}

TEST_CASE("DecisionTree refuses bad inputs with clear errors", "[decision_tree]") {
  const auto data = bundled("iris");
  const Labels y = arma::conv_to<Labels>::from(data.y);
  DecisionTreeClassifier clf;
  CHECK_THROWS_AS(clf.set_param("max_depth", "0"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(clf.set_param("min_samples_leaf", "0"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(clf.set_param("min_samples_split", "1"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(clf.set_param("min_weight_fraction_leaf", "0.6"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(clf.set_param("max_features", "0"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(clf.set_param("max_leaf_nodes", "1"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(clf.set_param("ccp_alpha", "-0.1"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(clf.set_param("criterion", "poisson"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(DecisionTreeClassifier({.max_depth = 0}).fit(data.X, y),
                  fitkit::InvalidParameter);
  CHECK_THROWS_AS(DecisionTreeClassifier({.min_samples_leaf = 0}).fit(data.X, y),
                  fitkit::InvalidParameter);
  CHECK_THROWS_WITH(DecisionTreeClassifier({.max_features = std::int64_t{5}}).fit(data.X, y),
                    Catch::Matchers::Contains("max_features"));
  CHECK_THROWS_AS(DecisionTreeClassifier({.max_features = 1.5}).fit(data.X, y),
                  fitkit::InvalidParameter);
  CHECK_THROWS_AS(clf.fit(Matrix(0, 4), Labels()), fitkit::DataError);
  CHECK_THROWS_AS(clf.fit(data.X, Labels(y.head(10))), fitkit::DimensionMismatch);
  CHECK_THROWS_WITH(clf.fit(data.X, Labels(data.X.n_rows, arma::fill::ones)),
                    Catch::Matchers::Contains("two classes"));
  Matrix inf = data.X;
  inf(4, 1) = arma::datum::inf;
  CHECK_THROWS_WITH(clf.fit(inf, y), Catch::Matchers::Contains("infinite value"));
  CHECK_THROWS_AS(clf.predict(data.X), fitkit::NotFitted);
  CHECK_THROWS_AS(clf.tree(), fitkit::NotFitted);
  clf.fit(data.X, y);
  CHECK_THROWS_AS(clf.predict(Matrix(data.X.cols(0, 2))), fitkit::DimensionMismatch);
  CHECK_THROWS_AS(clf.predict(inf), fitkit::DataError);
  // Constant and duplicated columns fit (a constant column is never split on).
  Matrix constant = arma::join_rows(data.X, Matrix(data.X.n_rows, 1, arma::fill::ones), data.X);
  clf.fit(constant, y);
  for (Index i = 0; i < clf.tree().node_count(); ++i) CHECK(clf.tree().feature[i] != 4);
  DecisionTreeRegressor poisson({.criterion = fitkit::TreeRegressionCriterion::poisson});
  Vector negative = data.y;
  negative(0) = -1;
  CHECK_THROWS_WITH(poisson.fit(data.X, negative), Catch::Matchers::Contains("y >= 0"));
  // One row: a single leaf.
  DecisionTreeRegressor one;
  one.fit(Matrix(data.X.row(0)), Vector{3.5});
  CHECK(one.get_n_leaves() == 1);
  CHECK(one.predict(data.X)(7) == 3.5);
}

namespace {

// Column 0: a category code 0..5 (row i: i mod 6); the classes are its membership in
// {1, 4, 5}, which no threshold on the codes separates; column 1: noise.
struct CategoricalProblem {
  Matrix X;
  Labels y;
  Vector target;
};

CategoricalProblem categorical_problem() {
  CategoricalProblem p;
  const Index n = 120;
  p.X.set_size(n, 2);
  p.y.set_size(n);
  p.target.set_size(n);
  for (Index i = 0; i < n; ++i) {
    const Index code = i % 6;
    p.X(i, 0) = static_cast<double>(code);
    p.X(i, 1) = std::sin(static_cast<double>(i) * 1.7);
    const bool member = code == 1 || code == 4 || code == 5;
    p.y(i) = member ? 1 : 0;
    p.target(i) = member ? 10.0 + 0.1 * static_cast<double>(code) : 2.0;
  }
  return p;
}

std::vector<int> left_codes(const Tree& t, Index node) {
  std::vector<int> codes;
  const auto offset = static_cast<Index>(t.category_offset[node]);
  for (int code = 0; code < 32 * Tree::kCategoryWords; ++code)
    if ((t.category_bits[offset + code / 32] >> (code % 32)) & 1u) codes.push_back(code);
  return codes;
}

}  // namespace

TEST_CASE("DecisionTree categorical features split by sets of categories", "[decision_tree]") {
  const CategoricalProblem p = categorical_problem();
  DecisionTreeClassifier clf({.max_depth = 1, .categorical_features = {"0"}});
  clf.fit(p.X, p.y);
  const Tree& t = clf.tree();
  REQUIRE(t.node_count() == 3);
  CHECK(t.feature[0] == 0);
  REQUIRE(t.category_offset[0] != Tree::kNotCategorical);
  const std::vector<int> left = left_codes(t, 0);
  // One side is {1, 4, 5}, the other {0, 2, 3} (with the codes never seen on the side of the
  // larger child, where missing values go).
  const bool members_left = std::find(left.begin(), left.end(), 1) != left.end();
  for (const int code : {0, 1, 2, 3, 4, 5}) {
    const bool member = code == 1 || code == 4 || code == 5;
    CHECK((std::find(left.begin(), left.end(), code) != left.end()) == (member == members_left));
  }
  CHECK(arma::all(clf.predict(p.X) == p.y));
  // The same column named: a data set's feature name picks it.
  fitkit::Dataset named;
  named.X = p.X;
  named.y = arma::conv_to<Vector>::from(p.y);
  named.feature_names = {"code", "noise"};
  DecisionTreeClassifier by_name({.max_depth = 1, .categorical_features = {"code"}});
  by_name.fit_dataset(named);
  CHECK(by_name.tree().category_offset[0] != Tree::kNotCategorical);
  CHECK(left_codes(by_name.tree(), 0) == left);
  CHECK_THROWS_WITH(DecisionTreeClassifier({.categorical_features = {"colour"}}).fit_dataset(named),
                    Catch::Matchers::Contains("'colour' is not a feature name"));
  CHECK(t.impurity[1] == 0.0);
  CHECK(t.impurity[2] == 0.0);
  // An unseen category goes where missing values go: the larger child (60 rows each here, so
  // the right one, as scikit-learn's n_left > n_right).
  Matrix unseen = p.X.rows(0, 1);
  unseen(0, 0) = 7;
  unseen(1, 0) = arma::datum::nan;
  const arma::uvec leaves = clf.apply(unseen);
  CHECK(leaves(0) == leaves(1));
  // Regression: the same sets; the means of each side as the leaves.
  DecisionTreeRegressor reg({.max_depth = 1, .categorical_features = {"0"}});
  reg.fit(p.X, p.target);
  REQUIRE(reg.tree().node_count() == 3);
  CHECK(reg.tree().category_offset[0] != Tree::kNotCategorical);
  CHECK(arma::abs(reg.predict(p.X) - arma::conv_to<Vector>::from(p.y) * 8.4 - 2.0).max() < 0.21);
  // Save and load keep the sets.
  ScratchDir dir;
  fitkit::save(clf, dir.file("m.json"));
  CHECK(arma::all(fitkit::load<DecisionTreeClassifier>(dir.file("m.json")).predict(p.X) == p.y));
  // Codes must be integers 0..255; the index must be a column.
  Matrix bad = p.X;
  bad(3, 0) = 300;
  CHECK_THROWS_WITH(clf.fit(bad, p.y), Catch::Matchers::Contains("0..255"));
  bad(3, 0) = 1.5;
  CHECK_THROWS_AS(clf.fit(bad, p.y), fitkit::DataError);
  CHECK_THROWS_AS(DecisionTreeClassifier({.categorical_features = {"2"}}).fit(p.X, p.y),
                  fitkit::InvalidParameter);
}
