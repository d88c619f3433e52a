// Ridge against scikit-learn fixtures made by tests/reference/make_ridge.py, save/load in both
// formats, and the bad inputs of DESIGN.md §8.

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/core/warnings.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/linear/linear_regression.hpp"
#include "fitkit/linear/ridge.hpp"
#include "fitkit/model/model_io.hpp"
#include "support.hpp"

using fitkit::Matrix;
using fitkit::Ridge;
using fitkit::RidgeSolver;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

using Problem = RegressionProblem;

Problem load_problem(const std::string& name, bool weighted) {
  if (name != "diabetes") return fixture_problem("ridge/wide", weighted);
  const auto data = fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
  Problem p{data.X, data.y, {}};
  if (weighted) p.w = reference_vector("ridge/diabetes_weighted_a1/w.csv");
  return p;
}

Ridge fit(const Problem& p, const fitkit::RidgeParams& params) {
  return fit_problem(Ridge(params), p);
}

struct Case {
  const char* name;  // directory under tests/reference/ridge
  const char* data;  // diabetes or wide
  double alpha;
  bool fit_intercept;
  bool weighted;
};

constexpr Case kCases[] = {
    {"diabetes_a0", "diabetes", 0.0, true, false},
    {"diabetes_a0_1", "diabetes", 0.1, true, false},
    {"diabetes_a1", "diabetes", 1.0, true, false},
    {"diabetes_a1000", "diabetes", 1e3, true, false},
    {"diabetes_no_intercept_a1", "diabetes", 1.0, false, false},
    {"diabetes_weighted_a1", "diabetes", 1.0, true, true},
    {"wide_a0", "wide", 0.0, true, false},
    {"wide_a0_01", "wide", 0.01, true, false},
    {"wide_a1", "wide", 1.0, true, false},
    {"wide_a100", "wide", 100.0, true, false},
    {"wide_no_intercept_a1", "wide", 1.0, false, false},
    {"wide_weighted_a1", "wide", 1.0, true, true},
};

void check_against_reference(const Case& c, RidgeSolver solver) {
  INFO(c.name);
  const Problem p = load_problem(c.data, c.weighted);
  fitkit::RidgeParams params{.alpha = c.alpha, .fit_intercept = c.fit_intercept, .solver = solver};
  if (solver == RidgeSolver::cg) {
    params.tol = 1e-14;
    params.max_iter = 100000;
  }
  const Ridge ridge = fit(p, params);
  const std::string dir = "ridge/" + std::string(c.name) + "/";
  // cg converges slowly where alpha is 0 and the centred X is ill-conditioned: it is held to
  // what its tolerance gives, the direct solvers to 1e-8.
  const double tolerance = solver == RidgeSolver::cg && c.alpha == 0 ? 1e-6 : 1e-8;
  CHECK(relative_error(ridge.coef(), reference_vector(dir + "coef.csv")) < tolerance);
  const Vector pred = reference_vector(dir + "pred.csv");
  CHECK(std::abs(ridge.intercept() - reference_scalar(dir + "intercept.csv")) <
        tolerance * arma::abs(pred).max());
  CHECK(relative_error(ridge.predict(p.X), pred) < tolerance);
  const double score = p.w.is_empty() ? ridge.score(p.X, p.y) : ridge.score(p.X, p.y, p.w);
  CHECK(score == Approx(reference_scalar(dir + "score.csv")).epsilon(1e-9));
  if (solver == RidgeSolver::cg)
    CHECK(ridge.n_iter() > 0);
  else
    CHECK(ridge.n_iter() == 0);
}

}  // namespace

TEST_CASE("Ridge matches scikit-learn on diabetes and a correlated n < d problem",
          "[ridge][reference]") {
  const auto solver =
      GENERATE(RidgeSolver::automatic, RidgeSolver::cholesky, RidgeSolver::svd, RidgeSolver::cg);
  for (const Case& c : kCases) {
    // Plain cg from zero on the rank-deficient wide problem at alpha = 0 does reach the
    // minimum-norm solution, but only to the accuracy its stopping rule allows.
    check_against_reference(c, solver);
  }
}

TEST_CASE("Ridge with alpha 0 is LinearRegression", "[ridge][reference]") {
  const auto data = fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
  fitkit::LinearRegression lr;
  lr.fit(data.X, data.y);
  Ridge ridge({.alpha = 0.0});
  ridge.fit(data.X, data.y);
  CHECK(relative_error(ridge.coef(), lr.coef()) < 1e-12);
  CHECK(ridge.intercept() == Approx(lr.intercept()).epsilon(1e-12));

  // A duplicated column: the minimum-norm solution shares the weight.
  const Matrix X = {{1, 1}, {2, 2}, {3, 3}, {5, 5}};
  const Vector y = {2, 4, 6, 10};
  for (const auto solver : {RidgeSolver::automatic, RidgeSolver::svd}) {
    Ridge dup({.alpha = 0.0, .solver = solver});
    dup.fit(X, y);
    CHECK(dup.coef()(0) == Approx(1.0).epsilon(1e-12));
    CHECK(dup.coef()(1) == Approx(1.0).epsilon(1e-12));
  }
}

