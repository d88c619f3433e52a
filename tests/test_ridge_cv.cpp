// RidgeCV against scikit-learn fixtures made by tests/reference/make_ridge_cv.py, the
// decompositions against each other and against a leave-one-out done the long way, save/load
// in both formats, and the bad inputs of DESIGN.md §8.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/linear/ridge.hpp"
#include "fitkit/linear/ridge_cv.hpp"
#include "fitkit/model/model_io.hpp"
#include "forged_models.hpp"
#include "support.hpp"

using fitkit::GcvMode;
using fitkit::Matrix;
using fitkit::RidgeCV;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

using Problem = RegressionProblem;

Problem load_problem(const std::string& data, bool weighted) {
  if (data != "diabetes")
    return fixture_problem("ridge/wide", weighted);  // make_ridge.py writes it
  const auto set = fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
  Problem p{set.X, set.y, {}};
  if (weighted) p.w = reference_vector("ridge_cv/diabetes_weighted/w.csv");
  return p;
}

RidgeCV fit(const Problem& p, const fitkit::RidgeCVParams& params) {
  return fit_problem(RidgeCV(params), p);
}

std::vector<double> as_list(const Vector& v) {
  return {v.begin(), v.end()};
}

struct Case {
  const char* name;  // directory under tests/reference/ridge_cv
  const char* data;  // diabetes or wide
  bool fit_intercept;
  bool weighted;
  bool has_cv_values;
};

constexpr Case kCases[] = {
    {"diabetes_default", "diabetes", true, false, false},
    {"diabetes_grid", "diabetes", true, false, true},
    {"diabetes_small_alphas", "diabetes", true, false, false},
    {"diabetes_no_intercept", "diabetes", false, false, true},
    {"diabetes_weighted", "diabetes", true, true, true},
    {"diabetes_weighted_no_intercept", "diabetes", false, true, false},
    {"wide_grid", "wide", true, false, true},
    {"wide_no_intercept", "wide", false, false, true},
    {"wide_weighted", "wide", true, true, true},
};

// Relative to the largest entry of the whole matrix.
double matrix_error(const Matrix& actual, const Matrix& expected) {
  if (actual.n_rows != expected.n_rows || actual.n_cols != expected.n_cols) return 1e300;
  return arma::abs(actual - expected).max() / arma::abs(expected).max();
}

// Relative to the largest entry of each column: one column per alpha, whose errors differ by
// orders of magnitude.
double column_error(const Matrix& actual, const Matrix& expected) {
  if (actual.n_rows != expected.n_rows || actual.n_cols != expected.n_cols) return 1e300;
  double worst = 0;
  for (fitkit::Index a = 0; a < expected.n_cols; ++a)
    worst = std::max(worst, relative_error(actual.col(a), expected.col(a)));
  return worst;
}

void check_against_reference(const Case& c, GcvMode mode) {
  INFO(c.name);
  const Problem p = load_problem(c.data, c.weighted);
  const std::string dir = "ridge_cv/" + std::string(c.name) + "/";
  fitkit::RidgeCVParams params{.alphas = as_list(reference_vector(dir + "alphas.csv")),
                               .fit_intercept = c.fit_intercept,
                               .gcv_mode = mode,
                               .store_cv_values = true};
  const RidgeCV model = fit(p, params);
  CHECK(model.alpha() == reference_scalar(dir + "alpha.csv"));
  CHECK(model.best_score() == Approx(reference_scalar(dir + "best_score.csv")).epsilon(1e-8));
  const Vector coef = reference_vector(dir + "coef.csv");
  CHECK(relative_error(model.coef(), coef) < 1e-8);
  const double intercept = reference_scalar(dir + "intercept.csv");
  CHECK(model.intercept() == Approx(intercept).epsilon(1e-8).margin(1e-8 * arma::abs(coef).max()));
  REQUIRE(model.cv_values().n_rows == p.X.n_rows);
  REQUIRE(model.cv_values().n_cols == params.alphas.size());
  if (c.has_cv_values)
    CHECK(column_error(model.cv_values(), reference_matrix(dir + "cv_values.csv")) < 1e-8);
  // best_score is minus the mean of the chosen alpha's column.
  const auto best = static_cast<fitkit::Index>(
      std::find(params.alphas.begin(), params.alphas.end(), model.alpha()) - params.alphas.begin());
  CHECK(-arma::mean(model.cv_values().col(best)) == Approx(model.best_score()).epsilon(1e-13));
}

}  // namespace

