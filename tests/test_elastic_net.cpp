// ElasticNet, Lasso and their paths against scikit-learn 1.2 fixtures made by
// tests/reference/make_elastic_net.py, plus seeds, threads, model files, the programs and the
// bad inputs of DESIGN.md §8.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <string>

#include "cli_support.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/core/warnings.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/linear/elastic_net.hpp"
#include "fitkit/model/model_io.hpp"

using fitkit::CdPrecompute;
using fitkit::CdSelection;
using fitkit::ElasticNet;
using fitkit::Lasso;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;
using Catch::Matchers::StartsWith;

namespace {

struct Problem {
  Matrix X;
  Vector y;
};

Problem load_inputs(const std::string& name) {
  if (name.rfind("diabetes", 0) == 0) {
    const auto data = fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
    return {data.X, data.y};
  }
  return {reference_matrix("elastic_net/correlated/X.csv"),
          reference_vector("elastic_net/correlated/y.csv")};
}

// A correlated regression problem generated here (not a fixture).
Problem correlated(fitkit::Index n, fitkit::Index d, unsigned seed) {
  arma::arma_rng::set_seed(seed);
  Matrix X(n, d, arma::fill::randn);
  const Vector z(n, arma::fill::randn);
  X.each_col() += 2.0 * z;
  Vector coef(d, arma::fill::zeros);
  coef.head(std::min<fitkit::Index>(d, 5)) =
      Vector{3, -2, 1.5, 0.5, -1}.head(std::min<fitkit::Index>(d, 5));
  Vector y = X * coef + Vector(n, arma::fill::randn) + 1.0;
  return {X, y};
}

void check_fit(const std::string& name, CdPrecompute precompute) {
  CAPTURE(name, fitkit::detail::format_value(precompute));
  const std::string dir = "elastic_net/" + name + "/";
  const Vector p = reference_vector(dir + "params.csv");
  const Problem data = load_inputs(name);
  ElasticNet enet({.alpha = p(0),
                   .l1_ratio = p(1),
                   .fit_intercept = p(2) != 0,
                   .precompute = precompute,
                   .max_iter = static_cast<int>(p(5)),
                   .tol = p(4),
                   .positive = p(3) != 0});
  if (p(6) != 0)
    enet.fit(data.X, data.y, reference_vector(dir + "w.csv"));
  else
    enet.fit(data.X, data.y);
  const Vector coef = reference_vector(dir + "coef.csv");
  const double coef_error = relative_error(enet.coef(), coef);
  CAPTURE(coef_error, enet.n_iter());
  CHECK(coef_error < 1e-6);
  const double scale = std::max(1.0, arma::abs(data.X * coef).max());
  CHECK(std::abs(enet.intercept() - reference_scalar(dir + "intercept.csv")) < 1e-6 * scale);
  // Same updates in the same order: the same number of epochs (the Gram form may round a
  // borderline stopping test the other way).
  const int n_iter = static_cast<int>(reference_scalar(dir + "n_iter.csv"));
  if (precompute == CdPrecompute::no)
    CHECK(enet.n_iter() == n_iter);
  else
    CHECK(std::abs(enet.n_iter() - n_iter) <= 1);
  CHECK(enet.dual_gap() ==
        Approx(reference_scalar(dir + "dual_gap.csv")).epsilon(1e-3).margin(1e-9));
  if (p(3) != 0) CHECK(enet.coef().min() >= 0.0);

  if (p(1) == 1.0) {  // the same problem through Lasso
    Lasso lasso({.alpha = p(0),
                 .fit_intercept = p(2) != 0,
                 .precompute = precompute,
                 .max_iter = static_cast<int>(p(5)),
                 .tol = p(4),
                 .positive = p(3) != 0});
    lasso.fit(data.X, data.y);
    CHECK(arma::approx_equal(lasso.coef(), enet.coef(), "absdiff", 0.0));
    CHECK(lasso.intercept() == enet.intercept());
  }
}

}  // namespace

