// SGDClassifier and SGDRegressor against scikit-learn fixtures made by
// tests/reference/make_sgd.py, plus the bad inputs of DESIGN.md §8.

#include <catch2/catch.hpp>
#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/core/warnings.hpp"
#include "fitkit/linear/sgd_classifier.hpp"
#include "fitkit/linear/sgd_regressor.hpp"
#include "fitkit/model/model_io.hpp"
#include "support.hpp"

using fitkit::ClassWeightMode;
using fitkit::Index;
using fitkit::Labels;
using fitkit::Matrix;
using fitkit::SGDClassifier;
using fitkit::SgdClassifierLoss;
using fitkit::SGDClassifierParams;
using fitkit::SgdLearningRate;
using fitkit::SgdPenalty;
using fitkit::SGDRegressor;
using fitkit::SgdRegressorLoss;
using fitkit::SGDRegressorParams;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

struct Problem {
  Matrix X;
  Vector y;
};

Problem stored(const std::string& name) {
  return {reference_matrix("sgd/data/" + name + "_X.csv"),
          reference_vector("sgd/data/" + name + "_y.csv")};
}

Labels to_labels(const Vector& v) {
  return arma::conv_to<Labels>::from(arma::round(v));
}

// The same steps as scikit-learn's (shuffle false) give its coefficients to rounding: 1e-8 of
// the largest, the same epochs and sample count t, the same predictions.
constexpr double tight = 1e-8;

SGDClassifier check_classifier(const std::string& name, const Problem& p,
                               SGDClassifierParams params, const Vector& w = {}) {
  params.shuffle = false;
  SGDClassifier clf(params);
  {
    fitkit::WarningCapture quiet;  // some cases stop at max_iter, as scikit-learn's
    if (w.is_empty())
      clf.fit(p.X, to_labels(p.y));
    else
      clf.fit(p.X, to_labels(p.y), w);
  }
  const std::string dir = "sgd/" + name + "/";
  const Matrix coef = reference_matrix(dir + "coef.csv");
  const Matrix expected = coef.n_cols == 1 ? Matrix(coef.t()) : coef;
  INFO(name << ": " << clf.n_iter() << " epochs");
  REQUIRE(clf.coef().n_rows == expected.n_rows);
  REQUIRE(clf.coef().n_cols == expected.n_cols);
  CHECK(relative_error(arma::vectorise(clf.coef()), arma::vectorise(expected)) < tight);
  const Vector intercept = reference_vector(dir + "intercept.csv");
  CHECK(arma::abs(clf.intercept() - intercept).max() <
        tight * std::max({1.0, arma::abs(expected).max(), arma::abs(intercept).max()}));
  CHECK(clf.n_iter() == static_cast<Index>(reference_scalar(dir + "n_iter.csv")));
  CHECK(clf.t() == reference_scalar(dir + "t.csv"));
  CHECK(arma::all(clf.predict(p.X) == to_labels(reference_vector(dir + "pred.csv"))));
  if (clf.tags().predict_proba)
    CHECK(arma::abs(clf.predict_proba(p.X) - reference_matrix(dir + "proba.csv")).max() < 1e-8);
  return clf;
}

SGDRegressor check_regressor(const std::string& name, const Problem& p, SGDRegressorParams params,
                             const Vector& w = {}) {
  params.shuffle = false;
  SGDRegressor reg(params);
  {
    fitkit::WarningCapture quiet;
    if (w.is_empty())
      reg.fit(p.X, p.y);
    else
      reg.fit(p.X, p.y, w);
  }
  const std::string dir = "sgd/" + name + "/";
  const Vector coef = reference_vector(dir + "coef.csv");
  INFO(name << ": " << reg.n_iter() << " epochs");
  CHECK(relative_error(reg.coef(), coef) < tight);
  const double intercept = reference_scalar(dir + "intercept.csv");
  CHECK(std::abs(reg.intercept() - intercept) <
        tight * std::max({1.0, arma::abs(coef).max(), std::abs(intercept)}));
  CHECK(reg.n_iter() == static_cast<Index>(reference_scalar(dir + "n_iter.csv")));
  CHECK(reg.t() == reference_scalar(dir + "t.csv"));
  CHECK(relative_error(reg.predict(p.X), reference_vector(dir + "pred.csv")) < tight);
  return reg;
}

}  // namespace