TEST_CASE("RidgeCV matches scikit-learn on diabetes and a wide n < d problem",
          "[ridge_cv][reference]") {
  const auto mode = GENERATE(GcvMode::automatic, GcvMode::eigen, GcvMode::svd);
  for (const Case& c : kCases) check_against_reference(c, mode);
}

TEST_CASE("RidgeCV gives Ridge's answer at the chosen alpha", "[ridge_cv][reference]") {
  const auto data = fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
  RidgeCV model({.alphas = {0.01, 0.3, 3.0}});
  model.fit(data.X, data.y);
  fitkit::Ridge ridge({.alpha = model.alpha()});
  ridge.fit(data.X, data.y);
  // An eigendecomposition against a Cholesky factor of X'X (cond 7.6e4 on diabetes): each
  // is off by about cond * eps, and they differ by up to 1.7e-11 (Prescott kernels).
  CHECK(relative_error(model.coef(), ridge.coef()) < 1e-9);
  CHECK(std::abs(model.intercept() - ridge.intercept()) <
        1e-9 * intercept_scale(data.X, ridge.coef(), ridge.intercept()));
  CHECK(relative_error(model.predict(data.X), ridge.predict(data.X)) < 1e-9);
}

TEST_CASE("RidgeCV leave-one-out errors are those of refitting without each sample",
          "[ridge_cv][reference]") {
  // The closed form against n refits of Ridge, on a small problem with an offset column (the
  // Gram matrix's centring) and weights.
  arma::arma_rng::set_seed(11);
  Matrix X(30, 4, arma::fill::randn);
  X.col(2) += 50.0;
  const Vector y = X * Vector{1.0, -2.0, 0.5, 3.0} + 7.0 + Vector(30, arma::fill::randn);
  const Vector w = arma::linspace(0.5, 2.0, 30);
  const bool weighted = GENERATE(false, true);
  const bool fit_intercept = GENERATE(true, false);
  INFO("weighted " << weighted << ", fit_intercept " << fit_intercept);
  const std::vector<double> alphas = {0.05, 2.0};
  RidgeCV model({.alphas = alphas, .fit_intercept = fit_intercept, .store_cv_values = true});
  if (weighted)
    model.fit(X, y, w);
  else
    model.fit(X, y);
  for (std::size_t a = 0; a < alphas.size(); ++a) {
    for (fitkit::Index i = 0; i < X.n_rows; ++i) {
      Matrix X_rest = X;
      X_rest.shed_row(i);
      Vector y_rest = y, w_rest = w;
      y_rest.shed_row(i);
      w_rest.shed_row(i);
      fitkit::Ridge ridge({.alpha = alphas[a], .fit_intercept = fit_intercept});
      if (weighted)
        ridge.fit(X_rest, y_rest, w_rest);
      else
        ridge.fit(X_rest, y_rest);
      const double error = y(i) - ridge.predict(X.row(i))(0);
      const double expected = (weighted ? w(i) : 1.0) * error * error;
      CHECK(model.cv_values()(i, a) == Approx(expected).epsilon(1e-9));
    }
  }
}