TEST_CASE("ElasticNet and Lasso match scikit-learn", "[elastic_net][reference]") {
  const auto precompute = GENERATE(CdPrecompute::automatic, CdPrecompute::no, CdPrecompute::yes);
  for (const char* name :
       {"diabetes_lasso_0.1", "diabetes_lasso_1", "diabetes_lasso_10", "diabetes_lasso_1_tight",
        "diabetes_enet_0.01", "diabetes_enet_0.5", "diabetes_lasso_positive",
        "diabetes_enet_positive", "diabetes_enet_no_intercept", "diabetes_enet_weighted",
        "correlated_lasso", "correlated_enet", "correlated_lasso_positive"})
    check_fit(name, precompute);
}

TEST_CASE("enet_path and lasso_path match scikit-learn's enet_path", "[elastic_net][reference]") {
  const auto precompute = GENERATE(CdPrecompute::automatic, CdPrecompute::no);
  for (const std::string name : {"correlated_path_enet", "diabetes_path_lasso"}) {
    CAPTURE(name);
    const std::string dir = "elastic_net/" + name + "/";
    const Vector p = reference_vector(dir + "params.csv");
    const Problem data = load_inputs(name);
    fitkit::EnetPathParams params{.l1_ratio = p(0),
                                  .precompute = precompute,
                                  .max_iter = static_cast<int>(p(2)),
                                  .tol = p(1),
                                  .n_alphas = static_cast<int>(p(3)),
                                  .eps = p(4)};
    const fitkit::EnetPath path = p(0) == 1.0 ? fitkit::lasso_path(data.X, data.y, params)
                                              : fitkit::enet_path(data.X, data.y, params);
    CHECK(relative_error(path.alphas, reference_vector(dir + "alphas.csv")) < 1e-12);
    const Matrix coefs = reference_matrix(dir + "coefs.csv");
    REQUIRE(path.coefs.n_rows == coefs.n_rows);
    REQUIRE(path.coefs.n_cols == coefs.n_cols);
    const Vector n_iters = reference_vector(dir + "n_iters.csv");
    // Relative to the largest coefficient on the path: at alpha_max scikit-learn's are
    // rounding noise (5e-16) where fitkit's are exactly zero.
    const double scale = arma::abs(coefs).max();
    for (fitkit::Index k = 0; k < coefs.n_cols; ++k) {
      CAPTURE(k);
      CHECK(arma::abs(path.coefs.col(k) - coefs.col(k)).max() < 1e-6 * scale);
      CHECK(std::abs(path.n_iters[k] - n_iters(k)) <= 1);
    }
    // Given alphas in any order come back sorted, with the same answers.
    const Vector shuffled = arma::shuffle(path.alphas);
    const fitkit::EnetPath again = fitkit::enet_path(data.X, data.y, params, shuffled);
    CHECK(arma::approx_equal(again.alphas, path.alphas, "absdiff", 0.0));
    CHECK(arma::approx_equal(again.coefs, path.coefs, "absdiff", 0.0));
  }
}

TEST_CASE("enet_path with an intercept ends where ElasticNet does", "[elastic_net][reference]") {
  const Problem data = correlated(300, 20, 3);
  const fitkit::EnetPath path = fitkit::enet_path(
      data.X, data.y, {.l1_ratio = 0.8, .fit_intercept = true, .tol = 1e-10}, Vector{0.5, 0.05});
  ElasticNet enet({.alpha = 0.05, .l1_ratio = 0.8, .tol = 1e-10});
  enet.fit(data.X, data.y);
  CHECK(relative_error(path.coefs.col(1), enet.coef()) < 1e-8);
  CHECK(path.intercepts(1) == Approx(enet.intercept()).epsilon(1e-8));
}