TEST_CASE("SGDClassifier matches scikit-learn (binary, shuffle false)", "[sgd][reference]") {
  const Problem cancer = stored("cancer");
  using L = SgdClassifierLoss;
  SECTION("hinge, l2, optimal (the defaults)") {
    check_classifier("cancer_hinge", cancer, {});
  }
  SECTION("log_loss, elasticnet") {
    check_classifier("cancer_log_elasticnet", cancer,
                     {.loss = L::log_loss, .penalty = SgdPenalty::elasticnet, .alpha = 1e-3});
  }
  SECTION("modified_huber") {
    check_classifier("cancer_modified_huber", cancer, {.loss = L::modified_huber});
  }
  SECTION("squared_hinge, l1 (stops at max_iter, as scikit-learn)") {
    check_classifier("cancer_squared_hinge_l1", cancer,
                     {.loss = L::squared_hinge, .penalty = SgdPenalty::l1, .alpha = 1e-3});
  }
  SECTION("perceptron, no penalty") {
    check_classifier("cancer_perceptron", cancer,
                     {.loss = L::perceptron, .penalty = SgdPenalty::none});
  }
  SECTION("log_loss, constant learning rate") {
    check_classifier(
        "cancer_log_constant", cancer,
        {.loss = L::log_loss, .learning_rate = SgdLearningRate::constant, .eta0 = 0.01});
  }
  SECTION("hinge, adaptive learning rate") {
    check_classifier("cancer_hinge_adaptive", cancer,
                     {.learning_rate = SgdLearningRate::adaptive, .eta0 = 0.1});
  }
  SECTION("log_loss, invscaling") {
    check_classifier(
        "cancer_log_invscaling", cancer,
        {.loss = L::log_loss, .learning_rate = SgdLearningRate::invscaling, .eta0 = 0.5});
  }
  SECTION("balanced class weights") {
    check_classifier("cancer_balanced", cancer, {.class_weight = ClassWeightMode::balanced});
  }
  SECTION("sample weights (some zero)") {
    check_classifier("cancer_weighted", cancer, {.loss = L::log_loss},
                     reference_vector("sgd/cancer_weighted/w.csv"));
  }
  SECTION("averaged SGD") {
    check_classifier("cancer_average", cancer, {.average = 1});
  }
  SECTION("no intercept") {
    const auto clf = check_classifier("cancer_no_intercept", cancer, {.fit_intercept = false});
    CHECK(clf.intercept()(0) == 0.0);
  }
  SECTION("a regression loss on -1 / +1") {
    check_classifier("cancer_huber", cancer, {.loss = L::huber, .epsilon = 0.5});
  }
  SECTION("max_iter reached, and tol disabled") {
    check_classifier("cancer_max_iter", cancer, {.max_iter = 3});
    check_classifier("cancer_no_tol", cancer, {.max_iter = 20, .tol = -1});
  }
}

TEST_CASE("SGDClassifier matches scikit-learn (one-vs-rest, shuffle false)", "[sgd][reference]") {
  const Problem iris = stored("iris");
  using L = SgdClassifierLoss;
  SECTION("hinge") {
    check_classifier("iris_hinge", iris, {});
  }
  SECTION("log_loss, normalised probabilities") {
    check_classifier("iris_log", iris, {.loss = L::log_loss});
  }
  SECTION("modified_huber probabilities") {
    check_classifier("iris_modified_huber", iris, {.loss = L::modified_huber, .alpha = 0.01});
  }
  SECTION("balanced class weights") {
    const Problem head{iris.X.head_rows(120), iris.y.head(120)};
    check_classifier("iris_balanced", head, {.class_weight = ClassWeightMode::balanced});
  }
  SECTION("class weights given per label") {
    check_classifier("iris_class_weight", iris,
                     {.class_weight = fitkit::ClassWeight::given({{0, 1.0}, {1, 3.0}, {2, 0.5}})});
  }
  SECTION("averaging from sample 100") {
    check_classifier("iris_average", iris, {.loss = L::log_loss, .average = 100});
  }
}

