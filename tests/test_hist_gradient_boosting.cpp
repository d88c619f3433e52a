// HistGradientBoostingRegressor / HistGradientBoostingClassifier against scikit-learn 1.2
// fixtures made by tests/reference/make_hist_gradient_boosting.py: the bin thresholds of its
// _BinMapper exactly, and the held-out quality (R², accuracy, losses) of models fitted on the
// same split; then the trees' shape, monotonic constraints, categories and missing values,
// early stopping, save/load, seeds and threads, and the bad inputs of the issue.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "core/parallel.hpp"
#include "ensemble/hgb_binning.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/random.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/ensemble/hist_gradient_boosting_classifier.hpp"
#include "fitkit/ensemble/hist_gradient_boosting_regressor.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/model/model_io.hpp"
#include "support.hpp"

using fitkit::HgbEarlyStopping;
using fitkit::HgbRegressionLoss;
using fitkit::HistGradientBoostingClassifier;
using fitkit::HistGradientBoostingClassifierParams;
using fitkit::HistGradientBoostingRegressor;
using fitkit::HistGradientBoostingRegressorParams;
using fitkit::Index;
using fitkit::Labels;
using fitkit::Matrix;
using fitkit::RowVector;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

const std::string kDir = "hist_gradient_boosting/";

fitkit::Dataset bundled(const std::string& name, const std::string& target) {
  fitkit::io::CsvOptions options;
  options.target = target;
  return fitkit::io::read_csv(source_path("datasets/" + name + ".csv"), options);
}

struct Split {
  Matrix X, Xt;
  Vector y, yt;
};

// The fit and held-out rows of a fixture case (its test.csv marks the held-out ones).
Split split(const Matrix& X, const Vector& y, const std::string& c) {
  const Vector mask = reference_vector(kDir + c + "/test.csv");
  REQUIRE(mask.n_elem == X.n_rows);
  const arma::uvec test = arma::find(mask == 1), train = arma::find(mask == 0);
  return {X.rows(train), X.rows(test), y(train), y(test)};
}

struct Generated {
  Matrix X;
  Vector y_regression, y_class;
};

const Generated& generated() {
  static const Generated g{reference_matrix(kDir + "generated/X.csv"),
                           reference_vector(kDir + "generated/y_regression.csv"),
                           reference_vector(kDir + "generated/y_class.csv")};
  return g;
}

double r2(const Vector& y, const Vector& pred) {
  return 1 - arma::accu(arma::square(y - pred)) / arma::accu(arma::square(y - arma::mean(y)));
}

double accuracy(const Labels& y, const Labels& pred) {
  return static_cast<double>(arma::accu(y == pred)) / static_cast<double>(y.n_elem);
}

double log_loss(const Labels& y, const Matrix& proba) {
  double sum = 0;
  for (Index i = 0; i < y.n_elem; ++i)
    sum -= std::log(std::clamp(proba(i, static_cast<Index>(y(i))), 1e-15, 1.0));
  return sum / static_cast<double>(y.n_elem);
}

HistGradientBoostingRegressorParams no_early_stopping() {
  HistGradientBoostingRegressorParams p;
  p.early_stopping = HgbEarlyStopping::no;
  return p;
}

// A regression case: R² within 0.5 points of scikit-learn's and the held-out loss within
// `loss_tolerance` of it (relative).
void check_regression(const std::string& c, const Matrix& X, const Vector& y,
                      HistGradientBoostingRegressorParams p, double loss_tolerance) {
  const Split s = split(X, y, c);
  p.early_stopping = HgbEarlyStopping::no;
  HistGradientBoostingRegressor model(p);
  model.fit(s.X, s.y);
  CHECK(model.n_iter() == static_cast<Index>(reference_scalar(kDir + c + "/n_iter.csv")));
  const Vector pred = model.predict(s.Xt);
  const double score = r2(s.yt, pred);
  const double expected_score = reference_scalar(kDir + c + "/score.csv");
  INFO(c << ": R2 " << score << ", scikit-learn " << expected_score);
  CHECK(std::abs(score - expected_score) <= 0.005);
  double loss = 0;
  const Vector diff = s.yt - pred;
  switch (p.loss) {
    case HgbRegressionLoss::squared_error:
      loss = arma::mean(arma::square(diff));
      break;
    case HgbRegressionLoss::absolute_error:
      loss = arma::mean(arma::abs(diff));
      break;
    case HgbRegressionLoss::poisson: {
      Vector d(pred.n_elem);
      for (Index i = 0; i < d.n_elem; ++i)
        d(i) = 2 * ((s.yt(i) > 0 ? s.yt(i) * std::log(s.yt(i) / pred(i)) : 0) - s.yt(i) + pred(i));
      loss = arma::mean(d);
      break;
    }
    case HgbRegressionLoss::quantile: {
      const double q = *p.quantile;
      for (const double e : diff) loss += e >= 0 ? q * e : (q - 1) * e;
      loss /= static_cast<double>(diff.n_elem);
      break;
    }
  }
  const double expected_loss = reference_scalar(kDir + c + "/loss.csv");
  INFO(c << ": loss " << loss << ", scikit-learn " << expected_loss);
  CHECK(std::abs(loss - expected_loss) <= loss_tolerance * expected_loss);
}