TEST_CASE("ElasticNet random selection: same seed, same model, any seed, same optimum",
          "[elastic_net][determinism]") {
  const Problem data = correlated(200, 30, 5);
  const auto precompute = GENERATE(CdPrecompute::no, CdPrecompute::yes);
  auto fit = [&](std::uint64_t seed) {
    ElasticNet enet({.alpha = 0.1,
                     .l1_ratio = 0.9,
                     .precompute = precompute,
                     .tol = 1e-10,
                     .selection = CdSelection::random,
                     .seed = seed});
    enet.fit(data.X, data.y);
    return enet;
  };
  const ElasticNet a = fit(7), b = fit(7), c = fit(8);
  CHECK(arma::approx_equal(a.coef(), b.coef(), "absdiff", 0.0));
  CHECK(a.n_iter() == b.n_iter());
  CHECK_FALSE(arma::approx_equal(a.coef(), c.coef(), "absdiff", 0.0));
  CHECK(relative_error(a.coef(), c.coef()) < 1e-6);
  ElasticNet cyclic({.alpha = 0.1, .l1_ratio = 0.9, .tol = 1e-10});
  cyclic.fit(data.X, data.y);
  CHECK(relative_error(a.coef(), cyclic.coef()) < 1e-6);
}

TEST_CASE("ElasticNet gap-safe screening leaves the answer unchanged", "[elastic_net][reference]") {
  // Many more features than samples, few of them useful: most are screened out early.
  arma::arma_rng::set_seed(13);
  const Matrix X(200, 2000, arma::fill::randn);
  Vector coef(2000, arma::fill::zeros);
  coef.head(8) = Vector{4, -3, 2, -2, 1.5, 1, -1, 0.5};
  const Vector y = X * coef + 0.3 * Vector(200, arma::fill::randn);
  const double l1_ratio = GENERATE(1.0, 0.6);
  const bool positive = GENERATE(false, true);
  CAPTURE(l1_ratio, positive);
  ElasticNet screened({.alpha = 0.2,
                       .l1_ratio = l1_ratio,
                       .precompute = CdPrecompute::no,
                       .max_iter = 10000,
                       .tol = 1e-10,
                       .positive = positive});
  ElasticNet plain = screened;
  plain.params().screening = false;
  screened.fit(X, y);
  plain.fit(X, y);
  CHECK(relative_error(screened.coef(), plain.coef()) < 1e-9);
  CHECK(screened.intercept() == Approx(plain.intercept()).epsilon(1e-9));
  CHECK(arma::accu(screened.coef() != 0.0) < 200);
}

TEST_CASE("ElasticNet gives the same bits on any number of threads", "[elastic_net][determinism]") {
  const Problem data = correlated(20000, 60, 9);
  const auto precompute = GENERATE(CdPrecompute::no, CdPrecompute::yes);
  ElasticNet one({.alpha = 0.01, .precompute = precompute}), two = one;
  fitkit::set_num_threads(1);
  one.fit(data.X, data.y);
  fitkit::set_num_threads(2);
  two.fit(data.X, data.y);
  fitkit::set_num_threads(0);
  // Exact: no sum's order depends on the thread count. Coordinate descent and its gaps use
  // fitkit's own dot products; the Gram matrix comes from chunks of rows fixed by X's shape,
  // added in chunk order, each chunk's BLAS on one thread.
  CHECK(arma::approx_equal(one.coef(), two.coef(), "absdiff", 0.0));
  CHECK(one.intercept() == two.intercept());
  CHECK(one.n_iter() == two.n_iter());
}

TEST_CASE("ElasticNet warm_start continues from the previous coefficients", "[elastic_net]") {
  const Problem data = correlated(500, 40, 11);
  ElasticNet cold({.alpha = 0.05, .tol = 1e-8});
  cold.fit(data.X, data.y);
  ElasticNet warm({.alpha = 0.06, .tol = 1e-8, .warm_start = true});
  {
    const fitkit::WarningCapture expected;  // a start that tol 1e-8 does not reach in max_iter
    warm.fit(data.X, data.y);
  }
  warm.params().alpha = 0.05;
  warm.fit(data.X, data.y);
  CHECK(relative_error(warm.coef(), cold.coef()) < 1e-6);
  CHECK(warm.n_iter() < cold.n_iter());
}