TEST_CASE("RidgeCV on large n: one pass for all alphas, agrees across modes and threads",
          "[ridge_cv][determinism]") {
  // Enough rows for several parallel chunks; an offset in one column tests the centring.
  arma::arma_rng::set_seed(5);
  Matrix X(60000, 8, arma::fill::randn);
  X.col(1) += 30.0;
  const Vector y = X * arma::linspace(-2, 2, 8) + 1.5 + 3.0 * Vector(60000, arma::fill::randn);
  const std::vector<double> alphas = {1e-3, 1e2, 1e4, 1e5, 1e6};

  fitkit::set_num_threads(1);
  RidgeCV one({.alphas = alphas, .store_cv_values = true});
  one.fit(X, y);
  fitkit::set_num_threads(2);
  RidgeCV two({.alphas = alphas, .store_cv_values = true});
  two.fit(X, y);
  fitkit::set_num_threads(0);
  RidgeCV svd({.alphas = alphas, .gcv_mode = GcvMode::svd, .store_cv_values = true});
  svd.fit(X, y);

  CHECK(one.alpha() == two.alpha());
  CHECK(one.alpha() == svd.alpha());
  CHECK(one.best_score() == Approx(svd.best_score()).epsilon(1e-10));
  CHECK(relative_error(one.coef(), svd.coef()) < 1e-10);
  CHECK(matrix_error(one.cv_values(), svd.cv_values()) < 1e-9);
  // The Gram matrix and the sums of squared errors are added in a fixed chunk order, but the
  // eigendecomposition is LAPACK's, on whatever threads OpenBLAS takes: not bit for bit
  // (eigen and svd, a far larger change, agree to 1.2e-15 here).
  CHECK(one.best_score() == Approx(two.best_score()).epsilon(1e-13));
  CHECK(relative_error(one.coef(), two.coef()) < 1e-13);
}

TEST_CASE("RidgeCV degenerate but valid inputs", "[ridge_cv]") {
  SECTION("ties go to the first alpha: a constant target has no error at any alpha") {
    const Matrix X = {{1, 2}, {2, 1}, {3, 5}, {4, 3}};
    RidgeCV model({.alphas = {5.0, 0.5, 50.0}});
    model.fit(X, Vector(4, arma::fill::value(3.0)));
    CHECK(model.alpha() == 5.0);
    CHECK(model.best_score() == 0.0);
    CHECK(model.intercept() == 3.0);
  }
  SECTION("a constant column gets a zero coefficient, in every mode") {
    const Matrix X = {{1, 5}, {2, 5}, {3, 5}, {4, 5}, {6, 5}};
    const Vector y = {2, 4, 6, 8, 11};
    const auto mode = GENERATE(GcvMode::automatic, GcvMode::eigen, GcvMode::svd);
    RidgeCV model({.alphas = {1.0}, .gcv_mode = mode});
    model.fit(X, y);
    fitkit::Ridge ridge({.alpha = 1.0});
    ridge.fit(X, y);
    CHECK(relative_error(model.coef(), ridge.coef()) < 1e-12);
    CHECK(std::abs(model.coef()(1)) < 1e-12);
  }
  SECTION("duplicated columns share the weight") {
    const Matrix X = {{1, 1}, {2, 2}, {3, 3}, {5, 5}, {4, 4}};
    const Vector y = {2, 4, 7, 10, 8};
    RidgeCV model({.alphas = {0.1, 1.0}});
    model.fit(X, y);
    CHECK(model.coef()(0) == Approx(model.coef()(1)).epsilon(1e-12));
  }
  SECTION("two rows are enough") {
    RidgeCV model;
    model.fit(Matrix{{1.0, 2.0}, {2.0, 0.0}}, Vector{1.0, 3.0});
    CHECK(std::isfinite(model.best_score()));
  }
  SECTION("zero weights leave a sample out of the fit, with no error of its own") {
    const auto data = fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
    Vector w(data.X.n_rows, arma::fill::ones);
    w(3) = 0;
    RidgeCV model({.store_cv_values = true});
    model.fit(data.X, data.y, w);
    CHECK(model.cv_values().row(3).max() < 1e-20);
  }
}

TEST_CASE("RidgeCV save and load give identical predictions in both formats", "[ridge_cv]") {
  const auto data = fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
  const bool store = GENERATE(false, true);
  RidgeCV model({.alphas = {0.01, 0.1, 1.0, 10.0}, .store_cv_values = store});
  model.fit_dataset(data);
  ScratchDir dir;
  for (const std::string name : {"m.bin", "m.json"}) {
    const std::string path = dir.file(name);
    fitkit::save(model, path);
    const auto back = fitkit::load<RidgeCV>(path);
    CHECK(arma::approx_equal(back.predict(data.X), model.predict(data.X), "absdiff", 0.0));
    CHECK(back.alpha() == model.alpha());
    CHECK(back.best_score() == model.best_score());
    CHECK(back.intercept() == model.intercept());
    CHECK(back.get_params() == model.get_params());
    CHECK(back.feature_names() == model.feature_names());
    if (store)
      CHECK(arma::approx_equal(back.cv_values(), model.cv_values(), "absdiff", 0.0));
    else
      CHECK_THROWS_AS(back.cv_values(), fitkit::Error);
    const auto any = fitkit::load_any(path);
    CHECK(any->type_name() == "RidgeCV");
    CHECK(arma::approx_equal(any->predict(data.X), model.predict(data.X), "absdiff", 0.0));
  }
}