void check_classification(const std::string& c, const Matrix& X, const Vector& y,
                          HistGradientBoostingClassifierParams p, double accuracy_tolerance,
                          double loss_tolerance) {
  const Split s = split(X, y, c);
  p.early_stopping = HgbEarlyStopping::no;
  HistGradientBoostingClassifier model(p);
  model.fit(s.X, arma::conv_to<Labels>::from(s.y));
  CHECK(model.n_iter() == static_cast<Index>(reference_scalar(kDir + c + "/n_iter.csv")));
  const Labels yt = arma::conv_to<Labels>::from(s.yt);
  const double score = accuracy(yt, model.predict(s.Xt));
  const double expected_score = reference_scalar(kDir + c + "/score.csv");
  INFO(c << ": accuracy " << score << ", scikit-learn " << expected_score);
  CHECK(std::abs(score - expected_score) <= accuracy_tolerance + 1e-12);
  const double loss = log_loss(yt, model.predict_proba(s.Xt));
  const double expected_loss = reference_scalar(kDir + c + "/loss.csv");
  INFO(c << ": log-loss " << loss << ", scikit-learn " << expected_loss);
  CHECK(std::abs(loss - expected_loss) <= loss_tolerance * expected_loss);
}

}  // namespace

TEST_CASE("HGB bin thresholds equal scikit-learn's _BinMapper", "[hist_gradient_boosting]") {
  struct Case {
    std::string name, data, target;
    int max_bins;
  };
  for (const Case& c : {Case{"bins_diabetes_255", "diabetes", "progression", 255},
                        Case{"bins_diabetes_16", "diabetes", "progression", 16},
                        Case{"bins_breast_cancer_16", "breast_cancer", "diagnosis", 16}}) {
    const Matrix X = bundled(c.data, c.target).X;
    const Matrix expected = reference_matrix(kDir + c.name + "/thresholds.csv");
    for (Index f = 0; f < X.n_cols; ++f) {
      const Vector column = X.col(f);
      const std::vector<double> thresholds = fitkit::detail::hgb::find_binning_thresholds(
          std::vector<double>(column.begin(), column.end()), c.max_bins);
      const arma::uvec rows = arma::find(expected.col(0) == static_cast<double>(f));
      INFO(c.name << " feature " << f);
      REQUIRE(thresholds.size() == rows.n_elem);
      for (Index k = 0; k < rows.n_elem; ++k) CHECK(thresholds[k] == expected(rows(k), 1));
    }
  }
}

TEST_CASE("HGB regressor agrees with scikit-learn on diabetes, every loss",
          "[hist_gradient_boosting][reference]") {
  const auto data = bundled("diabetes", "progression");
  HistGradientBoostingRegressorParams p;
  check_regression("diabetes", data.X, data.y, p, 1e-3);
  p.loss = HgbRegressionLoss::absolute_error;
  check_regression("diabetes_absolute_error", data.X, data.y, p, 1e-3);
  p.loss = HgbRegressionLoss::poisson;
  check_regression("diabetes_poisson", data.X, data.y, p, 1e-3);
  p.loss = HgbRegressionLoss::quantile;
  p.quantile = 0.8;
  check_regression("diabetes_quantile", data.X, data.y, p, 1e-3);
  p = {};
  p.monotonic_cst = {0, 0, 1, 1, 0, 0, -1, 0, 1, 0};
  check_regression("diabetes_monotonic", data.X, data.y, p, 1e-3);
  p = {};
  p.l2_regularization = 1.0;
  p.max_depth = 3;
  check_regression("diabetes_l2_depth", data.X, data.y, p, 1e-3);
}

