// RandomForest and ExtraTrees (classifier, regressor) against scikit-learn 1.2 fixtures made by
// tests/reference/make_forest.py: the exact forests (RandomForest with max_bins none, and
// ExtraTrees) draw the same bootstraps, features and thresholds from the same seed, so their
// predictions, importances and out-of-bag results equal scikit-learn's to 1e-12; the binned
// RandomForest (the default) scores within 0.5 points of scikit-learn's. Then thread-count
// determinism, save/load, missing values and categories, compact trees, and the bad inputs.

#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>

#include "bundled_data.hpp"
#include "core/format_problem.hpp"
#include "core/parallel.hpp"
#include "ensemble/compact_tree.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/core/warnings.hpp"
#include "fitkit/ensemble/extra_trees_classifier.hpp"
#include "fitkit/ensemble/extra_trees_regressor.hpp"
#include "fitkit/ensemble/random_forest_classifier.hpp"
#include "fitkit/ensemble/random_forest_regressor.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/model/model_io.hpp"
#include "support.hpp"

using fitkit::ExtraTreesClassifier;
using fitkit::ExtraTreesRegressor;
using fitkit::Index;
using fitkit::Labels;
using fitkit::Matrix;
using fitkit::RandomForestClassifier;
using fitkit::RandomForestRegressor;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

Labels labels(const fitkit::Dataset& data) {
  return arma::conv_to<Labels>::from(data.y);
}

const fitkit::MaxFeatures kSqrt = fitkit::MaxFeaturesKeyword::sqrt;

// Fits `model` (10 trees) and checks its predictions, importances and out-of-bag results
// against the fixture of `name`.
template <class Model>
void check_against_fixture(Model model, const std::string& name, const std::string& data_name,
                           bool weighted) {
  INFO(name);
  const auto data = bundled(data_name);
  constexpr bool classifier = std::is_base_of_v<fitkit::Classifier, Model>;
  model.set_param("n_estimators", "10");
  fitkit::WarningCapture quiet;  // 10 trees leave some rows without out-of-bag predictions
  const std::string dir = "forest/" + name;
  Matrix predicted;
  if constexpr (classifier) {
    if (weighted)
      model.fit(data.X, labels(data), row_weights(data.X.n_rows));
    else
      model.fit(data.X, labels(data));
    predicted = model.predict_proba(data.X);
  } else {
    if (weighted)
      model.fit(data.X, data.y, row_weights(data.X.n_rows));
    else
      model.fit(data.X, data.y);
    predicted = model.predict(data.X);
  }
  const Matrix expected = reference_matrix(dir + "/predict.csv");
  REQUIRE(predicted.n_rows == expected.n_rows);
  CHECK(
      arma::approx_equal(predicted, expected, "absdiff", 1e-12 * (1 + arma::abs(expected).max())));
  CHECK(arma::approx_equal(model.feature_importances(), reference_vector(dir + "/importances.csv"),
                           "absdiff", 1e-12));
  if (model.get_params().at("oob_score") == "true") {
    const Vector oob = reference_vector(dir + "/oob.csv");
    CHECK(model.oob_score() == Approx(oob(0)).epsilon(1e-12));
    Matrix oob_prediction;
    if constexpr (classifier)
      oob_prediction = model.oob_decision_function();
    else
      oob_prediction = model.oob_prediction();
    const Vector flat = arma::vectorise(Matrix(oob_prediction.t()));
    CHECK(arma::approx_equal(flat, Vector(oob.tail(oob.n_elem - 1)), "absdiff",
                             1e-12 * (1 + arma::abs(flat).max())));
  }
}

}  // namespace