TEST_CASE("Ridge on large n: Cholesky without copying X, agrees across thread counts",
          "[ridge][determinism]") {
  // Enough rows for several parallel chunks; an offset of 1e4 in one column sends the Gram
  // matrix through the blocked centring and makes refinement against X necessary.
  const double offset = GENERATE(0.0, 1e4);
  arma::arma_rng::set_seed(3);
  Matrix X(40000, 12, arma::fill::randn);
  X.col(3) += offset;
  const Vector y = X * arma::linspace(-3, 3, 12) + 2.5 + Vector(40000, arma::fill::randn);

  fitkit::set_num_threads(1);
  Ridge one({.alpha = 50.0});
  one.fit(X, y);
  fitkit::set_num_threads(2);
  Ridge two({.alpha = 50.0});
  two.fit(X, y);
  fitkit::set_num_threads(0);
  Ridge svd({.alpha = 50.0, .solver = RidgeSolver::svd});
  svd.fit(X, y);

  // With the offset the intercept cancels terms of 1.4e4: it differs from the SVD's by up to
  // 1.6e-9 (1.1e-10 of itself) with some BLAS kernels (Sandybridge, Nehalem, Core2).
  const double scale = intercept_scale(X, svd.coef(), svd.intercept());
  CHECK(relative_error(one.coef(), svd.coef()) < 1e-10);
  CHECK(std::abs(one.intercept() - svd.intercept()) < 1e-10 * scale);
  // Not bit for bit: refinement computes X'r with OpenBLAS's threaded gemv, whose sums it
  // orders itself.
  CHECK(relative_error(one.coef(), two.coef()) < 1e-13);
  CHECK(std::abs(one.intercept() - two.intercept()) < 1e-13 * scale);
}

TEST_CASE("Ridge cg stops at tol and max_iter", "[ridge]") {
  const auto data = fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
  Ridge loose({.alpha = 1.0, .solver = RidgeSolver::cg});  // tol 1e-3, scikit-learn's default
  loose.fit(data.X, data.y);
  Ridge exact({.alpha = 1.0});
  exact.fit(data.X, data.y);
  CHECK(loose.n_iter() > 0);
  CHECK(loose.n_iter() <= 100);  // 10 x the number of features
  CHECK(loose.score(data.X, data.y) == Approx(exact.score(data.X, data.y)).epsilon(1e-2));
  Ridge capped({.alpha = 1.0, .solver = RidgeSolver::cg, .max_iter = 2, .tol = 0.0});
  const fitkit::WarningCapture expected;
  capped.fit(data.X, data.y);
  CHECK(capped.n_iter() == 2);
}

TEST_CASE("Ridge degenerate but valid inputs", "[ridge]") {
  SECTION("a constant column gets a zero coefficient") {
    const Matrix X = {{1, 5}, {2, 5}, {3, 5}, {4, 5}};
    const Vector y = {2, 4, 6, 8};
    for (const auto solver : {RidgeSolver::automatic, RidgeSolver::svd, RidgeSolver::cg}) {
      Ridge ridge({.alpha = 1.0, .solver = solver});
      ridge.fit(X, y);
      // sum (x - 2.5)^2 = 5: coef = 10 / (5 + 1).
      CHECK(ridge.coef()(0) == Approx(10.0 / 6.0).epsilon(1e-12));
      CHECK(std::abs(ridge.coef()(1)) < 1e-12);
    }
  }
  SECTION("duplicate rows count like weights") {
    Ridge repeated({.alpha = 0.5});
    repeated.fit(Matrix(Vector{1, 1, 2, 3}), Vector{1, 1, 3, 2});
    Ridge weighted({.alpha = 0.5});
    weighted.fit(Matrix(Vector{1, 2, 3}), Vector{1, 3, 2}, Vector{2, 1, 1});
    CHECK(repeated.coef()(0) == Approx(weighted.coef()(0)).epsilon(1e-12));
    CHECK(repeated.intercept() == Approx(weighted.intercept()).epsilon(1e-12));
  }
  SECTION("one row: every coefficient zero, intercept the target (as scikit-learn)") {
    for (const auto solver : {RidgeSolver::automatic, RidgeSolver::svd, RidgeSolver::cg}) {
      Ridge ridge({.solver = solver});
      ridge.fit(Matrix{{1.0, 2.0}}, Vector{3.0});
      CHECK(arma::abs(ridge.coef()).max() == 0.0);
      CHECK(ridge.intercept() == 3.0);
    }
  }
}