TEST_CASE("HGB classifier agrees with scikit-learn on breast_cancer and wine",
          "[hist_gradient_boosting][reference]") {
  const auto cancer = bundled("breast_cancer", "diagnosis");
  check_classification("breast_cancer", cancer.X, cancer.y, {}, 0.005, 1e-3);
  HistGradientBoostingClassifierParams p;
  p.max_bins = 32;
  p.learning_rate = 0.05;
  check_classification("breast_cancer_bins_32", cancer.X, cancer.y, p, 0.005, 1e-3);
  const auto wine = bundled("wine", "cultivar");
  check_classification("wine", wine.X, wine.y, {}, 0.005, 1e-3);
}

TEST_CASE("HGB agrees with scikit-learn with NaN and categorical columns",
          "[hist_gradient_boosting][reference]") {
  const Generated& g = generated();
  HistGradientBoostingRegressorParams p;
  p.categorical_features = {"2", "3"};
  check_regression("generated_regression", g.X, g.y_regression, p, 1e-3);
  HistGradientBoostingClassifierParams q;
  q.categorical_features = {"2", "3"};
  check_classification("generated_class", g.X, g.y_class, q, 0.005, 1e-3);
}

namespace {

// A regression problem with a missing-value pattern that carries signal: y is high where x1
// is missing.
struct Problem {
  Matrix X;
  Vector y;
};

Problem with_missing(Index n, std::uint64_t seed) {
  fitkit::Random rng(seed);
  Problem p{Matrix(n, 3), Vector(n)};
  for (Index i = 0; i < n; ++i) {
    p.X(i, 0) = rng.uniform() * 4 - 2;
    p.X(i, 1) = rng.uniform() < 0.3 ? arma::datum::nan : rng.uniform();
    p.X(i, 2) = static_cast<double>(rng.uniform_index(6));
    p.y(i) = p.X(i, 0) + (std::isnan(p.X(i, 1)) ? 3.0 : p.X(i, 1)) + (p.X(i, 2) == 4 ? 2.0 : 0.0) +
             0.1 * rng.normal();
  }
  return p;
}

Labels class_of(const Vector& y) {
  Labels out(y.n_elem);
  for (Index i = 0; i < y.n_elem; ++i) out(i) = y(i) > 1.5 ? 1 : 0;
  return out;
}

}  // namespace

TEST_CASE("HGB trees: leaf values with the learning rate, bin-edge thresholds, counts",
          "[hist_gradient_boosting]") {
  const Problem p = with_missing(600, 1);
  HistGradientBoostingRegressor model({.max_iter = 20, .categorical_features = {"2"}});
  model.fit(p.X, p.y);
  REQUIRE(model.trees().size() == 20);
  // The raw prediction is the baseline plus the leaf value of every tree.
  Vector sum(p.X.n_rows, arma::fill::value(model.baseline_prediction()));
  for (const fitkit::Tree& tree : model.trees()) {
    tree.check(3, 1);
    sum += tree.predict(p.X).col(0);
    CHECK(tree.n_node_samples[0] == 600);
    CHECK(tree.weighted_n_node_samples[0] == 600.0);
    CHECK(tree.n_leaves() <= 31);
    for (Index node = 0; node < tree.node_count(); ++node) {
      if (tree.is_leaf(node)) continue;
      CHECK(tree.n_node_samples[node] == tree.n_node_samples[tree.children_left[node]] +
                                             tree.n_node_samples[tree.children_right[node]]);
      if (tree.feature[node] == 2)
        CHECK(tree.category_offset[node] != fitkit::Tree::kNotCategorical);
    }
  }
  CHECK(arma::abs(sum - model.predict(p.X)).max() < 1e-10);
  // The first tree's root splits where the data says most: on the missing values of x1 or on x0.
  const fitkit::Tree& first = model.trees()[0];
  CHECK((first.feature[0] == 0 || first.feature[0] == 1));
}