TEST_CASE("ElasticNet and Lasso round-trip through .bin and .json", "[elastic_net]") {
  ScratchDir dir;
  const auto data = fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
  ElasticNet enet({.alpha = 0.1, .l1_ratio = 0.3});
  enet.fit(data.X, data.y);
  Lasso lasso({.alpha = 0.5, .positive = true});
  lasso.fit(data.X, data.y);
  for (const std::string ext : {".bin", ".json"}) {
    fitkit::save(enet, dir.file("enet" + ext));
    fitkit::save(lasso, dir.file("lasso" + ext));
    const auto enet2 = fitkit::load<ElasticNet>(dir.file("enet" + ext));
    const auto lasso2 = fitkit::load<Lasso>(dir.file("lasso" + ext));
    CHECK(arma::approx_equal(enet2.predict(data.X), enet.predict(data.X), "absdiff", 0.0));
    CHECK(arma::approx_equal(lasso2.predict(data.X), lasso.predict(data.X), "absdiff", 0.0));
    CHECK(enet2.n_iter() == enet.n_iter());
    CHECK(enet2.dual_gap() == enet.dual_gap());
    CHECK(enet2.params().l1_ratio == 0.3);
    CHECK(lasso2.params().positive);
    const auto any = fitkit::load_any(dir.file("lasso" + ext));
    CHECK(any->type_name() == "Lasso");
    CHECK_THROWS_AS(fitkit::load<Lasso>(dir.file("enet" + ext)), fitkit::ModelFormatError);
  }
}

TEST_CASE("ElasticNet degenerate but valid inputs", "[elastic_net]") {
  SECTION("a constant column gets a zero coefficient") {
    const auto precompute = GENERATE(CdPrecompute::no, CdPrecompute::yes);
    Matrix X = {{1, 5}, {2, 5}, {3, 5}, {4, 5}};
    ElasticNet enet({.alpha = 0.01, .precompute = precompute});
    enet.fit(X, Vector{2, 4, 6, 8});
    CHECK(enet.coef()(1) == 0.0);
    CHECK(enet.coef()(0) > 1.9);
  }
  SECTION("alpha above alpha_max: all coefficients zero, intercept the mean") {
    Lasso lasso({.alpha = 1e6});
    lasso.fit(Matrix{{1, 2}, {3, 1}, {0, 4}}, Vector{1, 2, 6});
    CHECK(arma::abs(lasso.coef()).max() == 0.0);
    CHECK(lasso.intercept() == Approx(3.0));
    CHECK(lasso.n_iter() == 1);
  }
  SECTION("one row") {
    Lasso lasso;
    lasso.fit(Matrix{{1.0, 2.0}}, Vector{3.0});
    CHECK(arma::abs(lasso.coef()).max() == 0.0);
    CHECK(lasso.intercept() == 3.0);
  }
  SECTION("a constant target: optimal at once, without a convergence warning") {
    const fitkit::WarningCapture capture;
    ElasticNet enet;
    enet.fit(Matrix{{1, 2}, {3, 1}, {0, 4}}, Vector{2, 2, 2});
    CHECK(arma::abs(enet.coef()).max() == 0.0);
    CHECK(enet.intercept() == 2.0);
    CHECK(enet.n_iter() == 1);
    CHECK(capture.warnings().empty());
  }
}