TEST_CASE("SGDRegressor matches scikit-learn (shuffle false)", "[sgd][reference]") {
  const Problem diabetes = stored("diabetes");
  using L = SgdRegressorLoss;
  SECTION("squared_error, invscaling (the defaults)") {
    check_regressor("diabetes_squared_error", diabetes, {});
  }
  SECTION("huber") {
    check_regressor("diabetes_huber", diabetes, {.loss = L::huber, .epsilon = 10.0});
  }
  SECTION("epsilon_insensitive, constant") {
    check_regressor("diabetes_epsilon_insensitive", diabetes,
                    {.loss = L::epsilon_insensitive,
                     .epsilon = 5.0,
                     .learning_rate = SgdLearningRate::constant,
                     .eta0 = 0.01});
  }
  SECTION("squared_epsilon_insensitive") {
    check_regressor("diabetes_squared_epsilon_insensitive", diabetes,
                    {.loss = L::squared_epsilon_insensitive, .epsilon = 5.0, .eta0 = 0.001});
  }
  SECTION("adaptive") {
    check_regressor("diabetes_adaptive", diabetes,
                    {.learning_rate = SgdLearningRate::adaptive, .eta0 = 0.001});
  }
  SECTION("l1") {
    check_regressor("diabetes_l1", diabetes, {.penalty = SgdPenalty::l1, .alpha = 0.1});
  }
  SECTION("elasticnet, optimal") {
    check_regressor("diabetes_elasticnet_optimal", diabetes,
                    {.penalty = SgdPenalty::elasticnet,
                     .alpha = 0.01,
                     .learning_rate = SgdLearningRate::optimal});
  }
  SECTION("averaged SGD") {
    check_regressor("diabetes_average", diabetes, {.average = 1});
  }
  SECTION("sample weights") {
    check_regressor("diabetes_weighted", diabetes, {},
                    reference_vector("sgd/diabetes_weighted/w.csv"));
  }
}

namespace {

struct Chunk {
  Index lo, hi;
};

template <class Model, class Fit>
void run_chunks(Model& model, const std::vector<Chunk>& chunks, int passes, const Fit& fit) {
  for (int pass = 0; pass < passes; ++pass)
    for (const Chunk& c : chunks) fit(model, c.lo, c.hi - 1);
}

}  // namespace

TEST_CASE("partial_fit over chunks matches scikit-learn's (shuffle false)", "[sgd][reference]") {
  const Problem iris = stored("iris");
  const Labels iris_y = to_labels(iris.y);
  const std::vector<Chunk> iris_chunks{{0, 40}, {40, 100}, {100, 150}};
  const auto check = [](const std::string& name, const Matrix& coef, const Vector& intercept,
                        double t) {
    const std::string dir = "sgd/" + name + "/";
    Matrix expected = reference_matrix(dir + "coef.csv");
    if (expected.n_cols == 1) expected = expected.t();
    INFO(name);
    CHECK(relative_error(arma::vectorise(coef), arma::vectorise(expected)) < tight);
    CHECK(arma::abs(intercept - reference_vector(dir + "intercept.csv")).max() <
          tight * std::max(1.0, arma::abs(expected).max()));
    CHECK(t == reference_scalar(dir + "t.csv"));
  };
  SECTION("iris, hinge, classes on every call") {
    SGDClassifier clf({.shuffle = false});
    run_chunks(clf, iris_chunks, 3, [&](SGDClassifier& m, Index lo, Index hi) {
      m.partial_fit(iris.X.rows(lo, hi), iris_y.subvec(lo, hi), Labels{0, 1, 2});
    });
    CHECK(clf.n_iter() == 1);
    check("iris_partial", clf.coef(), clf.intercept(), clf.t());
  }
  SECTION("iris, hinge, class weights given per label") {
    SGDClassifier clf({.shuffle = false,
                       .class_weight = fitkit::ClassWeight::given({{0, 1.0}, {1, 3.0}, {2, 0.5}})});
    run_chunks(clf, iris_chunks, 2, [&](SGDClassifier& m, Index lo, Index hi) {
      m.partial_fit(iris.X.rows(lo, hi), iris_y.subvec(lo, hi), Labels{0, 1, 2});
    });
    check("iris_partial_class_weight", clf.coef(), clf.intercept(), clf.t());
  }
  SECTION("iris, log_loss, averaging from sample 260, classes on the first call only") {
    SGDClassifier clf({.loss = SgdClassifierLoss::log_loss, .shuffle = false, .average = 260});
    bool first = true;
    run_chunks(clf, iris_chunks, 2, [&](SGDClassifier& m, Index lo, Index hi) {
      m.partial_fit(iris.X.rows(lo, hi), iris_y.subvec(lo, hi), first ? Labels{0, 1, 2} : Labels());
      first = false;
    });
    check("iris_partial_average", clf.coef(), clf.intercept(), clf.t());
    CHECK(arma::abs(clf.predict_proba(iris.X) -
                    reference_matrix("sgd/iris_partial_average/proba.csv"))
              .max() < 1e-8);
  }
  SECTION("breast_cancer, modified_huber") {
    const Problem cancer = stored("cancer");
    const Labels y = to_labels(cancer.y);
    SGDClassifier clf({.loss = SgdClassifierLoss::modified_huber, .shuffle = false});
    run_chunks(clf, {{0, 200}, {200, 569}}, 2, [&](SGDClassifier& m, Index lo, Index hi) {
      m.partial_fit(cancer.X.rows(lo, hi), y.subvec(lo, hi), Labels{0, 1});
    });
    check("cancer_partial", clf.coef(), clf.intercept(), clf.t());
  }
  SECTION("diabetes, regressor") {
    const Problem diabetes = stored("diabetes");
    SGDRegressor reg({.shuffle = false});
    run_chunks(reg, {{0, 150}, {150, 300}, {300, 442}}, 4,
               [&](SGDRegressor& m, Index lo, Index hi) {
                 m.partial_fit(diabetes.X.rows(lo, hi), diabetes.y.subvec(lo, hi));
               });
    check("diabetes_partial", Matrix(reg.coef().t()), Vector{reg.intercept()}, reg.t());
  }
  SECTION("diabetes, regressor, averaging from sample 100") {
    const Problem diabetes = stored("diabetes");
    SGDRegressor reg({.shuffle = false, .average = 100});
    run_chunks(reg, {{0, 150}, {150, 300}, {300, 442}}, 3,
               [&](SGDRegressor& m, Index lo, Index hi) {
                 m.partial_fit(diabetes.X.rows(lo, hi), diabetes.y.subvec(lo, hi));
               });
    check("diabetes_partial_average", Matrix(reg.coef().t()), Vector{reg.intercept()}, reg.t());
  }
  SECTION("partial_fit after fit continues from the fitted model and its t") {
    SGDClassifier a({.max_iter = 3, .shuffle = false});
    SGDClassifier b({.max_iter = 4, .shuffle = false});
    fitkit::WarningCapture quiet;
    a.fit(iris.X, iris_y);
    a.partial_fit(iris.X, iris_y);
    b.fit(iris.X, iris_y);
    // The same steps; only where the weight scale is folded in differs (rounding).
    CHECK(a.t() == b.t());
    CHECK(relative_error(arma::vectorise(a.coef()), arma::vectorise(b.coef())) < 1e-12);
  }
}