TEST_CASE("HGB learns where missing values go, and sends unseen categories with them",
          "[hist_gradient_boosting]") {
  const Problem p = with_missing(2000, 2);
  HistGradientBoostingRegressor model({.categorical_features = {"2"}});
  model.fit(p.X, p.y);
  // Rows with x1 missing are predicted about 3 + x0, as the data says.
  Matrix probe(2, 3);
  probe.row(0) = RowVector{0.5, arma::datum::nan, 1};
  probe.row(1) = RowVector{0.5, 0.5, 1};
  const Vector pred = model.predict(probe);
  CHECK(pred(0) == Approx(3.5).margin(0.3));
  CHECK(pred(1) == Approx(1.0).margin(0.3));
  // An unseen category (9), a negative code and a non-integer one go where NaN goes.
  Matrix unseen(4, 3);
  for (Index i = 0; i < 4; ++i) unseen.row(i) = RowVector{0.5, 0.5, 0};
  unseen(0, 2) = arma::datum::nan;
  unseen(1, 2) = 9;
  unseen(2, 2) = -1;
  unseen(3, 2) = 2.5;
  const Vector u = model.predict(unseen);
  CHECK(u(1) == u(0));
  CHECK(u(2) == u(0));
  CHECK(u(3) == u(0));
  // A column of NaN only: no split uses it, the fit still works.
  Matrix X = p.X;
  X.col(1).fill(arma::datum::nan);
  HistGradientBoostingRegressor all_nan({.max_iter = 10});
  all_nan.fit(X, p.y);
  for (const fitkit::Tree& tree : all_nan.trees())
    for (Index node = 0; node < tree.node_count(); ++node) CHECK(tree.feature[node] != 1);
}

TEST_CASE("HGB respects monotonic constraints", "[hist_gradient_boosting]") {
  const auto data = bundled("diabetes", "progression");
  const std::vector<int> cst = {0, 0, 1, 1, 0, 0, -1, 0, 1, 0};
  HistGradientBoostingRegressor model({.monotonic_cst = cst});
  model.fit(data.X, data.y);
  for (Index f = 0; f < cst.size(); ++f) {
    if (cst[f] == 0) continue;
    // Each of 20 rows, with the feature swept over its range: the predictions move one way.
    const double lo = data.X.col(f).min(), hi = data.X.col(f).max();
    for (Index row = 0; row < 400; row += 20) {
      Matrix sweep = arma::repmat(data.X.row(row), 50, 1);
      sweep.col(f) = arma::linspace<Vector>(lo, hi, 50);
      const Vector pred = model.predict(sweep);
      const Vector step = arma::diff(pred) * cst[f];
      CHECK(step.min() >= -1e-9);
    }
  }
}

TEST_CASE("HGB early stopping: auto above 10,000 samples, scikit-learn's rule",
          "[hist_gradient_boosting]") {
  const Problem p = with_missing(12000, 3);
  HistGradientBoostingRegressor model({.max_iter = 300});
  model.fit(p.X, p.y);
  CHECK(model.do_early_stopping());
  CHECK(model.n_iter() < 300);
  REQUIRE(model.validation_score().size() == model.n_iter() + 1);
  REQUIRE(model.train_score().size() == model.n_iter() + 1);
  // It stopped because the last 10 scores did not beat the 11th-to-last by tol.
  const std::vector<double>& v = model.validation_score();
  const double reference = v[v.size() - 11] + 1e-7;
  CHECK(*std::max_element(v.end() - 10, v.end()) <= reference);
  // Without a validation fraction the training loss decides.
  HistGradientBoostingRegressor on_train(
      {.max_iter = 30, .early_stopping = HgbEarlyStopping::yes, .validation_fraction = {}});
  on_train.fit(p.X.rows(0, 999), p.y.head(1000));
  CHECK(on_train.validation_score().empty());
  CHECK(on_train.train_score().size() == on_train.n_iter() + 1);
  HistGradientBoostingRegressor off({.max_iter = 30, .early_stopping = HgbEarlyStopping::no});
  off.fit(p.X, p.y);
  CHECK(off.n_iter() == 30);
  CHECK_FALSE(off.do_early_stopping());
  // The classifier's split is stratified and scored by log-loss.
  HistGradientBoostingClassifier clf({.max_iter = 300});
  clf.fit(p.X, class_of(p.y));
  CHECK(clf.do_early_stopping());
  CHECK(clf.n_iter() < 300);
}