TEST_CASE("RidgeCV model files whose alphas do not fit the learned state are refused",
          "[ridge_cv]") {
  using Catch::Matchers::Contains;
  const auto data = fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
  RidgeCV model({.store_cv_values = true});  // alphas 0.1, 1, 10: chooses 0.1
  model.fit(data.X, data.y);
  REQUIRE(model.alpha() == 0.1);
  ScratchDir dir;
  fitkit::save(model, dir.file("good.json"));
  const std::string good = read_file(dir.file("good.json"));
  // The learned state is checked against the parameters as it is read (the file's checksum
  // made to match the edit, so that only the loader's own checks can refuse it).
  auto with_alphas = [&](const std::string& alphas) {
    std::string text = good;
    const std::string from = "\"value\": \"0.1,1,10\"";
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), "\"value\": \"" + alphas + "\"");
    return dir.write("edited.json", fitkit::test::json_with_fixed_checksum(text));
  };
  CHECK_THROWS_WITH(fitkit::load<RidgeCV>(with_alphas("0.5,1,10")),
                    Contains("alpha 0.1 is not one of the alphas"));
  CHECK_THROWS_WITH(fitkit::load<RidgeCV>(with_alphas("0.1,1")),
                    Contains("cv_values has 3 columns for 2 alphas"));
  CHECK_THROWS_AS(fitkit::load_any(with_alphas("0.1,1")), fitkit::ModelFormatError);
  // An edit that fits the state (the same alphas in another order) is left to the checksum.
  std::string reordered = good;
  reordered.replace(reordered.find("0.1,1,10"), 8, "10,1,0.1");
  CHECK_THROWS_WITH(fitkit::load<RidgeCV>(dir.write("reordered.json", reordered)),
                    Contains("checksum mismatch"));
}