TEST_CASE("Ridge save and load give identical predictions in both formats", "[ridge]") {
  const auto data = fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
  const auto solver = GENERATE(RidgeSolver::automatic, RidgeSolver::cg);
  Ridge ridge({.alpha = 3.0, .solver = solver});
  ridge.fit_dataset(data);
  ScratchDir dir;
  for (const std::string name : {"m.bin", "m.json"}) {
    const std::string path = dir.file(name);
    fitkit::save(ridge, path);
    const auto back = fitkit::load<Ridge>(path);
    CHECK(arma::approx_equal(back.predict(data.X), ridge.predict(data.X), "absdiff", 0.0));
    CHECK(back.intercept() == ridge.intercept());
    CHECK(back.n_iter() == ridge.n_iter());
    CHECK(back.get_params() == ridge.get_params());
    CHECK(back.feature_names() == ridge.feature_names());
    const auto any = fitkit::load_any(path);
    CHECK(any->type_name() == "Ridge");
    CHECK(arma::approx_equal(any->predict(data.X), ridge.predict(data.X), "absdiff", 0.0));
  }
}

TEST_CASE("Ridge rejects bad input with clear errors", "[ridge]") {
  using Catch::Matchers::Contains;
  Ridge ridge;
  const Matrix X = {{1, 2}, {3, 4}, {5, 7}};
  const Vector y = {1, 2, 3};

  CHECK_THROWS_MATCHES(ridge.predict(X), fitkit::NotFitted,
                       Catch::Message("Ridge is not fitted yet: call fit before using it"));
  CHECK_THROWS_AS(ridge.coef(), fitkit::NotFitted);
  CHECK_THROWS_AS(ridge.n_iter(), fitkit::NotFitted);
  CHECK_THROWS_AS(fitkit::save(ridge, "unused.bin"), fitkit::NotFitted);
  CHECK_THROWS_WITH(ridge.fit(Matrix(0, 2), Vector()), Contains("no rows"));
  CHECK_THROWS_WITH(ridge.fit(Matrix(3, 0), y), Contains("no feature columns"));
  CHECK_THROWS_AS(ridge.fit(X, Vector{1, 2}), fitkit::DimensionMismatch);
  Matrix with_nan = X;
  with_nan(1, 1) = arma::datum::nan;
  CHECK_THROWS_WITH(ridge.fit(with_nan, y), Contains("NaN at row 2, column 2"));
  Matrix with_inf = X;
  with_inf(0, 0) = arma::datum::inf;
  CHECK_THROWS_AS(ridge.fit(with_inf, y), fitkit::DataError);
  CHECK_THROWS_WITH(ridge.fit(X, Vector{1, arma::datum::inf, 3}),
                    Contains("y contains an infinite"));
  CHECK_THROWS_WITH(ridge.fit(X, y, Vector{1, -1, 1}), Contains("negative at row 2"));
  CHECK_THROWS_AS(ridge.fit(X, y, Vector{1, 1}), fitkit::DimensionMismatch);
  CHECK_THROWS_WITH(ridge.fit(X, y, Vector{0, 0, 0}), Contains("sums to zero"));
  fitkit::Dataset text_target{X, Vector{0, 1, 0}, {"a", "b"}, "kind", {"cat", "dog"}, "d.csv"};
  CHECK_THROWS_WITH(ridge.fit_dataset(text_target),
                    Contains("d.csv: the target column 'kind' holds text (e.g. 'cat')"));

  Ridge negative({.alpha = -1.0});
  CHECK_THROWS_AS(negative.fit(X, y), fitkit::InvalidParameter);
  CHECK_THROWS_WITH(negative.fit(X, y), Contains("alpha"));
  Ridge nan_alpha({.alpha = arma::datum::nan});
  CHECK_THROWS_AS(nan_alpha.fit(X, y), fitkit::InvalidParameter);
  Ridge bad_iter({.max_iter = -1});
  CHECK_THROWS_AS(bad_iter.fit(X, y), fitkit::InvalidParameter);
  CHECK_FALSE(ridge.is_fitted());

  ridge.fit(X, y);
  CHECK_THROWS_WITH(ridge.predict(Matrix(2, 3, arma::fill::ones)),
                    Contains("X has 3 features, but Ridge was fitted with 2"));
  Matrix predict_nan = X;
  predict_nan(0, 0) = arma::datum::nan;
  CHECK_THROWS_AS(ridge.predict(predict_nan), fitkit::DataError);
}