TEST_CASE("shuffled SGD scores as scikit-learn's (mean over seeds)", "[sgd][reference]") {
  // The sample order comes from another generator, so only the quality can agree: the mean
  // training score over seeds 0..9 within a few samples' worth of scikit-learn's.
  const auto mean_score = [](auto make, const Problem& p, auto score) {
    double sum = 0;
    for (std::uint64_t seed = 0; seed < 10; ++seed) sum += score(make(seed), p);
    return sum / 10;
  };
  const auto classify = [](SGDClassifierParams params) {
    return [params](std::uint64_t seed) mutable {
      params.seed = seed;
      return SGDClassifier(params);
    };
  };
  const auto accuracy = [](SGDClassifier clf, const Problem& p) {
    clf.fit(p.X, to_labels(p.y));
    return clf.score(p.X, to_labels(p.y));
  };
  const Problem cancer = stored("cancer");
  const double cancer_score = mean_score(classify({}), cancer, accuracy);
  CHECK(std::abs(cancer_score - reference_scalar("sgd/cancer_shuffled/score.csv")) < 0.005);
  const Problem iris = stored("iris");
  const double iris_score =
      mean_score(classify({.loss = SgdClassifierLoss::log_loss}), iris, accuracy);
  CHECK(std::abs(iris_score - reference_scalar("sgd/iris_shuffled/score.csv")) < 0.015);
  const Problem diabetes = stored("diabetes");
  double r2 = 0;
  {
    fitkit::WarningCapture quiet;
    for (std::uint64_t seed = 0; seed < 10; ++seed) {
      SGDRegressor reg({.seed = seed});
      r2 += reg.fit(diabetes.X, diabetes.y).score(diabetes.X, diabetes.y) / 10;
    }
  }
  CHECK(std::abs(r2 - reference_scalar("sgd/diabetes_shuffled/score.csv")) < 0.002);
  INFO("cancer " << cancer_score << ", iris " << iris_score << ", diabetes " << r2);
  CHECK(cancer_score > 0);  // keeps the INFO above in the report
}

