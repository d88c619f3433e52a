// PolynomialFeatures against scikit-learn fixtures made by
// tests/reference/make_polynomial_features.py (output, powers_, get_feature_names_out), the
// Transformer face, save/load in both formats, and the bad inputs of DESIGN.md §8.

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/linear/ridge.hpp"
#include "fitkit/model/model_io.hpp"
#include "fitkit/preprocessing/polynomial_features.hpp"
#include "forged_models.hpp"
#include "support.hpp"

using Catch::Matchers::Contains;
using fitkit::Matrix;
using fitkit::PolynomialFeatures;
using fitkit::PolynomialFeaturesParams;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

struct Case {
  const char* name;  // directory suffix under tests/reference/polynomial_features
  PolynomialFeaturesParams params;
  bool random_only;  // fixtures only for the 4-column matrix
};

const Case kCases[] = {
    {"d0", {.degree = 0}, false},
    {"d1", {.degree = 1}, false},
    {"d2", {.degree = 2}, false},
    {"d3", {.degree = 3}, false},
    {"d3_interaction", {.degree = 3, .interaction_only = true}, false},
    {"d2_no_bias", {.degree = 2, .include_bias = false}, false},
    {"d2_3", {.degree = 3, .min_degree = 2}, false},
    {"d3_3_interaction_no_bias",
     {.degree = 3, .min_degree = 3, .interaction_only = true, .include_bias = false},
     false},
    {"d6_interaction", {.degree = 6, .interaction_only = true}, true},
    {"d4_1", {.degree = 4, .min_degree = 1, .include_bias = false}, true},
};

// The first 12 rows of diabetes.csv without the target, with its column names.
fitkit::Dataset diabetes_slice() {
  fitkit::Dataset data = fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
  data.X = Matrix(data.X.rows(0, 11));
  data.y.reset();
  data.target_name.clear();
  return data;
}

std::vector<std::string> reference_names(const std::string& relative) {
  std::vector<std::string> names;
  std::istringstream lines(read_file(source_path("tests/reference/" + relative)));
  for (std::string line; std::getline(lines, line);) names.push_back(line);
  return names;
}

// Largest |a - b| / |b| over the entries (|a - b| where b is 0).
double max_relative_error(const Matrix& actual, const Matrix& expected) {
  if (actual.n_rows != expected.n_rows || actual.n_cols != expected.n_cols) return 1e300;
  double worst = 0;
  for (fitkit::Index k = 0; k < expected.n_elem; ++k) {
    const double scale = std::abs(expected(k)) > 0 ? std::abs(expected(k)) : 1.0;
    worst = std::max(worst, std::abs(actual(k) - expected(k)) / scale);
  }
  return worst;
}

// Each output column as the product of powers of the inputs, straight from powers().
Matrix naive_expansion(const Matrix& X, const arma::umat& powers) {
  Matrix out(X.n_rows, powers.n_rows, arma::fill::ones);
  for (fitkit::Index k = 0; k < powers.n_rows; ++k)
    for (fitkit::Index j = 0; j < powers.n_cols; ++j)
      out.col(k) %= arma::pow(X.col(j), static_cast<double>(powers(k, j)));
  return out;
}

void check_case(const std::string& dir, const PolynomialFeatures& poly, const Matrix& XP) {
  INFO(dir);
  CHECK(max_relative_error(XP, reference_matrix(dir + "/XP.csv")) <= 1e-12);
  CHECK(XP.n_cols == poly.n_output_features());
  CHECK(arma::approx_equal(arma::conv_to<Matrix>::from(poly.powers()),
                           reference_matrix(dir + "/powers.csv"), "absdiff", 0.0));
  CHECK(poly.feature_names_out() == reference_names(dir + "/names.txt"));
}

}  // namespace

TEST_CASE("PolynomialFeatures matches scikit-learn: output, powers_ and feature names",
          "[polynomial_features][reference]") {
  const fitkit::Dataset diabetes = diabetes_slice();
  const Matrix random = reference_matrix("polynomial_features/random/X.csv");
  for (const Case& c : kCases) {
    if (!c.random_only) {
      PolynomialFeatures poly(c.params);
      poly.fit_dataset(diabetes);  // names from the header: "age^2", "age sex"
      check_case("polynomial_features/diabetes_" + std::string(c.name), poly,
                 poly.transform(diabetes.X));
    }
    PolynomialFeatures poly(c.params);
    const Matrix XP = poly.fit_transform(random);  // no names: x0, x1, ...
    check_case("polynomial_features/random_" + std::string(c.name), poly, XP);
  }
}

