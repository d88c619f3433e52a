// TruncatedSVD against scikit-learn's (fixtures made by tests/reference/make_truncated_svd.py on
// iris, wine, diabetes and a wide and a short slice of diabetes): the randomized solver's
// numbers for the same seed, the arpack algorithm (here the exact SVD by LAPACK) to ARPACK's
// accuracy; save/load in both formats, and the bad inputs scikit-learn refuses.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "bundled_data.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/decomposition/truncated_svd.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/model/model_io.hpp"
#include "support.hpp"

using fitkit::Index;
using fitkit::Matrix;
using fitkit::PowerIterationNormalizer;
using fitkit::TruncatedSVD;
using fitkit::TruncatedSvdAlgorithm;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

// The largest difference in a column relative to that column's largest expected value: the
// fixtures' columns span several orders of magnitude (wine's components), which BLAS's rounding
// does not respect across columns. A column that is zero up to rounding (digits' blank
// pixels, 1e-17 in the inverse transform) is measured against the largest of all.
double scaled_difference(const Matrix& actual, const Matrix& expected) {
  REQUIRE(actual.n_rows == expected.n_rows);
  REQUIRE(actual.n_cols == expected.n_cols);
  const double largest = arma::abs(expected).max();
  double worst = 0;
  for (Index c = 0; c < expected.n_cols; ++c) {
    const double column_largest = arma::abs(expected.col(c)).max();
    const double scale = column_largest < 1e-12 * largest ? largest : column_largest;
    worst = std::max(worst, arma::abs(actual.col(c) - expected.col(c)).max() / scale);
  }
  return worst;
}

}  // namespace