TEST_CASE("SGDClassifier predictions, probabilities and labels", "[sgd]") {
  const Problem iris = stored("iris");
  const Labels y = to_labels(iris.y);
  SGDClassifier clf({.loss = SgdClassifierLoss::log_loss});
  clf.fit(iris.X, y);
  CHECK(clf.decision_function(iris.X).n_cols == 3);
  const Matrix proba = clf.predict_proba(iris.X);
  CHECK(arma::abs(arma::sum(proba, 1) - 1.0).max() < 1e-12);
  CHECK(clf.score(iris.X, y) > 0.85);

  SECTION("arbitrary integer labels come back as given") {
    Labels odd = y;
    odd.transform([](std::int64_t v) { return v * 10 - 7; });
    SGDClassifier other({.loss = SgdClassifierLoss::log_loss});
    other.fit(iris.X, odd);
    CHECK(arma::all(other.classes() == Labels{-7, 3, 13}));
    CHECK(arma::all(other.predict(iris.X) == clf.predict(iris.X) * 10 - 7));
  }
  SECTION("hinge has no predict_proba") {
    SGDClassifier hinge;
    hinge.fit(iris.X, y);
    CHECK_FALSE(hinge.tags().predict_proba);
    CHECK_THROWS_AS(hinge.predict_proba(iris.X), fitkit::Error);
  }
  SECTION("binary: one row, the second class positive") {
    const Problem cancer = stored("cancer");
    const Labels c = to_labels(cancer.y);
    SGDClassifier bin({.loss = SgdClassifierLoss::modified_huber});
    bin.fit(cancer.X, c);
    CHECK(bin.coef().n_rows == 1);
    const Matrix d = bin.decision_function(cancer.X);
    CHECK(arma::all(bin.predict(cancer.X) == arma::conv_to<Labels>::from(d.col(0) > 0)));
    const Vector expected = (arma::clamp(d.col(0), -1.0, 1.0) + 1.0) / 2.0;
    CHECK(arma::abs(bin.predict_proba(cancer.X).col(1) - expected).max() < 1e-15);
  }
  SECTION("warm_start continues from the previous coefficients") {
    SGDClassifier warm({.max_iter = 2, .shuffle = false, .warm_start = true});
    fitkit::WarningCapture quiet;
    warm.fit(iris.X, y);
    const Matrix first = warm.coef();
    warm.fit(iris.X, y);
    SGDClassifier cold({.max_iter = 2, .shuffle = false});
    cold.fit(iris.X, y);
    CHECK(arma::approx_equal(cold.coef(), first, "absdiff", 0.0));
    CHECK_FALSE(arma::approx_equal(warm.coef(), first, "absdiff", 1e-6));
    CHECK(warm.t() == 1 + 2 * 150);  // t restarts with every fit, as scikit-learn's
    CHECK_THROWS_AS(warm.fit(iris.X.cols(0, 2), y), fitkit::DimensionMismatch);
  }
}

TEST_CASE("SGD: same seed, same model, independent of the thread count", "[sgd][determinism]") {
  arma::arma_rng::set_seed(5);
  Matrix X(3000, 12, arma::fill::randn);
  Labels y(X.n_rows);
  for (Index i = 0; i < y.n_elem; ++i)
    y(i) = (X(i, 0) + X(i, 1) > 0 ? 1 : 0) + (X(i, 2) > 0.5 ? 2 : 0);
  fitkit::set_num_threads(1);
  SGDClassifier one({.seed = 7});
  one.fit(X, y);
  fitkit::set_num_threads(2);
  SGDClassifier two({.seed = 7});
  two.fit(X, y);
  SGDClassifier again({.seed = 7});
  again.fit(X, y);
  SGDClassifier other({.seed = 8});
  other.fit(X, y);
  fitkit::set_num_threads(0);
  // Exact: no BLAS in SGD's fit; each one-vs-rest line runs its epochs in fitkit's own loops
  // on one thread, with a random stream of its own.
  CHECK(one.coef().n_rows == 4);
  CHECK(arma::approx_equal(one.coef(), two.coef(), "absdiff", 0.0));
  CHECK(arma::approx_equal(two.coef(), again.coef(), "absdiff", 0.0));
  CHECK(arma::all(one.intercept() == two.intercept()));
  CHECK_FALSE(arma::approx_equal(one.coef(), other.coef(), "absdiff", 1e-9));

  const Vector target = X * arma::linspace(-1, 1, 12) + 0.5;
  SGDRegressor r1({.seed = 3}), r2({.seed = 3}), r3({.seed = 4});
  r1.fit(X, target);
  r2.fit(X, target);
  r3.fit(X, target);
  CHECK(arma::approx_equal(r1.coef(), r2.coef(), "absdiff", 0.0));
  CHECK(r1.intercept() == r2.intercept());
  CHECK_FALSE(arma::approx_equal(r1.coef(), r3.coef(), "absdiff", 1e-12));
}