TEST_CASE("HGB sample weights act as repeated rows", "[hist_gradient_boosting]") {
  // Integer weights against the rows repeated: the same sums, so the same trees (min_samples_leaf
  // 1, as it counts rows, not weights; few distinct values, so the same bins).
  const Problem p = with_missing(300, 4);
  Matrix X = p.X;
  X.col(0) = arma::round(X.col(0) * 10);
  Vector w(300);
  std::vector<arma::uword> repeated;
  for (Index i = 0; i < 300; ++i) {
    w(i) = static_cast<double>(1 + i % 3);
    for (int k = 0; k < static_cast<int>(w(i)); ++k) repeated.push_back(i);
  }
  const arma::uvec rows(repeated);
  HistGradientBoostingRegressorParams params{.max_iter = 10, .min_samples_leaf = 1};
  HistGradientBoostingRegressor weighted(params), expanded(params);
  weighted.fit(X, p.y, w);
  expanded.fit(X.rows(rows), p.y(rows));
  CHECK(arma::abs(weighted.predict(X) - expanded.predict(X)).max() < 1e-4);
  CHECK(weighted.trees()[0].weighted_n_node_samples[0] == Approx(arma::accu(w)));
}

TEST_CASE("HGB multiclass and class weights", "[hist_gradient_boosting]") {
  const auto wine = bundled("wine", "cultivar");
  const Labels y = arma::conv_to<Labels>::from(wine.y);
  HistGradientBoostingClassifier clf({.max_iter = 30});
  clf.fit(wine.X, y);
  CHECK(clf.n_trees_per_iteration() == 3);
  CHECK(clf.trees().size() == 90);
  const Matrix proba = clf.predict_proba(wine.X);
  CHECK(arma::abs(arma::sum(proba, 1) - 1).max() < 1e-12);
  const Matrix raw = clf.decision_function(wine.X);
  CHECK(arma::all(arma::index_max(raw, 1) == arma::index_max(proba, 1)));
  CHECK(clf.score(wine.X, y) > 0.99);
  // Balanced weights on an unbalanced binary problem raise the rare class's share.
  const auto cancer = bundled("breast_cancer", "diagnosis");
  const Labels yc = arma::conv_to<Labels>::from(cancer.y);
  HistGradientBoostingClassifier plain({.max_iter = 10});
  HistGradientBoostingClassifier balanced(
      {.max_iter = 10, .class_weight = fitkit::ClassWeightMode::balanced});
  plain.fit(cancer.X, yc);
  balanced.fit(cancer.X, yc);
  const Index rare = arma::accu(yc == 1) < arma::accu(yc == 0) ? 1 : 0;
  CHECK(arma::mean(balanced.predict_proba(cancer.X).col(rare)) >
        arma::mean(plain.predict_proba(cancer.X).col(rare)));
}

TEST_CASE("HGB save and load give the same predictions, .bin and .json",
          "[hist_gradient_boosting]") {
  const Problem p = with_missing(500, 5);
  HistGradientBoostingRegressor reg({.max_iter = 15, .categorical_features = {"2"}});
  reg.fit(p.X, p.y);
  const auto wine = bundled("wine", "cultivar");
  HistGradientBoostingClassifier clf({.max_iter = 15});
  clf.fit(wine.X, arma::conv_to<Labels>::from(wine.y));
  ScratchDir dir;
  for (const std::string ext : {".bin", ".json"}) {
    fitkit::save(reg, dir.file("reg" + ext));
    const auto r = fitkit::load<HistGradientBoostingRegressor>(dir.file("reg" + ext));
    CHECK(arma::all(r.predict(p.X) == reg.predict(p.X)));
    CHECK(r.is_categorical() == reg.is_categorical());
    fitkit::save(clf, dir.file("clf" + ext));
    const auto c = fitkit::load<HistGradientBoostingClassifier>(dir.file("clf" + ext));
    CHECK(arma::all(arma::vectorise(c.predict_proba(wine.X) == clf.predict_proba(wine.X))));
    CHECK(c.n_iter() == 15);
  }
}