TEST_CASE("RandomForestClassifier (exact) and ExtraTreesClassifier are scikit-learn's forests",
          "[forest][reference]") {
  const std::optional<int> exact;
  check_against_fixture(RandomForestClassifier({.max_bins = exact}), "rfc_iris", "iris", false);
  check_against_fixture(
      RandomForestClassifier({.criterion = fitkit::TreeClassificationCriterion::entropy,
                              .seed = 3,
                              .max_bins = exact}),
      "rfc_wine_entropy", "wine", false);
  check_against_fixture(RandomForestClassifier({.oob_score = true, .seed = 1, .max_bins = exact}),
                        "rfc_breast_cancer_oob", "breast_cancer", false);
  check_against_fixture(RandomForestClassifier({.max_depth = 4,
                                                .min_samples_leaf = 3,
                                                .min_weight_fraction_leaf = 0.01,
                                                .max_features = 0.5,
                                                .max_samples = 0.7,
                                                .max_bins = exact}),
                        "rfc_wine_limits", "wine", false);
  check_against_fixture(
      RandomForestClassifier({.seed = 2,
                              .class_weight = fitkit::ForestClassWeight::balanced_subsample(),
                              .max_bins = exact}),
      "rfc_wine_balanced_subsample", "wine", true);
  check_against_fixture(RandomForestClassifier({.max_features = std::int64_t{2},
                                                .max_leaf_nodes = 5,
                                                .bootstrap = false,
                                                .max_bins = exact}),
                        "rfc_iris_leaves", "iris", false);
  check_against_fixture(RandomForestClassifier({.ccp_alpha = 0.01, .max_bins = exact}),
                        "rfc_breast_cancer_ccp", "breast_cancer", false);
  check_against_fixture(ExtraTreesClassifier(), "etc_iris", "iris", false);
  check_against_fixture(ExtraTreesClassifier({.bootstrap = true, .oob_score = true, .seed = 5}),
                        "etc_wine_bootstrap_oob", "wine", false);
  check_against_fixture(ExtraTreesClassifier({.class_weight = fitkit::ClassWeightMode::balanced}),
                        "etc_breast_cancer_weighted", "breast_cancer", true);
}

TEST_CASE("RandomForestRegressor (exact) and ExtraTreesRegressor are scikit-learn's forests",
          "[forest][reference]") {
  using Criterion = fitkit::TreeRegressionCriterion;
  const std::optional<int> exact;
  check_against_fixture(RandomForestRegressor({.max_bins = exact}), "rfr_diabetes", "diabetes",
                        false);
  check_against_fixture(RandomForestRegressor({.min_samples_leaf = 5,
                                               .max_features = kSqrt,
                                               .oob_score = true,
                                               .seed = 7,
                                               .max_bins = exact}),
                        "rfr_diabetes_oob", "diabetes", false);
  check_against_fixture(
      RandomForestRegressor({.criterion = Criterion::absolute_error, .max_depth = 5}),
      "rfr_diabetes_absolute_error", "diabetes", false);
  check_against_fixture(RandomForestRegressor({.criterion = Criterion::poisson,
                                               .min_samples_leaf = 3,
                                               .max_samples = std::int64_t{200},
                                               .max_bins = exact}),
                        "rfr_diabetes_poisson_weighted", "diabetes", true);
  check_against_fixture(ExtraTreesRegressor({.seed = 4}), "etr_diabetes", "diabetes", false);
  check_against_fixture(
      ExtraTreesRegressor(
          {.criterion = Criterion::friedman_mse, .min_samples_split = 8, .max_features = 0.5}),
      "etr_diabetes_friedman", "diabetes", false);
}

TEST_CASE("RandomForest (binned, the default) scores within 0.5 points of scikit-learn's forest",
          "[forest][reference]") {
  // make_forest.py's quality cases: 100 trees, every fourth row held out.
  const Vector sklearn = reference_vector("forest/quality.csv");
  auto split = [](const fitkit::Dataset& data) {
    arma::uvec train, test;
    for (Index i = 0; i < data.X.n_rows; ++i)
      (i % 4 == 3 ? test : train).insert_rows((i % 4 == 3 ? test : train).n_elem, arma::uvec{i});
    return std::pair{train, test};
  };
  const char* names[] = {"breast_cancer", "wine"};
  for (Index c = 0; c < 2; ++c) {
    const auto data = bundled(names[c]);
    const auto [train, test] = split(data);
    const Labels y = labels(data);
    RandomForestClassifier forest;
    forest.fit(Matrix(data.X.rows(train)), Labels(y.elem(train)));
    const double accuracy = forest.score(Matrix(data.X.rows(test)), Labels(y.elem(test)));
    INFO(names[c] << ": fitkit " << accuracy << ", scikit-learn " << sklearn(c));
    CHECK(accuracy >= sklearn(c) - 0.005);
  }
  const auto data = bundled("diabetes");
  const auto [train, test] = split(data);
  RandomForestRegressor forest;
  forest.fit(Matrix(data.X.rows(train)), Vector(data.y.elem(train)));
  const double r2 = forest.score(Matrix(data.X.rows(test)), Vector(data.y.elem(test)));
  INFO("diabetes: fitkit R² " << r2 << ", scikit-learn " << sklearn(2));
  CHECK(r2 >= sklearn(2) - 0.005);
}