TEST_CASE("SGD save and load give identical predictions", "[sgd]") {
  ScratchDir dir;
  const Problem iris = stored("iris");
  const Labels y = to_labels(iris.y);
  const auto average = GENERATE(0, 1);
  SGDClassifier clf({.loss = SgdClassifierLoss::log_loss, .average = average});
  clf.fit(iris.X, y);
  SGDRegressor reg({.average = average});
  const Problem diabetes = stored("diabetes");
  {
    fitkit::WarningCapture quiet;
    reg.fit(diabetes.X, diabetes.y);
  }
  for (const std::string ext : {".bin", ".json"}) {
    const std::string path = dir.file("sgd" + ext);
    fitkit::save(clf, path);
    auto loaded = fitkit::load<SGDClassifier>(path);
    CHECK(arma::all(loaded.predict(iris.X) == clf.predict(iris.X)));
    CHECK(arma::approx_equal(loaded.predict_proba(iris.X), clf.predict_proba(iris.X), "absdiff",
                             0.0));
    CHECK(loaded.n_iter() == clf.n_iter());
    CHECK(loaded.t() == clf.t());
    CHECK(loaded.get_params() == clf.get_params());
    // The state partial_fit continues from is saved too.
    SGDClassifier continued = clf;
    continued.partial_fit(iris.X, y);
    loaded.partial_fit(iris.X, y);
    CHECK(arma::approx_equal(loaded.coef(), continued.coef(), "absdiff", 0.0));
    const auto any = fitkit::load_any(path);
    CHECK(any->type_name() == "SGDClassifier");
    CHECK(any->tags().partial_fit);

    const std::string rpath = dir.file("sgdr" + ext);
    fitkit::save(reg, rpath);
    const auto rloaded = fitkit::load<SGDRegressor>(rpath);
    CHECK(arma::approx_equal(rloaded.predict(diabetes.X), reg.predict(diabetes.X), "absdiff", 0.0));
    CHECK(rloaded.t() == reg.t());
  }
}

TEST_CASE("SGD warns at max_iter, as scikit-learn's ConvergenceWarning", "[sgd]") {
  const Problem cancer = stored("cancer");
  const Labels y = to_labels(cancer.y);
  {
    fitkit::WarningCapture capture;
    SGDClassifier({.max_iter = 2}).fit(cancer.X, y);
    REQUIRE(capture.warnings().size() == 1);
    CHECK(capture.warnings()[0].kind == fitkit::WarningKind::convergence);
    CHECK_THAT(capture.warnings()[0].message,
               Catch::Matchers::Contains("SGDClassifier did not converge in 2 iterations"));
  }
  {
    fitkit::WarningCapture capture;  // no tolerance: max_iter is the plan, not a failure
    SGDClassifier({.max_iter = 2, .tol = -1}).fit(cancer.X, y);
    SGDClassifier().fit(cancer.X, y);
    SGDClassifier().partial_fit(cancer.X, y, Labels{0, 1});
    CHECK(capture.warnings().empty());
  }
  {
    fitkit::WarningCapture capture;
    const Problem diabetes = stored("diabetes");
    SGDRegressor({.max_iter = 3}).fit(diabetes.X, diabetes.y);
    REQUIRE(capture.warnings().size() == 1);
    CHECK_THAT(capture.warnings()[0].message, Catch::Matchers::Contains("SGDRegressor"));
  }
}