TEST_CASE("RidgeCV rejects bad input with clear errors", "[ridge_cv]") {
  using Catch::Matchers::Contains;
  RidgeCV model;
  const Matrix X = {{1, 2}, {3, 4}, {5, 7}};
  const Vector y = {1, 2, 3};

  CHECK_THROWS_MATCHES(model.predict(X), fitkit::NotFitted,
                       Catch::Message("RidgeCV is not fitted yet: call fit before using it"));
  CHECK_THROWS_AS(model.coef(), fitkit::NotFitted);
  CHECK_THROWS_AS(model.alpha(), fitkit::NotFitted);
  CHECK_THROWS_AS(model.best_score(), fitkit::NotFitted);
  CHECK_THROWS_AS(model.cv_values(), fitkit::NotFitted);
  CHECK_THROWS_AS(fitkit::save(model, "unused.bin"), fitkit::NotFitted);
  CHECK_THROWS_WITH(model.fit(Matrix(0, 2), Vector()), Contains("no rows"));
  CHECK_THROWS_WITH(model.fit(Matrix(3, 0), y), Contains("no feature columns"));
  CHECK_THROWS_WITH(model.fit(Matrix{{1.0, 2.0}}, Vector{3.0}),
                    Contains("RidgeCV needs at least 2 samples, got 1"));
  CHECK_THROWS_AS(model.fit(X, Vector{1, 2}), fitkit::DimensionMismatch);
  // Tall and wide, as the one-pass Gram matrix finds NaN for the former.
  for (const Matrix& base : {Matrix(X), Matrix(X.t())}) {
    Matrix with_nan = base;
    with_nan(1, 1) = arma::datum::nan;
    const Vector target(base.n_rows, arma::fill::ones);
    CHECK_THROWS_WITH(model.fit(with_nan, target), Contains("NaN at row 2, column 2"));
    Matrix with_inf = base;
    with_inf(0, 0) = arma::datum::inf;
    CHECK_THROWS_AS(model.fit(with_inf, target), fitkit::DataError);
  }
  CHECK_THROWS_WITH(model.fit(X, Vector{1, arma::datum::inf, 3}),
                    Contains("y contains an infinite"));
  CHECK_THROWS_WITH(model.fit(X, y, Vector{1, -1, 1}), Contains("negative at row 2"));
  CHECK_THROWS_AS(model.fit(X, y, Vector{1, 1}), fitkit::DimensionMismatch);
  CHECK_THROWS_WITH(model.fit(X, y, Vector{0, 0, 0}), Contains("sums to zero"));
  CHECK_THROWS_WITH(model.fit(X, y, Vector{0, 2, 0}),
                    Contains("at least 2 samples of positive weight"));
  fitkit::Dataset text_target{X, Vector{0, 1, 0}, {"a", "b"}, "kind", {"cat", "dog"}, "d.csv"};
  CHECK_THROWS_WITH(model.fit_dataset(text_target),
                    Contains("d.csv: the target column 'kind' holds text (e.g. 'cat')"));

  for (const std::vector<double>& alphas :
       {std::vector<double>{}, std::vector<double>{1.0, 0.0}, std::vector<double>{-1.0},
        std::vector<double>{arma::datum::nan}, std::vector<double>{arma::datum::inf}}) {
    RidgeCV bad({.alphas = alphas});
    CHECK_THROWS_AS(bad.fit(X, y), fitkit::InvalidParameter);
    CHECK_THROWS_WITH(bad.fit(X, y), Contains("alphas"));
  }
  CHECK_FALSE(model.is_fitted());

  model.fit(X, y);
  CHECK_THROWS_WITH(model.cv_values(), Contains("store_cv_values"));
  CHECK_THROWS_WITH(model.predict(Matrix(2, 3, arma::fill::ones)),
                    Contains("X has 3 features, but RidgeCV was fitted with 2"));
  Matrix predict_nan = X;
  predict_nan(0, 0) = arma::datum::nan;
  CHECK_THROWS_AS(model.predict(predict_nan), fitkit::DataError);
}

TEST_CASE("RidgeCV refuses finite values whose squares overflow", "[ridge_cv]") {
  using Catch::Matchers::Contains;
  const Matrix X = Matrix{{1, 2}, {2, 1}, {3, 5}, {4, 3}} * 1e200;
  const Vector y = {1, 2, 3, 4};
  const auto mode = GENERATE(GcvMode::automatic, GcvMode::eigen, GcvMode::svd);
  RidgeCV model({.gcv_mode = mode});
  CHECK_THROWS_WITH(model.fit(X, y), Contains("too large in magnitude"));
  CHECK_THROWS_WITH(model.fit(Matrix(X.t()), Vector{1, 2}), Contains("too large in magnitude"));
  CHECK_FALSE(model.is_fitted());
}

TEST_CASE("RidgeCV parameters by name", "[ridge_cv]") {
  using Catch::Matchers::Contains;
  RidgeCV model;
  CHECK(model.get_params() == fitkit::ParamMap{{"alphas", "0.1,1,10"},
                                               {"fit_intercept", "true"},
                                               {"gcv_mode", "auto"},
                                               {"store_cv_values", "false"}});
  model.set_param("alphas", "0.001,0.5,20");
  model.set_param("gcv_mode", "eigen");
  CHECK(model.params().alphas == std::vector<double>{0.001, 0.5, 20.0});
  CHECK(model.params().gcv_mode == GcvMode::eigen);
  CHECK_THROWS_WITH(model.set_param("alphas", "1,0"), Contains("greater than 0"));
  CHECK_THROWS_WITH(model.set_param("alphas", ""), Contains("alphas"));
  CHECK_THROWS_WITH(model.set_param("gcv_mode", "qr"),
                    Contains("expected one of auto, svd, eigen"));
  CHECK_THROWS_WITH(model.set_param("cv", "5"), Contains("no such parameter"));
  CHECK(model.params().alphas == std::vector<double>{0.001, 0.5, 20.0});
}