TEST_CASE("TruncatedSVD agrees with scikit-learn's randomized and arpack algorithms",
          "[truncated_svd][reference]") {
  const std::vector<std::pair<std::string, Matrix>> sets = {{"iris", bundled("iris").X},
                                                            {"wine", bundled("wine").X},
                                                            {"diabetes", bundled("diabetes").X}};
  const TruncatedSvdAlgorithm arpack = TruncatedSvdAlgorithm::arpack;
  std::vector<std::pair<std::string, std::pair<Matrix, fitkit::TruncatedSVDParams>>> cases;
  for (const auto& [data, X] : sets) {
    const int d = static_cast<int>(X.n_cols);
    cases.push_back({data, {X, {}}});
    cases.push_back(
        {data + "_3_none", {X, {.n_components = 3, .n_iter = 1, .n_oversamples = 4, .seed = 7}}});
    cases.push_back({data + "_3_qr",
                     {X,
                      {.n_components = 3,
                       .n_iter = 3,
                       .power_iteration_normalizer = PowerIterationNormalizer::qr,
                       .seed = 1}}});
    cases.push_back({data + "_all", {X, {.n_components = d, .seed = 2}}});
    cases.push_back({data + "_arpack_2", {X, {.algorithm = arpack}}});
    cases.push_back({data + "_arpack_3", {X, {.n_components = 3, .algorithm = arpack}}});
  }
  // digits (64 columns): two vectors and two power iterations are multiplied by X itself, each
  // normaliser in turn; the default 12 vectors and 5 iterations by X'X, which costs less.
  const Matrix digits = bundled("digits").X;
  for (const auto& [suffix, normalizer] : {std::pair{"lu", PowerIterationNormalizer::lu},
                                           std::pair{"qr", PowerIterationNormalizer::qr},
                                           std::pair{"none", PowerIterationNormalizer::none}})
    cases.push_back({std::string("digits_2_") + suffix,
                     {digits,
                      {.n_components = 2,
                       .n_iter = 2,
                       .n_oversamples = 2,
                       .power_iteration_normalizer = normalizer,
                       .seed = 4}}});
  cases.push_back({"digits", {digits, {.seed = 5}}});
  const Matrix& diabetes = sets.back().second;
  // Wider than tall: randomized_svd works on the transpose. Shorter than n_components: as
  // many components as rows.
  cases.push_back({"wide", {diabetes.head_rows(8), {.n_components = 3, .seed = 1}}});
  cases.push_back(
      {"wide_arpack", {diabetes.head_rows(8), {.n_components = 3, .algorithm = arpack}}});
  cases.push_back({"short", {diabetes.head_rows(3), {.n_components = 5, .seed = 3}}});
  for (const auto& [name, problem] : cases) {
    const auto& [X, params] = problem;
    const std::string dir = "truncated_svd/" + name + "/";
    INFO(dir);
    // Randomized: the same arithmetic as scikit-learn's, up to BLAS's order of operations
    // (measured: 1.2e-11 at most, wine_3_none's inverse). Arpack: ARPACK's converged vectors
    // against LAPACK's exact ones (measured: 1.5e-11 at most, wine_arpack_3's inverse).
    const bool exact = params.algorithm == arpack;
    const double tolerance = exact ? 1e-9 : 1e-10;
    TruncatedSVD svd(params);
    const Matrix Z_fit = svd.fit_transform(X);
    const Matrix Z_reference = reference_matrix(dir + "transform.csv");
    std::vector<std::pair<std::string, double>> differences = {
        {"components",
         scaled_difference(svd.components().t(),  // component by component
                           reference_matrix(dir + "components.csv").t())},
        {"fit_transform",
         scaled_difference(every_ninth(Z_fit), reference_matrix(dir + "fit_transform.csv"))},
        {"transform",
         scaled_difference(svd.transform(every_ninth(X)), reference_matrix(dir + "transform.csv"))},
        {"shifted", scaled_difference(svd.transform(1.5 * every_ninth(X) + 1.0),
                                      reference_matrix(dir + "shifted.csv"))},
        {"inverse", scaled_difference(svd.inverse_transform(Z_reference.head_rows(
                                          std::min<Index>(20, Z_reference.n_rows))),
                                      reference_matrix(dir + "inverse.csv"))}};
    for (const auto& [attribute, values] :
         {std::pair{"explained_variance", svd.explained_variance()},
          std::pair{"explained_variance_ratio", svd.explained_variance_ratio()},
          std::pair{"singular_values", svd.singular_values()}})
      differences.emplace_back(
          attribute,
          scaled_difference(Matrix(values.t()),  // entry by entry
                            Matrix(reference_vector(dir + attribute + ".csv").t())));
    for (const auto& [what, difference] : differences) {
      INFO(what << ": " << difference);
      CHECK(difference <= tolerance);
    }
    CHECK(svd.feature_names_out().size() == svd.n_components());
  }
}

TEST_CASE("TruncatedSVD: save and load give the same transform in both formats",
          "[truncated_svd]") {
  const Matrix X = bundled("wine").X;
  ScratchDir dir;
  for (const TruncatedSvdAlgorithm algorithm :
       {TruncatedSvdAlgorithm::randomized, TruncatedSvdAlgorithm::arpack}) {
    TruncatedSVD svd({.n_components = 4, .algorithm = algorithm, .seed = 5});
    svd.fit(X);
    const Matrix expected = svd.transform(1.5 * X);
    for (const std::string name : {"m.bin", "m.json"}) {
      fitkit::save(svd, dir.file(name));
      const auto back = fitkit::load_any(dir.file(name));
      CHECK(back->type_name() == "TruncatedSVD");
      CHECK(arma::approx_equal(back->transform(1.5 * X), expected, "absdiff", 0.0));
    }
  }
}

TEST_CASE(
    "TruncatedSVD: fit_transform is the transform of the training data, the same seed the "
    "same model",
    "[truncated_svd][determinism]") {
  const Matrix X = bundled("diabetes").X;
  for (const TruncatedSvdAlgorithm algorithm :
       {TruncatedSvdAlgorithm::randomized, TruncatedSvdAlgorithm::arpack}) {
    TruncatedSVD one({.n_components = 4, .algorithm = algorithm, .seed = 3}),
        two({.n_components = 4, .algorithm = algorithm, .seed = 3});
    const Matrix Z = one.fit_transform(X);
    two.fit(X);
    CHECK(arma::approx_equal(one.components(), two.components(), "absdiff", 0.0));
    CHECK(arma::approx_equal(Z, one.transform(X), "reldiff", 1e-12));
  }
  // Another seed, another (slightly) different randomized answer.
  TruncatedSVD a({.n_iter = 0, .seed = 1}), b({.n_iter = 0, .seed = 2});
  a.fit(X);
  b.fit(X);
  CHECK_FALSE(arma::approx_equal(a.components(), b.components(), "absdiff", 0.0));
}