TEST_CASE(
    "PolynomialFeatures: the columns equal the products powers() names, on every thread count",
    "[polynomial_features][determinism]") {
  arma::arma_rng::set_seed(11);
  const Matrix X = Matrix(5000, 7, arma::fill::randu) + 0.5;
  for (const PolynomialFeaturesParams params :
       {PolynomialFeaturesParams{.degree = 3},
        PolynomialFeaturesParams{.degree = 4, .min_degree = 3},
        PolynomialFeaturesParams{.degree = 4, .interaction_only = true}}) {
    PolynomialFeatures poly(params);
    fitkit::set_num_threads(1);
    const Matrix one = poly.fit_transform(X);
    fitkit::set_num_threads(2);
    const Matrix two = poly.transform(X);
    fitkit::set_num_threads(0);
    // Exact: every entry is a product fitkit computes in a fixed order, nothing is summed.
    CHECK(arma::approx_equal(one, two, "absdiff", 0.0));
    CHECK(max_relative_error(one, naive_expansion(X, poly.powers())) < 1e-13);
  }
}

TEST_CASE("PolynomialFeatures counts its output without building it", "[polynomial_features]") {
  const Matrix X(2, 100, arma::fill::ones);
  PolynomialFeatures poly({.degree = 3});
  poly.fit(X);
  CHECK(poly.n_output_features() == 176851);  // C(103, 3)
  PolynomialFeatures interaction({.degree = 3, .min_degree = 2, .interaction_only = true});
  interaction.fit(X);
  CHECK(interaction.n_output_features() == 1 + 4950 + 161700);  // C(100, 2) + C(100, 3)
  CHECK(interaction.feature_names_out()[1] == "x0 x1");
  CHECK(interaction.feature_names_out().back() == "x97 x98 x99");
}

TEST_CASE("PolynomialFeatures is a Transformer on the polymorphic face", "[polynomial_features]") {
  const Matrix X = {{1, 2}, {3, 4}, {5, 7}};
  PolynomialFeatures poly;
  fitkit::Estimator& estimator = poly;
  CHECK(estimator.kind() == fitkit::EstimatorKind::transformer);
  CHECK(estimator.tags().transform);
  CHECK_FALSE(estimator.tags().predict);
  CHECK_FALSE(estimator.tags().score);
  // fit ignores the target, even one with NaN in it.
  estimator.fit_dataset({X, Vector{1, arma::datum::nan, 3}, {"a", "b"}, "t", {}, "d.csv"});
  CHECK(estimator.target_name() == "t");
  const Matrix expected = {{1, 1, 2, 1, 2, 4}, {1, 3, 4, 9, 12, 16}, {1, 5, 7, 25, 35, 49}};
  CHECK(arma::approx_equal(estimator.transform(X), expected, "absdiff", 0.0));
  CHECK(estimator.feature_names_out() ==
        std::vector<std::string>{"1", "a", "b", "a^2", "a b", "b^2"});
  CHECK_THROWS_MATCHES(estimator.predict(X), fitkit::Error,
                       Catch::Message("PolynomialFeatures is a transformer: use transform"));
  CHECK_THROWS_MATCHES(estimator.score(X, Vector{1, 2, 3}), fitkit::Error,
                       Catch::Message("PolynomialFeatures is a transformer: use transform"));

  fitkit::Ridge ridge;
  CHECK_FALSE(ridge.tags().transform);
  ridge.fit(X, Vector{1, 2, 3});
  CHECK_THROWS_MATCHES(ridge.transform(X), fitkit::Error, Catch::Message("Ridge has no transform"));
  CHECK_THROWS_MATCHES(ridge.feature_names_out(), fitkit::Error,
                       Catch::Message("Ridge has no transform"));
}