TEST_CASE("Forests are the same at one thread and at two", "[forest][determinism]") {
  fitkit::detail::set_min_nanoseconds_per_thread(0);
  const int threads = fitkit::get_num_threads();
  const auto data = bundled("breast_cancer");
  auto fit_at = [&](int n, auto model) {
    fitkit::set_num_threads(n);
    model.fit(data.X, labels(data));
    return model.predict_proba(data.X);
  };
  const RandomForestClassifier binned({.n_estimators = 20, .oob_score = true, .seed = 9});
  const RandomForestClassifier exact({.n_estimators = 20, .seed = 9, .max_bins = {}});
  const ExtraTreesClassifier extra({.n_estimators = 20, .seed = 9});
  CHECK(arma::approx_equal(fit_at(1, binned), fit_at(2, binned), "absdiff", 0.0));
  CHECK(arma::approx_equal(fit_at(1, exact), fit_at(2, exact), "absdiff", 0.0));
  CHECK(arma::approx_equal(fit_at(1, extra), fit_at(2, extra), "absdiff", 0.0));
  fitkit::set_num_threads(threads);
  fitkit::detail::set_min_nanoseconds_per_thread(fitkit::detail::kDefaultMinNanosecondsPerThread);
  // Another seed, another forest.
  RandomForestClassifier a({.n_estimators = 5, .seed = 1}), b({.n_estimators = 5, .seed = 2});
  a.fit(data.X, labels(data));
  b.fit(data.X, labels(data));
  CHECK_FALSE(arma::approx_equal(a.predict_proba(data.X), b.predict_proba(data.X), "absdiff", 0.0));
}

TEST_CASE("Forests save and load with identical outputs in both formats", "[forest]") {
  const auto data = bundled("wine");
  Matrix X = data.X;
  X(5, 3) = arma::datum::nan;
  X(17, 0) = arma::datum::nan;
  RandomForestClassifier clf({.n_estimators = 15, .oob_score = true});
  clf.fit(X, labels(data));
  ExtraTreesRegressor reg({.n_estimators = 15});
  reg.fit(X, data.y);
  ScratchDir dir;
  for (const std::string name : {"m.bin", "m.json"}) {
    fitkit::save(clf, dir.file("c" + name));
    const auto c = fitkit::load<RandomForestClassifier>(dir.file("c" + name));
    CHECK(arma::approx_equal(c.predict_proba(X), clf.predict_proba(X), "absdiff", 0.0));
    CHECK(arma::all(arma::vectorise(c.apply(X) == clf.apply(X))));
    CHECK(arma::approx_equal(c.contributions(X), clf.contributions(X), "absdiff", 0.0));
    CHECK(arma::approx_equal(c.feature_importances(), clf.feature_importances(), "absdiff", 0.0));
    CHECK(c.oob_score() == clf.oob_score());
    CHECK(c.get_params() == clf.get_params());
    fitkit::save(reg, dir.file("r" + name));
    const auto r = fitkit::load<ExtraTreesRegressor>(dir.file("r" + name));
    CHECK(arma::approx_equal(r.predict(X), reg.predict(X), "absdiff", 0.0));
    CHECK(arma::approx_equal(r.contributions(X), reg.contributions(X), "absdiff", 0.0));
  }
}

TEST_CASE("Forest contributions sum to the prediction", "[forest]") {
  const auto data = bundled("iris");
  RandomForestClassifier clf({.n_estimators = 12});
  clf.fit(data.X, labels(data));
  const Matrix phi = clf.contributions(data.X);
  const Matrix proba = clf.predict_proba(data.X);
  const Index width = data.X.n_cols + 1;
  REQUIRE(phi.n_cols == 3 * width);
  for (Index k = 0; k < 3; ++k)
    CHECK(arma::approx_equal(Vector(arma::sum(phi.cols(k * width, (k + 1) * width - 1), 1)),
                             Vector(proba.col(k)), "absdiff", 1e-12));
}