TEST_CASE("ElasticNet and Lasso reject bad input with clear errors", "[elastic_net]") {
  using Catch::Matchers::Contains;
  ElasticNet enet;
  const Matrix X = {{1, 2}, {3, 4}, {5, 7}};
  const Vector y = {1, 2, 3};

  CHECK_THROWS_MATCHES(enet.predict(X), fitkit::NotFitted,
                       Catch::Message("ElasticNet is not fitted yet: call fit before using it"));
  CHECK_THROWS_AS(enet.coef(), fitkit::NotFitted);
  CHECK_THROWS_AS(Lasso().n_iter(), fitkit::NotFitted);
  CHECK_THROWS_WITH(enet.fit(Matrix(0, 2), Vector()), Contains("no rows"));
  CHECK_THROWS_WITH(enet.fit(Matrix(3, 0), y), Contains("no feature columns"));
  CHECK_THROWS_AS(enet.fit(X, Vector{1, 2}), fitkit::DimensionMismatch);
  Matrix with_nan = X;
  with_nan(1, 1) = arma::datum::nan;
  CHECK_THROWS_WITH(enet.fit(with_nan, y), Contains("NaN at row 2, column 2"));
  CHECK_THROWS_WITH(enet.fit(X, Vector{1, arma::datum::inf, 3}),
                    Contains("y contains an infinite"));
  CHECK_THROWS_WITH(enet.fit(X, y, Vector{1, -1, 1}), Contains("negative at row 2"));
  CHECK_THROWS_AS(enet.fit(X, y, Vector{1, 1}), fitkit::DimensionMismatch);

  CHECK_THROWS_WITH(ElasticNet({.alpha = -1}).fit(X, y),
                    Contains("alpha") && Contains("at least 0"));
  CHECK_THROWS_WITH(ElasticNet({.l1_ratio = 1.5}).fit(X, y), Contains("l1_ratio"));
  CHECK_THROWS_WITH(ElasticNet({.max_iter = 0}).fit(X, y), Contains("max_iter"));
  CHECK_THROWS_WITH(Lasso({.tol = -1e-3}).fit(X, y), Contains("tol"));
  CHECK_THROWS_AS(enet.set_param("l1_ratio", "-0.1"), fitkit::InvalidParameter);
  CHECK_THROWS_WITH(enet.set_param("selection", "shuffle"),
                    Contains("expected one of cyclic, random"));
  CHECK_THROWS_WITH(Lasso().set_param("l1_ratio", "0.5"), Contains("no such parameter"));
  CHECK_THROWS_AS(fitkit::enet_path(X, y, {}, Vector{0.1, -1}), fitkit::InvalidParameter);
  CHECK_THROWS_WITH(fitkit::enet_path(X, y, {.l1_ratio = 0}), Contains("l1_ratio"));
  CHECK_FALSE(enet.is_fitted());

  enet.fit(X, y);
  CHECK_THROWS_WITH(enet.predict(Matrix(2, 3, arma::fill::ones)),
                    Contains("X has 3 features, but ElasticNet was fitted with 2"));
  Matrix predict_nan = X;
  predict_nan(0, 0) = arma::datum::nan;
  CHECK_THROWS_AS(enet.predict(predict_nan), fitkit::DataError);
}

TEST_CASE("ElasticNet and Lasso parameters by name", "[elastic_net]") {
  CHECK(ElasticNet().get_params() == fitkit::ParamMap{{"alpha", "1"},
                                                      {"fit_intercept", "true"},
                                                      {"l1_ratio", "0.5"},
                                                      {"max_iter", "1000"},
                                                      {"positive", "false"},
                                                      {"precompute", "auto"},
                                                      {"screening", "true"},
                                                      {"seed", "0"},
                                                      {"selection", "cyclic"},
                                                      {"tol", "1e-04"},
                                                      {"warm_start", "false"}});
  Lasso lasso;
  CHECK(lasso.get_params().count("l1_ratio") == 0);
  lasso.set_param("selection", "random");
  lasso.set_param("precompute", "false");
  CHECK(lasso.params().selection == CdSelection::random);
  CHECK(lasso.params().precompute == CdPrecompute::no);
}

TEST_CASE("ElasticNet, Lasso and their paths warn when max_iter stops them", "[elastic_net]") {
  const Problem data = load_inputs("diabetes");
  {
    fitkit::WarningCapture capture;
    Lasso({.alpha = 0.01, .max_iter = 1, .tol = 1e-12}).fit(data.X, data.y);
    REQUIRE(capture.warnings().size() == 1);
    CHECK_THAT(
        capture.warnings()[0].message,
        Catch::Matchers::StartsWith("Lasso did not converge in 1 iterations (duality gap ") &&
            Catch::Matchers::Contains("not below tol"));
  }
  {
    fitkit::WarningCapture capture;
    fitkit::enet_path(data.X, data.y,
                      {.l1_ratio = 0.5, .max_iter = 1, .tol = 1e-12, .n_alphas = 5});
    REQUIRE(capture.warnings().size() == 1);
    CHECK_THAT(capture.warnings()[0].message,
               Catch::Matchers::StartsWith("enet_path did not converge in 1 iterations (at "));
  }
  fitkit::WarningCapture capture;
  Lasso({.alpha = 0.01}).fit(data.X, data.y);
  ElasticNet({.alpha = 0.01}).fit(data.X, data.y);
  CHECK(capture.warnings().empty());
}

