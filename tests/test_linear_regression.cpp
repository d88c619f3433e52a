// LinearRegression against numpy's lstsq / scikit-learn fixtures made by
// tests/reference/make_linear_regression.py, plus the bad inputs of DESIGN.md §8.

#include <catch2/catch.hpp>
#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/linear/linear_regression.hpp"
#include "support.hpp"

using fitkit::LinearRegression;
using fitkit::LinearRegressionSolver;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

using Problem = RegressionProblem;

Problem load_problem(const std::string& name) {
  if (name.rfind("diabetes", 0) == 0) {
    const auto data = fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
    Problem p{data.X, data.y, {}};
    if (name == "diabetes_weighted") p.w = reference_vector("linear_regression/" + name + "/w.csv");
    return p;
  }
  return fixture_problem("linear_regression/" +
                         std::string(name == "wide_no_intercept" ? "wide" : name));
}

LinearRegression fit(const Problem& p, bool fit_intercept, LinearRegressionSolver solver) {
  return fit_problem(LinearRegression({.fit_intercept = fit_intercept, .solver = solver}), p);
}

void check_against_reference(const std::string& name, bool fit_intercept,
                             LinearRegressionSolver solver, double singular_tolerance) {
  const Problem p = load_problem(name);
  const LinearRegression lr = fit(p, fit_intercept, solver);
  const std::string dir = "linear_regression/" + name + "/";
  CHECK(relative_error(lr.coef(), reference_vector(dir + "coef.csv")) < 1e-9);
  const Vector pred = reference_vector(dir + "pred.csv");
  CHECK(std::abs(lr.intercept() - reference_scalar(dir + "intercept.csv")) <
        1e-9 * arma::abs(pred).max());
  CHECK(relative_error(lr.predict(p.X), pred) < 1e-9);
  CHECK(lr.rank() == static_cast<fitkit::Index>(reference_scalar(dir + "rank.csv")));
  const Vector singular = reference_vector(dir + "singular.csv");
  const Vector nonzero = singular.head(lr.rank());
  CHECK(relative_error(lr.singular().head(lr.rank()), nonzero) < singular_tolerance);
  const double score = p.w.is_empty() ? lr.score(p.X, p.y) : lr.score(p.X, p.y, p.w);
  CHECK(score == Approx(reference_scalar(dir + "score.csv")).epsilon(1e-12));
}

}  // namespace

TEST_CASE("LinearRegression matches numpy lstsq / scikit-learn", "[linear_regression][reference]") {
  const auto solver = GENERATE(LinearRegressionSolver::automatic, LinearRegressionSolver::svd);
  // The SVD solver's singular values are exact; the Cholesky path's come from the Gram
  // matrix's eigenvalues (relative error ~ eps * cond^2).
  const double singular_tolerance = solver == LinearRegressionSolver::svd ? 1e-10 : 1e-8;
  SECTION("diabetes") {
    check_against_reference("diabetes", true, solver, singular_tolerance);
  }
  SECTION("diabetes without intercept") {
    check_against_reference("diabetes_no_intercept", false, solver, singular_tolerance);
  }
  SECTION("diabetes with sample weights, some zero") {
    check_against_reference("diabetes_weighted", true, solver, singular_tolerance);
  }
  SECTION("rank-deficient X gives the minimum-norm solution") {
    check_against_reference("rank_deficient", true, solver, 1e-10);
  }
  SECTION("fewer samples than features") {
    check_against_reference("wide", true, solver, 1e-10);
    check_against_reference("wide_no_intercept", false, solver, 1e-10);
  }
}

TEST_CASE("LinearRegression is exact on noiseless data and independent of thread count",
          "[linear_regression][determinism]") {
  // Enough rows for several parallel chunks of blocks. An offset of 1e4 in one column makes
  // the Gram matrix of raw X useless, so that fit goes through the blocked centring; without
  // it, the Gram matrix comes straight from X.
  const double offset = GENERATE(0.0, 1e4);
  arma::arma_rng::set_seed(7);
  Matrix X(40000, 12, arma::fill::randn);
  X.col(3) += offset;
  const Vector coef = arma::linspace(-3, 3, 12);
  const Vector y = X * coef + 2.5;

  fitkit::set_num_threads(1);
  LinearRegression one;
  one.fit(X, y);
  fitkit::set_num_threads(2);
  LinearRegression two;
  two.fit(X, y);
  fitkit::set_num_threads(0);

  CHECK(relative_error(one.coef(), coef) < 1e-10);
  const double scale = intercept_scale(X, coef, 2.5);  // about 1.4e4 with the offset
  CHECK(std::abs(one.intercept() - 2.5) < 1e-12 * scale);
  // Not bit for bit: refinement computes X'r with OpenBLAS's threaded gemv, whose sums it
  // orders itself. Both fits are exact to rounding (about 1e-14 here).
  CHECK(relative_error(one.coef(), two.coef()) < 1e-12);
  CHECK(std::abs(one.intercept() - two.intercept()) < 1e-12 * scale);
}

TEST_CASE("LinearRegression auto solver hands ill-conditioned problems to the SVD",
          "[linear_regression][reference]") {
  // Columns with mean 99 and spread 1, nearly collinear: the Gram matrix formed from raw X
  // loses too many digits for refinement to recover, and auto must still agree with svd.
  arma::arma_rng::set_seed(11);
  Matrix X(3000, 4, arma::fill::randn);
  X.col(1) = X.col(0) + 1e-4 * X.col(1);
  X += 99.0;
  const Vector y = X * Vector{1.0, -1.0, 0.5, 2.0} + Vector(3000, arma::fill::randn);
  LinearRegression automatic;
  automatic.fit(X, y);
  LinearRegression svd({.fit_intercept = true, .solver = LinearRegressionSolver::svd});
  svd.fit(X, y);
  // cond(Xc) = 2e4: the two solutions differ by up to 1.5e-11 depending on the BLAS kernel.
  CHECK(relative_error(automatic.coef(), svd.coef()) < 1e-9);
  CHECK(std::abs(automatic.intercept() - svd.intercept()) <
        1e-12 * intercept_scale(X, svd.coef(), svd.intercept()));
}