TEST_CASE("Forests split on missing values and categories", "[forest]") {
  // Column 0: a category code 0..5 whose membership in {1, 4, 5} is the class (no threshold
  // separates it); column 1: the code's class as a number but missing in every third row.
  const Index n = 240;
  Matrix X(n, 3);
  Labels y(n);
  for (Index i = 0; i < n; ++i) {
    const Index code = i % 6;
    const bool member = code == 1 || code == 4 || code == 5;
    X(i, 0) = static_cast<double>(code);
    X(i, 1) = i % 3 == 0 ? arma::datum::nan : (member ? 2.0 : -2.0);
    X(i, 2) = std::sin(1.7 * static_cast<double>(i));
    y(i) = member ? 1 : 0;
  }
  for (const std::optional<int> max_bins : {std::optional<int>(255), std::optional<int>()}) {
    RandomForestClassifier forest({.n_estimators = 10,
                                   .max_depth = 1,
                                   .max_features = 1.0,
                                   .bootstrap = false,
                                   .categorical_features = {"0"},
                                   .max_bins = max_bins});
    forest.fit(X, y);
    // One split on the category set separates the classes in every tree.
    CHECK(arma::all(forest.predict(X) == y));
    // An unseen category goes where the trees send missing values: a valid prediction.
    Matrix unseen = X.rows(0, 5);
    unseen.col(0).fill(9.0);
    const Matrix proba = forest.predict_proba(unseen);
    CHECK(arma::approx_equal(arma::sum(proba, 1), Vector(6, arma::fill::ones), "absdiff", 1e-12));
  }
  // Without the category column, the missing values of column 1 are learned a side.
  RandomForestClassifier numeric({.n_estimators = 10, .max_features = 1.0, .bootstrap = false});
  numeric.fit(Matrix(X.cols(1, 2)), y);
  CHECK(arma::accu(numeric.predict(Matrix(X.cols(1, 2))) == y) > n * 2 / 3);
}

TEST_CASE("A forest of single leaves predicts their value, binned and exact", "[forest]") {
  // No tree splits: the predictor's ranked layout holds no feature, only the leaves' sentinel.
  const auto data = bundled("diabetes");
  const Vector y(data.X.n_rows, arma::fill::value(3.5));
  for (const std::optional<int> max_bins : {std::optional<int>(255), std::optional<int>()}) {
    RandomForestRegressor forest({.n_estimators = 5, .max_bins = max_bins});
    forest.fit(data.X, y);
    CHECK(arma::approx_equal(forest.predict(data.X), y, "absdiff", 0.0));
    const arma::umat leaves = forest.apply(data.X);
    CHECK(leaves.n_cols == 5);
    CHECK(arma::all(arma::vectorise(leaves) == 0));
  }
}