TEST_CASE("TruncatedSVD refuses what scikit-learn refuses", "[truncated_svd]") {
  using fitkit::DataError;
  using fitkit::InvalidParameter;
  const Matrix X = {{1.0, 5.0, 2.0}, {2.0, 5.5, 0.0}, {4.0, 5.0, 1.0}, {0.5, 3.0, 7.0}};
  // Randomized: n_components up to n_features; arpack: below min(n_samples, n_features).
  CHECK_NOTHROW(TruncatedSVD({.n_components = 3}).fit(X));
  CHECK_THROWS_AS(TruncatedSVD({.n_components = 4}).fit(X), InvalidParameter);
  CHECK_NOTHROW(
      TruncatedSVD({.n_components = 2, .algorithm = TruncatedSvdAlgorithm::arpack}).fit(X));
  CHECK_THROWS_AS(
      TruncatedSVD({.n_components = 3, .algorithm = TruncatedSvdAlgorithm::arpack}).fit(X),
      InvalidParameter);
  CHECK_THROWS_AS(TruncatedSVD({.n_components = 2, .algorithm = TruncatedSvdAlgorithm::arpack})
                      .fit(X.head_rows(2)),
                  InvalidParameter);
  CHECK_THROWS_AS(TruncatedSVD({.n_components = 0}).fit(X), InvalidParameter);
  // At least 2 features; rows; finite values.
  CHECK_THROWS_WITH(TruncatedSVD({.n_components = 1}).fit(X.cols(0, 0)),
                    Catch::Contains("at least 2 features"));
  CHECK_THROWS_AS(TruncatedSVD().fit(Matrix(0, 3)), DataError);
  Matrix gaps = X;
  gaps(1, 2) = arma::datum::nan;
  CHECK_THROWS_AS(TruncatedSVD().fit(gaps), DataError);
  // Parameters by name.
  TruncatedSVD svd;
  CHECK_THROWS_AS(svd.set_param("power_iteration_normalizer", "OR"), InvalidParameter);
  CHECK_THROWS_AS(svd.set_param("algorithm", "lobpcg"), InvalidParameter);
  CHECK_THROWS_AS(svd.set_param("n_iter", "-1"), InvalidParameter);
  CHECK_THROWS_AS(svd.set_param("n_oversamples", "0"), InvalidParameter);
  CHECK_THROWS_AS(svd.set_param("tol", "-1"), InvalidParameter);
  // Before fit; another width; NaN at transform and inverse_transform.
  CHECK_THROWS_AS(svd.transform(X), fitkit::NotFitted);
  CHECK_THROWS_AS(svd.inverse_transform(X), fitkit::NotFitted);
  svd.fit(X);
  CHECK_THROWS_AS(svd.transform(Matrix(2, 4, arma::fill::ones)), fitkit::DimensionMismatch);
  CHECK_THROWS_AS(svd.inverse_transform(X), fitkit::DimensionMismatch);
  CHECK_THROWS_AS(svd.transform(gaps), DataError);
  Matrix Z = svd.transform(X);
  Z(0, 0) = arma::datum::nan;
  CHECK_THROWS_AS(svd.inverse_transform(Z), DataError);
  // One row: one component, of no variance (a ratio of 0 / 0, NaN, as scikit-learn's).
  TruncatedSVD one;
  one.fit(X.head_rows(1));
  CHECK(one.n_components() == 1);
  CHECK(one.explained_variance()(0) == 0.0);
  CHECK(std::isnan(one.explained_variance_ratio()(0)));
}