TEST_CASE("SGD rejects bad input with clear errors", "[sgd]") {
  using Catch::Matchers::Contains;
  const Matrix X = {{1, 2}, {3, 4}, {5, 7}, {2, 2}};
  const Labels y = {0, 1, 0, 1};
  const Vector v = {0.5, 1.5, 2.0, 3.0};
  SGDClassifier clf;
  SGDRegressor reg;

  CHECK_THROWS_AS(clf.predict(X), fitkit::NotFitted);
  CHECK_THROWS_AS(clf.coef(), fitkit::NotFitted);
  CHECK_THROWS_AS(reg.predict(X), fitkit::NotFitted);
  CHECK_THROWS_AS(reg.t(), fitkit::NotFitted);
  CHECK_THROWS_WITH(clf.fit(Matrix(0, 2), Labels()), Contains("no rows"));
  CHECK_THROWS_WITH(reg.fit(Matrix(0, 2), Vector()), Contains("no rows"));
  CHECK_THROWS_WITH(clf.fit(Matrix(4, 0), y), Contains("no feature columns"));
  CHECK_THROWS_WITH(reg.fit(Matrix(4, 0), v), Contains("no feature columns"));
  CHECK_THROWS_AS(clf.fit(X, Labels{0, 1}), fitkit::DimensionMismatch);
  CHECK_THROWS_AS(reg.fit(X, Vector{1, 2}), fitkit::DimensionMismatch);
  CHECK_THROWS_WITH(clf.fit(X, Labels{1, 1, 1, 1}), Contains("only one"));
  CHECK_THROWS_WITH(clf.fit(Matrix{{1.0, 2.0}}, Labels{1}), Contains("only one"));
  Matrix with_nan = X;
  with_nan(1, 1) = arma::datum::nan;
  CHECK_THROWS_WITH(clf.fit(with_nan, y), Contains("NaN at row 2, column 2"));
  CHECK_THROWS_WITH(reg.fit(with_nan, v), Contains("NaN at row 2, column 2"));
  CHECK_THROWS_WITH(reg.fit(X, Vector{1, arma::datum::inf, 2, 3}), Contains("infinite"));
  CHECK_THROWS_WITH(clf.fit(X, y, Vector{1, -1, 1, 1}), Contains("negative at row 2"));
  CHECK_THROWS_WITH(reg.fit(X, v, Vector{0, 0, 0, 0}), Contains("sums to zero"));
  fitkit::Dataset continuous{X, v, {"a", "b"}, "t", {}, "d.csv"};
  CHECK_THROWS_WITH(clf.fit_dataset(continuous), Contains("the target is continuous"));
  CHECK_FALSE(clf.is_fitted());
  CHECK_FALSE(reg.is_fitted());

  SECTION("one row fits") {
    SGDRegressor one;
    fitkit::WarningCapture quiet;
    one.fit(Matrix{{1.0, 2.0}}, Vector{3.0});
    CHECK(one.coef().is_finite());
  }
  SECTION("parameters out of range") {
    CHECK_THROWS_AS(clf.set_param("alpha", "-1"), fitkit::InvalidParameter);
    CHECK_THROWS_AS(clf.set_param("max_iter", "0"), fitkit::InvalidParameter);
    CHECK_THROWS_AS(clf.set_param("l1_ratio", "1.5"), fitkit::InvalidParameter);
    CHECK_THROWS_AS(clf.set_param("n_iter_no_change", "0"), fitkit::InvalidParameter);
    CHECK_THROWS_AS(clf.set_param("eta0", "-0.1"), fitkit::InvalidParameter);
    CHECK_THROWS_AS(clf.set_param("average", "-1"), fitkit::InvalidParameter);
    CHECK_THROWS_AS(reg.set_param("epsilon", "-1"), fitkit::InvalidParameter);
    CHECK_THROWS_WITH(reg.set_param("loss", "hinge"), Contains("expected one of squared_error"));
    CHECK_THROWS_WITH(SGDClassifier({.alpha = 0}).fit(X, y), Contains("alpha"));
    CHECK_THROWS_WITH(SGDClassifier({.learning_rate = SgdLearningRate::constant}).fit(X, y),
                      Contains("eta0"));
    CHECK_THROWS_WITH(SGDRegressor({.eta0 = 0}).fit(X, v), Contains("eta0"));
    clf.set_param("loss", "log");  // scikit-learn's older name
    CHECK(clf.params().loss == SgdClassifierLoss::log_loss);
    CHECK(clf.get_params().at("loss") == "log_loss");
  }
  SECTION("partial_fit checks its classes") {
    CHECK_THROWS_WITH(clf.partial_fit(X, y), Contains("classes"));
    CHECK_THROWS_WITH(clf.partial_fit(X, y, Labels{1}), Contains("two classes"));
    CHECK_THROWS_WITH(clf.partial_fit(X, Labels{0, 1, 5, 1}, Labels{0, 1}),
                      Contains("label 5 at row 3"));
    clf.partial_fit(X, y, Labels{0, 1, 2});
    CHECK(clf.coef().n_rows == 3);
    CHECK_THROWS_WITH(clf.partial_fit(X, y, Labels{0, 1}), Contains("the model's classes"));
    CHECK_THROWS_AS(clf.partial_fit(Matrix(2, 3, arma::fill::ones), Labels{0, 1}),
                    fitkit::DimensionMismatch);
    SGDClassifier balanced({.class_weight = ClassWeightMode::balanced});
    CHECK_THROWS_WITH(balanced.partial_fit(X, y, Labels{0, 1}), Contains("class_weight"));
    CHECK_THROWS_AS(reg.partial_fit_dataset({X, v, {}, "t", {}, "d"}, Vector{0, 1}),
                    fitkit::InvalidParameter);
  }
  SECTION("predict checks its input") {
    clf.fit(X, y);
    CHECK_THROWS_WITH(clf.predict(Matrix(2, 3, arma::fill::ones)),
                      Contains("X has 3 features, but SGDClassifier was fitted with 2"));
    Matrix predict_nan = X;
    predict_nan(0, 0) = arma::datum::nan;
    CHECK_THROWS_AS(clf.decision_function(predict_nan), fitkit::DataError);
  }
  SECTION("degenerate but valid inputs: constant and duplicated columns, duplicate rows") {
    const Matrix D = {{1, 5, 1}, {2, 5, 2}, {3, 5, 3}, {3, 5, 3}, {4, 5, 4}};
    SGDClassifier c({.shuffle = false});
    c.fit(D, Labels{0, 0, 1, 1, 1});
    CHECK(c.coef()(0, 0) == c.coef()(0, 2));
    SGDRegressor r({.shuffle = false});
    fitkit::WarningCapture quiet;
    r.fit(D, Vector{1, 2, 3, 3, 4});
    CHECK(r.coef()(0) == r.coef()(2));
  }
  SECTION("overflow is an error, not a model of NaN") {
    const Matrix big = X * 1e150;
    SGDRegressor wild({.learning_rate = SgdLearningRate::constant, .eta0 = 10});
    CHECK_THROWS_WITH(wild.fit(big, v), Contains("overflow"));
    CHECK_FALSE(wild.is_fitted());
  }
}