TEST_CASE("fitkit-lasso and fitkit-elastic-net fit, predict and score", "[elastic_net][cli]") {
  ScratchDir dir;
  const std::string data = source_path("datasets/diabetes.csv");
  const auto fit_lasso = [&](const std::vector<std::string>& extra) {
    std::vector<std::string> args = {"fit",     "--data",          data, "--target", "progression",
                                     "--model", dir.file("l.json")};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(dir, "fitkit-lasso", args);
  };
  Result result = fit_lasso({"--alpha", "0.5"});
  REQUIRE(result.status == 0);
  CHECK(result.err.empty());
  result = run(dir, "fitkit-lasso",
               {"score", "--data", data, "--target", "progression", "--model", dir.file("l.json")});
  REQUIRE(result.status == 0);
  Lasso lasso({.alpha = 0.5});
  const auto table = fitkit::io::read_csv(data);
  lasso.fit(table.X, table.y);
  CHECK(printed_score(result.out, "R2") == Approx(lasso.score(table.X, table.y)).epsilon(1e-5));

  // Stopped by max_iter: the model is still saved, and stderr says why it may be poor.
  result = fit_lasso({"--alpha", "0.01", "--max-iter", "1", "--tol", "1e-12"});
  REQUIRE(result.status == 0);
  CHECK_THAT(result.err,
             StartsWith("fitkit-lasso: warning: Lasso did not converge in 1 iterations"));
  result = fit_lasso({"--alpha", "0.01", "--max-iter", "1", "--tol", "1e-12", "-q"});
  REQUIRE(result.status == 0);
  CHECK(result.err.empty());

  // --warm-start true continues from the saved model: from alpha 10's coefficients to alpha 1's
  // optimum (scikit-learn's), in fewer iterations than from zero.
  REQUIRE(fit_lasso({"--alpha", "1", "--tol", "1e-10", "--max-iter", "100000"}).status == 0);
  const Lasso cold = fitkit::load<Lasso>(dir.file("l.json"));
  REQUIRE(fit_lasso({"--alpha", "10", "--tol", "1e-10", "--max-iter", "100000"}).status == 0);
  REQUIRE(
      fit_lasso({"--alpha", "1", "--tol", "1e-10", "--max-iter", "100000", "--warm-start", "true"})
          .status == 0);
  const Lasso warm = fitkit::load<Lasso>(dir.file("l.json"));
  CHECK(warm.params().alpha == 1.0);
  CHECK(relative_error(warm.coef(),
                       reference_vector("elastic_net/diabetes_lasso_1_tight/coef.csv")) < 1e-6);
  CHECK(warm.n_iter() < cold.n_iter());

  result = run(dir, "fitkit-elastic-net",
               {"fit", "--data", data, "--target", "progression", "--alpha", "0.1", "--l1-ratio",
                "0.7", "--model", dir.file("e.bin")});
  REQUIRE(result.status == 0);
  CHECK(fitkit::load<ElasticNet>(dir.file("e.bin")).params().l1_ratio == 0.7);
  result = run(dir, "fitkit-elastic-net",
               {"fit", "--data", data, "--target", "progression", "--l1-ratio", "2", "--model",
                dir.file("bad.bin")});
  require_failure(result, 2, "fitkit-elastic-net", "l1_ratio");
  CHECK_FALSE(exists(dir.file("bad.bin")));
  result = run(dir, "fitkit-lasso",
               {"fit", "--data", data, "--target", "progression", "--l1-ratio", "0.5", "--model",
                dir.file("bad.bin")});
  require_failure(result, 2, "fitkit-lasso", "unrecognised option '--l1-ratio'");
}
