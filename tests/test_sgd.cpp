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

using fitkit::Index;
using fitkit::Labels;
using fitkit::Matrix;
using fitkit::SGDClassifier;
using fitkit::SgdClassifierLoss;
using fitkit::SGDClassifierParams;
using fitkit::SgdClassWeight;
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
  if (clf.has_predict_proba())
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

TEST_CASE("SGDClassifier matches scikit-learn (binary, shuffle false)", "[sgd]") {
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
    check_classifier("cancer_balanced", cancer, {.class_weight = SgdClassWeight::balanced});
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

TEST_CASE("SGDClassifier matches scikit-learn (one-vs-rest, shuffle false)", "[sgd]") {
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
    check_classifier("iris_balanced", head, {.class_weight = SgdClassWeight::balanced});
  }
  SECTION("averaging from sample 100") {
    check_classifier("iris_average", iris, {.loss = L::log_loss, .average = 100});
  }
}

TEST_CASE("SGDRegressor matches scikit-learn (shuffle false)", "[sgd]") {
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

TEST_CASE("partial_fit over chunks matches scikit-learn's (shuffle false)", "[sgd]") {
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

TEST_CASE("shuffled SGD scores as scikit-learn's (mean over seeds)", "[sgd]") {
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