TEST_CASE("early_stopping holds out a validation set and stops on its score", "[sgd][reference]") {
  const Problem cancer = stored("cancer");
  const Labels y = to_labels(cancer.y);
  const Problem diabetes = stored("diabetes");
  // The split and the order come from another generator: the mean score over seeds 0..9
  // agrees with scikit-learn's within a few samples' worth.
  double accuracy = 0, r2 = 0, iris_accuracy = 0;
  const Problem iris = stored("iris");
  for (std::uint64_t seed = 0; seed < 10; ++seed) {
    SGDClassifier clf({.early_stopping = true, .seed = seed});
    accuracy += clf.fit(cancer.X, y).score(cancer.X, y) / 10;
    CHECK(clf.n_iter() < 20);
    CHECK(clf.t() == 1 + static_cast<double>(clf.n_iter() * 569));  // scikit-learn counts all
    SGDClassifier multi({.early_stopping = true, .validation_fraction = 0.2, .seed = seed});
    iris_accuracy += multi.fit(iris.X, to_labels(iris.y)).score(iris.X, to_labels(iris.y)) / 10;
    SGDRegressor reg({.early_stopping = true, .seed = seed});
    r2 += reg.fit(diabetes.X, diabetes.y).score(diabetes.X, diabetes.y) / 10;
  }
  INFO("cancer " << accuracy << ", iris " << iris_accuracy << ", diabetes " << r2);
  CHECK(std::abs(accuracy - reference_scalar("sgd/cancer_early_stopping/score.csv")) < 0.01);
  CHECK(std::abs(iris_accuracy - reference_scalar("sgd/iris_early_stopping/score.csv")) < 0.05);
  CHECK(std::abs(r2 - reference_scalar("sgd/diabetes_early_stopping/score.csv")) < 0.005);

  SECTION("same seed, same model") {
    SGDClassifier a({.early_stopping = true, .seed = 3}), b({.early_stopping = true, .seed = 3});
    a.fit(cancer.X, y);
    b.fit(cancer.X, y);
    CHECK(arma::approx_equal(a.coef(), b.coef(), "absdiff", 0.0));
  }
  SECTION("a split that leaves a part empty, and partial_fit, are refused") {
    const Matrix X = {{1, 2}, {3, 4}, {5, 7}, {2, 2}};
    CHECK_THROWS_WITH(SGDRegressor({.early_stopping = true, .validation_fraction = 0.9})
                          .fit(X, Vector{1, 2, 3, 4}),
                      Catch::Matchers::Contains("empty training set"));
    CHECK_THROWS_WITH(
        SGDClassifier({.early_stopping = true}).partial_fit(X, Labels{0, 1, 0, 1}, Labels{0, 1}),
        Catch::Matchers::Contains("early_stopping"));
    CHECK_THROWS_AS(SGDRegressor({.early_stopping = true}).partial_fit(X, Vector{1, 2, 3, 4}),
                    fitkit::InvalidParameter);
    CHECK_THROWS_AS(SGDRegressor().set_param("validation_fraction", "1"), fitkit::InvalidParameter);
  }
}