TEST_CASE("HGB: the same seed gives the same model whatever the thread count",
          "[hist_gradient_boosting]") {
  // Large enough for subsampled binning, a validation split and threaded histograms.
  const Problem p = with_missing(30000, 6);
  const auto fit_with = [&](int threads) {
    fitkit::set_num_threads(threads);
    fitkit::detail::set_min_nanoseconds_per_thread(0);
    HistGradientBoostingClassifier clf({.max_iter = 15, .seed = 7});
    clf.fit(p.X, class_of(p.y));
    fitkit::detail::set_min_nanoseconds_per_thread(fitkit::detail::kDefaultMinNanosecondsPerThread);
    fitkit::set_num_threads(0);
    return clf.decision_function(p.X);
  };
  const Matrix one = fit_with(1), two = fit_with(2), again = fit_with(2);
  CHECK(arma::all(arma::vectorise(one == two)));
  CHECK(arma::all(arma::vectorise(two == again)));
}

TEST_CASE("HGB refuses bad parameters and inputs with clear errors", "[hist_gradient_boosting]") {
  const Problem p = with_missing(200, 7);
  const auto refuses = [&](HistGradientBoostingRegressorParams params, const Matrix& X,
                           const std::string& message) {
    HistGradientBoostingRegressor model(params);
    INFO(message);
    CHECK_THROWS_WITH(model.fit(X, p.y), Catch::Matchers::Contains(message));
    CHECK_FALSE(model.is_fitted());
  };
  refuses({.max_iter = 0}, p.X, "max_iter");
  refuses({.learning_rate = 0}, p.X, "learning_rate");
  refuses({.learning_rate = -1}, p.X, "learning_rate");
  refuses({.max_leaf_nodes = 1}, p.X, "max_leaf_nodes");
  refuses({.max_depth = 0}, p.X, "max_depth");
  refuses({.min_samples_leaf = 0}, p.X, "min_samples_leaf");
  refuses({.max_bins = 256}, p.X, "max_bins");
  refuses({.monotonic_cst = {1, 0}}, p.X, "monotonic_cst");
  refuses({.monotonic_cst = {2, 0, 0}}, p.X, "monotonic_cst");
  refuses({.categorical_features = {"2"}, .monotonic_cst = {0, 0, 1}}, p.X, "categorical");
  refuses({.categorical_features = {"3"}}, p.X, "categorical_features");
  refuses({.categorical_features = {"x2"}}, p.X, "no feature names");
  refuses({.loss = HgbRegressionLoss::quantile}, p.X, "quantile");
  Matrix X = p.X;
  X(5, 2) = -1;
  refuses({.categorical_features = {"2"}}, X, "negative");
  X(5, 2) = 1.5;
  refuses({.categorical_features = {"2"}}, X, "non-integer");
  X(5, 2) = 300;
  refuses({.categorical_features = {"2"}}, X, "max_bins");
  // More categories than max_bins.
  X.col(2) = arma::regspace<Vector>(0, 199);
  refuses({.max_bins = 100, .categorical_features = {"2"}}, X, "at most max_bins");
  X = p.X;
  X(3, 0) = arma::datum::inf;
  refuses({}, X, "infinite value");
  HistGradientBoostingRegressor poisson({.loss = HgbRegressionLoss::poisson});
  CHECK_THROWS_AS(poisson.fit(p.X, p.y - 10), fitkit::DataError);
  // monotonic constraints with more than two classes, as scikit-learn refuses them.
  const auto wine = bundled("wine", "cultivar");
  HistGradientBoostingClassifier clf({.monotonic_cst = std::vector<int>(13, 0)});
  CHECK_THROWS_WITH(clf.fit(wine.X, arma::conv_to<Labels>::from(wine.y)),
                    Catch::Matchers::Contains("multiclass"));
  HistGradientBoostingClassifier one_class;
  CHECK_THROWS_AS(one_class.fit(p.X, Labels(200, arma::fill::zeros)), fitkit::DataError);
  // Predict: width, infinities, before fit.
  HistGradientBoostingRegressor fitted({.max_iter = 5});
  fitted.fit(p.X, p.y);
  CHECK_THROWS_AS(fitted.predict(p.X.cols(0, 1)), fitkit::DimensionMismatch);
  CHECK_THROWS_AS(fitted.predict(X), fitkit::DataError);
  CHECK_THROWS_AS(HistGradientBoostingRegressor().predict(p.X), fitkit::NotFitted);
}