TEST_CASE("Ridge parameters by name", "[ridge]") {
  using Catch::Matchers::Contains;
  Ridge ridge;
  CHECK(ridge.get_params() == fitkit::ParamMap{{"alpha", "1"},
                                               {"fit_intercept", "true"},
                                               {"max_iter", "0"},
                                               {"solver", "auto"},
                                               {"tol", "0.001"}});
  ridge.set_param("alpha", "0.5");
  ridge.set_param("solver", "sparse_cg");  // scikit-learn's name
  CHECK(ridge.params().alpha == 0.5);
  CHECK(ridge.params().solver == RidgeSolver::cg);
  CHECK(ridge.get_params().at("solver") == "cg");
  ridge.set_param("solver", "svd");
  CHECK(ridge.params().solver == RidgeSolver::svd);
  CHECK_THROWS_WITH(ridge.set_param("alpha", "-1"), Contains("at least 0"));
  CHECK_THROWS_WITH(ridge.set_param("solver", "lsqr"),
                    Contains("expected one of auto, cholesky, svd, cg, sparse_cg"));
  CHECK_THROWS_WITH(ridge.set_param("l1_ratio", "1"), Contains("no such parameter"));
}

TEST_CASE("Ridge finite values whose squares overflow still fit", "[ridge]") {
  // The one-pass Gram matrix overflows; the check that follows finds no NaN or Inf, and the
  // fit goes on through the SVD of the blocked QR, which scales as it goes.
  const Matrix X = Matrix{{1, 2}, {2, 1}, {3, 5}, {4, 3}} * 1e200;
  const Vector y = {1, 2, 3, 4};
  Ridge ridge({.alpha = 1.0});
  ridge.fit(X, y);
  CHECK(ridge.coef().is_finite());
  CHECK(std::isfinite(ridge.intercept()));
}

namespace {

// Runs a built program with its output in `out`; returns the exit status.
int run_program(const std::string& arguments, const std::string& out) {
  const std::string command =
      std::string(FITKIT_BIN_DIR) + "/" + arguments + " > '" + out + "' 2>&1";
  const int raw = std::system(command.c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

}  // namespace

TEST_CASE("fitkit-ridge fits, predicts, scores and describes", "[ridge][cli][reference]") {
  using Catch::Matchers::Contains;
  ScratchDir dir;
  const std::string data = source_path("datasets/diabetes.csv");
  const std::string model = dir.file("ridge.bin"), out = dir.file("out.txt");
  REQUIRE(run_program("fitkit-ridge fit --data '" + data + "' --target progression --model '" +
                          model + "' --alpha 2.5 --solver svd",
                      out) == 0);
  const auto dataset = fitkit::io::read_csv(data);
  Ridge expected({.alpha = 2.5});
  expected.fit(dataset.X, dataset.y);
  const auto loaded = fitkit::load<Ridge>(model);
  CHECK(relative_error(loaded.coef(), expected.coef()) < 1e-10);

  REQUIRE(run_program("fitkit-ridge info --model '" + model + "'", out) == 0);
  CHECK_THAT(read_file(out), Contains("type: Ridge") && Contains("alpha: 2.5") &&
                                 Contains("solver: svd") && Contains("bmi: "));
  REQUIRE(run_program("fitkit-ridge score --model '" + model + "' --data '" + data +
                          "' --target progression",
                      out) == 0);
  CHECK_THAT(read_file(out), Contains("R2: 0.51"));
  REQUIRE(run_program("fitkit predict --model '" + model + "' --data '" + data + "' --output '" +
                          dir.file("pred.csv") + "'",
                      out) == 0);
  std::istringstream lines(read_file(dir.file("pred.csv")));
  std::string line;
  std::getline(lines, line);
  CHECK(line == "progression");
  std::vector<double> values;
  while (std::getline(lines, line)) values.push_back(std::stod(line));
  const Vector written(values);
  CHECK(relative_error(written, expected.predict(dataset.X)) < 1e-10);

  CHECK(run_program("fitkit-ridge fit --data '" + data + "' --model '" + model + "' --alpha -1",
                    out) != 0);
  CHECK_THAT(read_file(out), Contains("alpha"));
  CHECK(run_program(
            "fitkit-ridge fit --data '" + dir.file("absent.csv") + "' --model '" + model + "'",
            out) == 1);
}

TEST_CASE("Ridge cg warns when max_iter stops it", "[ridge]") {
  const auto data = fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
  {
    fitkit::WarningCapture capture;
    Ridge({.alpha = 1.0, .solver = RidgeSolver::cg, .max_iter = 2, .tol = 1e-12})
        .fit(data.X, data.y);
    REQUIRE(capture.warnings().size() == 1);
    CHECK_THAT(capture.warnings()[0].message,
               Catch::Matchers::StartsWith("Ridge (cg) did not converge in 2 iterations"));
  }
  fitkit::WarningCapture capture;
  Ridge({.alpha = 1.0, .solver = RidgeSolver::cg}).fit(data.X, data.y);
  CHECK(capture.warnings().empty());
}