TEST_CASE("LinearRegression degenerate but valid inputs", "[linear_regression]") {
  SECTION("a constant column gets a zero coefficient") {
    Matrix X = {{1, 5}, {2, 5}, {3, 5}, {4, 5}};
    const Vector y = {2, 4, 6, 8};
    LinearRegression lr;
    lr.fit(X, y);
    CHECK(lr.coef()(0) == Approx(2.0).epsilon(1e-12));
    CHECK(std::abs(lr.coef()(1)) < 1e-12);
    CHECK(lr.rank() == 1);
  }
  SECTION("a duplicated column shares the weight (minimum norm)") {
    Matrix X = {{1, 1}, {2, 2}, {3, 3}, {5, 5}};
    const Vector y = {2, 4, 6, 10};
    LinearRegression lr;
    lr.fit(X, y);
    CHECK(lr.coef()(0) == Approx(1.0).epsilon(1e-12));
    CHECK(lr.coef()(1) == Approx(1.0).epsilon(1e-12));
  }
  SECTION("duplicate rows count like weights") {
    const Matrix X = Vector{1, 1, 2, 3};
    const Vector y = {1, 1, 3, 2};
    LinearRegression repeated;
    repeated.fit(X, y);
    LinearRegression weighted;
    weighted.fit(Matrix(Vector{1, 2, 3}), Vector{1, 3, 2}, Vector{2, 1, 1});
    CHECK(repeated.coef()(0) == Approx(weighted.coef()(0)).epsilon(1e-12));
    CHECK(repeated.intercept() == Approx(weighted.intercept()).epsilon(1e-12));
  }
  SECTION("one row: every coefficient zero, intercept the target (as scikit-learn)") {
    LinearRegression lr;
    lr.fit(Matrix{{1.0, 2.0}}, Vector{3.0});
    CHECK(arma::abs(lr.coef()).max() == 0.0);
    CHECK(lr.intercept() == 3.0);
    CHECK(lr.rank() == 0);
  }
}

TEST_CASE("LinearRegression rejects bad input with clear errors", "[linear_regression]") {
  using Catch::Matchers::Contains;
  LinearRegression lr;
  const Matrix X = {{1, 2}, {3, 4}, {5, 7}};
  const Vector y = {1, 2, 3};

  CHECK_THROWS_MATCHES(
      lr.predict(X), fitkit::NotFitted,
      Catch::Message("LinearRegression is not fitted yet: call fit before using it"));
  CHECK_THROWS_AS(lr.coef(), fitkit::NotFitted);
  CHECK_THROWS_WITH(lr.fit(Matrix(0, 2), Vector()), Contains("no rows"));
  CHECK_THROWS_WITH(lr.fit(Matrix(3, 0), y), Contains("no feature columns"));
  CHECK_THROWS_AS(lr.fit(X, Vector{1, 2}), fitkit::DimensionMismatch);
  Matrix with_nan = X;
  with_nan(1, 1) = arma::datum::nan;
  CHECK_THROWS_WITH(lr.fit(with_nan, y), Contains("NaN at row 2, column 2"));
  CHECK_THROWS_WITH(lr.fit(X, Vector{1, arma::datum::inf, 3}), Contains("y contains an infinite"));
  CHECK_THROWS_WITH(lr.fit(X, y, Vector{1, -1, 1}), Contains("negative at row 2"));
  CHECK_THROWS_AS(lr.fit(X, y, Vector{1, 1}), fitkit::DimensionMismatch);
  CHECK_THROWS_WITH(lr.fit(X, y, Vector{0, 0, 0}), Contains("sums to zero"));
  fitkit::Dataset text_target{X, Vector{0, 1, 0}, {"a", "b"}, "kind", {"cat", "dog"}, "d.csv"};
  CHECK_THROWS_WITH(lr.fit_dataset(text_target),
                    Contains("d.csv: the target column 'kind' holds text (e.g. 'cat')"));
  CHECK_FALSE(lr.is_fitted());

  lr.fit(X, y);
  CHECK_THROWS_WITH(lr.predict(Matrix(2, 3, arma::fill::ones)),
                    Contains("X has 3 features, but LinearRegression was fitted with 2"));
  Matrix predict_nan = X;
  predict_nan(0, 0) = arma::datum::nan;
  CHECK_THROWS_AS(lr.predict(predict_nan), fitkit::DataError);
}

TEST_CASE("LinearRegression parameters by name", "[linear_regression]") {
  using Catch::Matchers::Contains;
  LinearRegression lr;
  CHECK(lr.get_params() == fitkit::ParamMap{{"fit_intercept", "true"}, {"solver", "auto"}});
  lr.set_param("solver", "svd");
  lr.set_param("fit_intercept", "false");
  CHECK(lr.params().solver == LinearRegressionSolver::svd);
  CHECK_FALSE(lr.params().fit_intercept);
  CHECK_THROWS_WITH(lr.set_param("solver", "qr"), Contains("expected one of auto, svd"));
  CHECK_THROWS_WITH(lr.set_param("fit_intercept", "maybe"), Contains("expected true or false"));
  CHECK_THROWS_WITH(lr.set_param("alpha", "1"), Contains("no such parameter"));
}