TEST_CASE("PolynomialFeatures degenerate but valid inputs", "[polynomial_features]") {
  SECTION("one row") {
    PolynomialFeatures poly;
    const Matrix XP = poly.fit_transform(Matrix{{2.0, 3.0}});
    CHECK(arma::approx_equal(XP, Matrix{{1, 2, 3, 4, 6, 9}}, "absdiff", 0.0));
  }
  SECTION("constant and duplicated columns are expanded like any other") {
    const Matrix X = {{5, 1, 1}, {5, 2, 2}, {5, 3, 3}};
    PolynomialFeatures poly({.degree = 2, .include_bias = false});
    const Matrix XP = poly.fit_transform(X);
    CHECK(max_relative_error(XP, naive_expansion(X, poly.powers())) == 0.0);
    CHECK(arma::approx_equal(XP.col(3), Vector{25, 25, 25}, "absdiff", 0.0));  // x0^2
  }
  SECTION("transform of no rows gives no rows") {
    PolynomialFeatures poly;
    poly.fit(Matrix{{1.0, 2.0}});
    const Matrix XP = poly.transform(Matrix(0, 2));
    CHECK(XP.n_rows == 0);
    CHECK(XP.n_cols == 6);
  }
  SECTION("interaction_only above the number of features stops at the last product") {
    PolynomialFeatures poly({.degree = 9, .interaction_only = true});
    CHECK(poly.fit_transform(Matrix{{2.0, 3.0}}).n_cols == 4);  // 1, x0, x1, x0 x1
  }
}

TEST_CASE("PolynomialFeatures save and load give identical output in both formats",
          "[polynomial_features]") {
  const fitkit::Dataset data = fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
  PolynomialFeatures poly({.degree = 3, .min_degree = 2, .interaction_only = true});
  poly.fit_dataset(data);
  const Matrix XP = poly.transform(data.X);
  ScratchDir dir;
  for (const std::string name : {"p.bin", "p.json"}) {
    const std::string path = dir.file(name);
    fitkit::save(poly, path);
    const auto back = fitkit::load<PolynomialFeatures>(path);
    CHECK(arma::approx_equal(back.transform(data.X), XP, "absdiff", 0.0));
    CHECK(back.get_params() == poly.get_params());
    CHECK(back.feature_names_out() == poly.feature_names_out());
    CHECK(back.target_name() == "progression");
    const auto any = fitkit::load_any(path);
    CHECK(any->type_name() == "PolynomialFeatures");
    CHECK(arma::approx_equal(any->transform(data.X), XP, "absdiff", 0.0));
  }
}

TEST_CASE("PolynomialFeatures model files whose count disagrees with the parameters are refused",
          "[polynomial_features]") {
  PolynomialFeatures poly;  // degree 2 on 10 features: 66 columns
  poly.fit(Matrix(3, 10, arma::fill::randu));
  ScratchDir dir;
  const std::string path = dir.file("p.bin");
  fitkit::save(poly, path);
  const std::string good = read_file(path);
  // A body edited in place, with the checksum in the header made to match again.
  auto write_edited = [&](const std::function<void(std::string&)>& edit) {
    std::string bytes = good;
    edit(bytes);
    return dir.write("edited.bin", fitkit::test::binary_with_fixed_checksum(bytes));
  };
  SECTION("n_output_features, the payload's last 8 bytes") {
    const std::uint64_t stored = 66, edited = 67;
    REQUIRE(std::memcmp(good.data() + good.size() - 8, &stored, 8) == 0);
    const std::string bad =
        write_edited([&](std::string& b) { std::memcpy(b.data() + b.size() - 8, &edited, 8); });
    CHECK_THROWS_AS(fitkit::load<PolynomialFeatures>(bad), fitkit::ModelFormatError);
    CHECK_THROWS_WITH(fitkit::load<PolynomialFeatures>(bad),
                      Contains("n_output_features is 67, but the parameters "
                               "give 66"));
  }
  SECTION("min_degree above degree") {
    const std::string key = "min_degree";
    const std::size_t at = good.find(key);
    REQUIRE(at != std::string::npos);
    const std::size_t value = at + key.size() + 8;  // after the value's u64 length
    REQUIRE(good[value] == '0');
    const std::string bad = write_edited([&](std::string& b) { b[value] = '3'; });
    CHECK_THROWS_AS(fitkit::load<PolynomialFeatures>(bad), fitkit::ModelFormatError);
    CHECK_THROWS_WITH(fitkit::load<PolynomialFeatures>(bad),
                      Contains("must be at most degree (2), got 3"));
  }
}