TEST_CASE("Forests refuse bad inputs with clear errors", "[forest]") {
  using Catch::Matchers::Contains;
  const auto data = bundled("iris");
  const Labels y = labels(data);
  RandomForestClassifier clf;
  CHECK_THROWS_AS(clf.set_param("n_estimators", "0"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(clf.set_param("max_depth", "0"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(clf.set_param("min_samples_leaf", "0"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(clf.set_param("max_bins", "256"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(clf.set_param("max_samples", "0"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(clf.set_param("class_weight", "balanced_sub"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(RandomForestClassifier({.max_depth = 0}).fit(data.X, y),
                  fitkit::InvalidParameter);
  CHECK_THROWS_AS(RandomForestClassifier({.min_samples_leaf = 0}).fit(data.X, y),
                  fitkit::InvalidParameter);
  CHECK_THROWS_WITH(RandomForestClassifier({.bootstrap = false, .oob_score = true}).fit(data.X, y),
                    Contains("bootstrap"));
  CHECK_THROWS_WITH(RandomForestClassifier({.bootstrap = false, .max_samples = 0.5}).fit(data.X, y),
                    Contains("bootstrap"));
  CHECK_THROWS_WITH(RandomForestClassifier({.max_samples = std::int64_t{1000}}).fit(data.X, y),
                    Contains("max_samples"));
  CHECK_THROWS_WITH(RandomForestClassifier({.max_samples = 1.5}).fit(data.X, y),
                    Contains("max_samples"));
  CHECK_THROWS_WITH(clf.fit(data.X, Labels(data.X.n_rows, arma::fill::ones)),
                    Contains("two classes"));
  CHECK_THROWS_AS(clf.fit(Matrix(0, 4), Labels()), fitkit::DataError);
  CHECK_THROWS_AS(clf.fit(data.X, Labels(y.head(10))), fitkit::DimensionMismatch);
  Matrix inf = data.X;
  inf(4, 1) = arma::datum::inf;
  CHECK_THROWS_WITH(clf.fit(inf, y), Contains("infinite value"));
  CHECK_THROWS_AS(clf.predict(data.X), fitkit::NotFitted);
  CHECK_THROWS_AS(clf.oob_score(), fitkit::NotFitted);
  // A column of all NaN fits (it is never split on).
  Matrix all_nan =
      arma::join_rows(data.X, Matrix(data.X.n_rows, 1, arma::fill::value(arma::datum::nan)));
  clf.set_param("n_estimators", "5");
  clf.fit(all_nan, y);
  for (const fitkit::Tree& t : clf.trees())
    for (Index node = 0; node < t.node_count(); ++node) CHECK(t.feature[node] != 4);
  CHECK_THROWS_WITH(clf.oob_score(), Contains("oob_score"));
  CHECK_THROWS_AS(clf.predict(Matrix(data.X.cols(0, 2))), fitkit::DimensionMismatch);
  Matrix inf5 = all_nan;
  inf5(2, 0) = -arma::datum::inf;
  CHECK_THROWS_AS(clf.predict(inf5), fitkit::DataError);
  // Categories: names need feature names, codes must be 0..255, at most max_bins of them.
  CHECK_THROWS_WITH(RandomForestClassifier({.categorical_features = {"colour"}}).fit(data.X, y),
                    Contains("colour"));
  CHECK_THROWS_WITH(RandomForestClassifier({.categorical_features = {"0"}}).fit(data.X, y),
                    Contains("integer codes"));
  Matrix many(300, 1);
  Labels two(300);
  for (Index i = 0; i < 300; ++i) {
    many(i, 0) = static_cast<double>(i % 40);
    two(i) = i % 2;
  }
  CHECK_THROWS_WITH(
      RandomForestClassifier({.categorical_features = {"0"}, .max_bins = 32}).fit(many, two),
      Contains("max_bins"));
  RandomForestRegressor poisson({.criterion = fitkit::TreeRegressionCriterion::poisson});
  Vector negative = data.y;
  negative(0) = -1;
  CHECK_THROWS_WITH(poisson.fit(data.X, negative), Contains("y >= 0"));
}

TEST_CASE("A forest's compact trees round-trip, and malformed ones are refused", "[forest]") {
  using fitkit::detail::CompactTree;
  const auto data = bundled("wine");
  Matrix X = data.X;
  X(3, 2) = arma::datum::nan;
  RandomForestClassifier forest({.n_estimators = 3, .max_features = 1.0, .max_bins = {}});
  forest.fit(X, labels(data));
  const fitkit::Tree& tree = forest.trees()[0];
  const CompactTree compact = fitkit::detail::compact_tree(tree);
  const fitkit::Tree again = fitkit::detail::expand_tree(compact, 3, X.n_cols);
  CHECK(again.children_left == tree.children_left);
  CHECK(again.children_right == tree.children_right);
  CHECK(again.feature == tree.feature);
  CHECK(again.threshold == tree.threshold);
  CHECK(again.missing_go_to_left == tree.missing_go_to_left);
  CHECK(arma::approx_equal(again.value, tree.value, "absdiff", 0.0));
  auto refused = [&](const CompactTree& c, Index n_features = 13) {
    CHECK_THROWS_AS(fitkit::detail::expand_tree(c, 3, n_features), fitkit::detail::FormatProblem);
  };
  CompactTree c = compact;
  c.kind.pop_back();  // a split left without its right subtree, or a leaf short
  refused(c);
  c = compact;
  c.kind[0] = 9;
  refused(c);
  c = compact;
  c.feature[0] = 13;
  refused(c);
  refused(compact, 5);  // features beyond the model's width
  c = compact;
  c.leaf_value.pop_back();
  refused(c);
  c = compact;
  c.cover[1] = -1.0f;
  refused(c);
  c = compact;
  c.threshold[0] = arma::datum::nan;
  refused(c);
  c = compact;
  c.kind.push_back(0);
  c.cover.push_back(1.0f);
  for (int k = 0; k < 3; ++k) c.leaf_value.push_back(0.0);
  refused(c);  // a node after the last leaf
  refused(CompactTree{});
}
