// LinearSVR against scikit-learn 1.2.1 (liblinear) fixtures made by
// tests/reference/make_linear_svm.py, plus the bad inputs of DESIGN.md §8.

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/core/warnings.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/model/model_io.hpp"
#include "fitkit/svm/linear_svr.hpp"
#include "support.hpp"

using fitkit::LinearSVMDual;
using fitkit::LinearSVR;
using fitkit::LinearSVRLoss;
using fitkit::LinearSVRParams;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

struct Problem {
  Matrix X;
  Vector y;
};

Problem diabetes() {
  const auto data = fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
  Matrix X = data.X;
  X.each_row() -= arma::mean(X, 0);
  X.each_row() /= arma::stddev(X, 1, 0);
  return {X, data.y};
}

Problem generated() {
  return {reference_matrix("linear_svm/generated_svr/X.csv"),
          reference_vector("linear_svm/generated_svr/y.csv")};
}

// The problem is 1-strongly convex in the augmented w, and the fixture script checks
// scikit-learn's answer for the squared loss to a gradient norm below 1e-4 (a bound on the
// distance to the optimum); the epsilon-insensitive loss's dual solution is checked here by
// the agreement itself. Coefficients of order 10-30 on diabetes: tolerance relative to the
// largest.
LinearSVR check_case(const std::string& name, const Problem& p, LinearSVRParams params,
                     double tolerance = 1e-5, const Vector& w = {}) {
  params.tol = 1e-8;
  params.max_iter = 100000;
  LinearSVR reg(params);
  const fitkit::WarningCapture capture;
  if (w.is_empty())
    reg.fit(p.X, p.y);
  else
    reg.fit(p.X, p.y, w);
  CHECK(capture.warnings().empty());
  const std::string dir = "linear_svm/" + name + "/";
  const Vector coef = reference_vector(dir + "coef.csv");
  INFO(name << ": " << reg.n_iter() << " iterations");
  const double scale = std::max(1.0, arma::abs(coef).max());
  INFO("coef difference " << arma::abs(reg.coef() - coef).max() / scale);
  CHECK(arma::abs(reg.coef() - coef).max() < tolerance * scale);
  const double intercept = reference_scalar(dir + "intercept.csv");
  INFO("intercept difference " << std::abs(reg.intercept() - intercept) / scale);
  CHECK(std::abs(reg.intercept() - intercept) < tolerance * scale);
  const Vector pred = reference_vector(dir + "pred.csv");
  CHECK(arma::abs(reg.predict(p.X) - pred).max() <
        10 * tolerance * std::max(1.0, arma::abs(pred).max()));
  return reg;
}

}  // namespace

TEST_CASE("LinearSVR matches scikit-learn", "[linear_svr][reference]") {
  const Problem d = diabetes();
  SECTION("diabetes, epsilon_insensitive (dual)") {
    check_case("diabetes_l1", d, {.epsilon = 5.0, .C = 1.0}, 1e-4);
  }
  SECTION("diabetes, squared_epsilon_insensitive, dual and primal") {
    const LinearSVRParams p{.epsilon = 5.0,
                            .C = 0.01,
                            .loss = LinearSVRLoss::squared_epsilon_insensitive,
                            .dual = LinearSVMDual::yes};
    check_case("diabetes_l2_dual", d, p);
    LinearSVRParams primal = p;
    primal.dual = LinearSVMDual::no;
    check_case("diabetes_l2_primal", d, primal);
    primal.dual = LinearSVMDual::automatic;  // more samples than features: the primal
    check_case("diabetes_l2_primal", d, primal);
  }
  SECTION("diabetes, sample weights (some zero), intercept_scaling") {
    const Vector w = reference_vector("linear_svm/diabetes_weighted/w.csv");
    LinearSVRParams p{.epsilon = 1.0,
                      .C = 0.05,
                      .loss = LinearSVRLoss::squared_epsilon_insensitive,
                      .intercept_scaling = 5.0,
                      .dual = LinearSVMDual::no};
    check_case("diabetes_weighted", d, p, 1e-5, w);
    p.dual = LinearSVMDual::yes;
    check_case("diabetes_weighted", d, p, 1e-5, w);
  }
  SECTION("a generated problem, and no intercept") {
    const Problem g = generated();
    check_case("generated_l1", g, {.epsilon = 1.0, .C = 3.0}, 1e-4);
    const auto reg = check_case("generated_no_intercept", g,
                                {.epsilon = 0.5,
                                 .C = 0.3,
                                 .loss = LinearSVRLoss::squared_epsilon_insensitive,
                                 .fit_intercept = false,
                                 .dual = LinearSVMDual::yes});
    CHECK(reg.intercept() == 0.0);
  }
}

TEST_CASE("LinearSVR: warnings, seeds, save and load", "[linear_svr]") {
  const Problem d = diabetes();
  SECTION("stops at max_iter with a warning") {
    const fitkit::WarningCapture capture;
    LinearSVR reg({.epsilon = 1.0, .C = 10.0, .max_iter = 2});
    reg.fit(d.X, d.y);
    CHECK(capture.warnings().size() == 1);
    CHECK(reg.n_iter() == 2);
  }
  SECTION("same seed, same model") {
    LinearSVR a({.seed = 3}), b({.seed = 3});
    a.fit(d.X, d.y);
    b.fit(d.X, d.y);
    CHECK(arma::approx_equal(a.coef(), b.coef(), "absdiff", 0.0));
  }
  SECTION("save and load") {
    ScratchDir dir;
    LinearSVR reg({.epsilon = 2.0, .C = 5.0});
    reg.fit(d.X, d.y);
    for (const std::string ext : {".bin", ".json"}) {
      const std::string path = dir.file("svr" + ext);
      fitkit::save(reg, path);
      const auto loaded = fitkit::load<LinearSVR>(path);
      CHECK(arma::approx_equal(loaded.predict(d.X), reg.predict(d.X), "absdiff", 0.0));
    }
  }
}

TEST_CASE("LinearSVR rejects bad inputs with a clear error", "[linear_svr]") {
  const Problem d = diabetes();
  CHECK_THROWS_AS(LinearSVR({.C = 0.0}).fit(d.X, d.y), fitkit::InvalidParameter);
  CHECK_THROWS_AS(LinearSVR({.epsilon = -1.0}).fit(d.X, d.y), fitkit::InvalidParameter);
  CHECK_THROWS_WITH(LinearSVR({.dual = LinearSVMDual::no}).fit(d.X, d.y),
                    Catch::Contains("dual false"));
  Matrix bad = d.X;
  bad(0, 0) = arma::datum::inf;
  CHECK_THROWS_AS(LinearSVR().fit(bad, d.y), fitkit::DataError);
  Vector y = d.y;
  y(5) = arma::datum::nan;
  CHECK_THROWS_AS(LinearSVR().fit(d.X, y), fitkit::DataError);
  LinearSVR reg;
  CHECK_THROWS_AS(reg.predict(d.X), fitkit::NotFitted);
  reg.fit(d.X, d.y);
  CHECK_THROWS_AS(reg.predict(Matrix(d.X.cols(0, 3))), fitkit::DimensionMismatch);
}