TEST_CASE("PolynomialFeatures rejects bad input with clear errors", "[polynomial_features]") {
  PolynomialFeatures poly;
  const Matrix X = {{1, 2}, {3, 4}, {5, 7}};

  CHECK_THROWS_MATCHES(poly.transform(X), fitkit::NotFitted,
                       Catch::Message("PolynomialFeatures is not fitted yet: call fit before "
                                      "using it"));
  CHECK_THROWS_AS(poly.n_output_features(), fitkit::NotFitted);
  CHECK_THROWS_AS(poly.powers(), fitkit::NotFitted);
  CHECK_THROWS_AS(poly.feature_names_out(), fitkit::NotFitted);
  CHECK_THROWS_AS(fitkit::save(poly, "unused.bin"), fitkit::NotFitted);
  CHECK_THROWS_WITH(poly.fit(Matrix(0, 2)), Contains("no rows"));
  CHECK_THROWS_WITH(poly.fit(Matrix(3, 0)), Contains("no feature columns"));
  Matrix with_nan = X;
  with_nan(1, 1) = arma::datum::nan;
  CHECK_THROWS_WITH(poly.fit(with_nan), Contains("NaN at row 2, column 2"));
  Matrix with_inf = X;
  with_inf(0, 0) = -arma::datum::inf;
  CHECK_THROWS_AS(poly.fit(with_inf), fitkit::DataError);
  CHECK_FALSE(poly.is_fitted());

  poly.fit(X);
  CHECK_THROWS_MATCHES(
      poly.transform(Matrix(2, 3, arma::fill::ones)), fitkit::DimensionMismatch,
      Catch::Message("X has 3 features, but PolynomialFeatures was fitted with 2"));
  CHECK_THROWS_WITH(poly.transform(with_nan), Contains("NaN at row 2, column 2"));

  SECTION("out-of-range parameters") {
    CHECK_THROWS_WITH(PolynomialFeatures({.degree = -1}).fit(X), Contains("parameter 'degree'"));
    CHECK_THROWS_WITH(PolynomialFeatures({.min_degree = -1}).fit(X),
                      Contains("parameter 'min_degree'"));
    CHECK_THROWS_WITH(PolynomialFeatures({.degree = 2, .min_degree = 3}).fit(X),
                      Contains("min_degree': must be at most degree (2), got 3"));
    CHECK_THROWS_WITH(PolynomialFeatures({.degree = 0, .include_bias = false}).fit(X),
                      Contains("degree 0 without include_bias would give an empty output"));
    CHECK_THROWS_WITH(
        PolynomialFeatures(
            {.degree = 3, .min_degree = 3, .interaction_only = true, .include_bias = false})
            .fit(X),
        Contains("the output would be empty"));
    CHECK_THROWS_AS(PolynomialFeatures().set_param("degree", "two"), fitkit::InvalidParameter);
  }
  SECTION("an expansion too large to compute is refused before anything is allocated") {
    const Matrix wide(2, 1000, arma::fill::ones);
    CHECK_THROWS_MATCHES(PolynomialFeatures({.degree = 4}).fit(wide), fitkit::InvalidParameter,
                         Catch::Message("parameter 'degree': degree 4 on 1000 features gives more "
                                        "than 2147483647 output features"));
    CHECK_THROWS_AS(PolynomialFeatures({.degree = 2147483647}).fit(Matrix{{1.0, 2.0}}),
                    fitkit::InvalidParameter);
    // Within the count, but not within any machine's memory.
    PolynomialFeatures one_feature({.degree = 2000000000});
    one_feature.fit(Matrix(1, 1, arma::fill::ones));
    CHECK(one_feature.n_output_features() == 2000000001);
    CHECK_THROWS_WITH(one_feature.transform(Matrix(100000, 1, arma::fill::ones)),
                      Contains("100000 rows x 2000000001 columns would need"));
  }
}

TEST_CASE("PolynomialFeatures parameters by name", "[polynomial_features]") {
  PolynomialFeatures poly;
  CHECK(poly.get_params() == fitkit::ParamMap{{"degree", "2"},
                                              {"include_bias", "true"},
                                              {"interaction_only", "false"},
                                              {"min_degree", "0"}});
  poly.set_param("degree", "3");
  poly.set_param("interaction_only", "true");
  CHECK(poly.params().degree == 3);
  CHECK(poly.params().interaction_only);
  CHECK_THROWS_WITH(poly.set_param("degree", "-2"), Contains("at least 0"));
  CHECK_THROWS_WITH(poly.set_param("order", "F"), Contains("no such parameter"));
}
