// Regression metrics against scikit-learn's definitions (values worked by hand from them).

#include <catch2/catch.hpp>
#include <cmath>

#include "fitkit/core/classifier.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/metrics/classification.hpp"
#include "fitkit/metrics/regression.hpp"

using fitkit::Vector;

TEST_CASE("r2_score, mean_squared_error and mean_absolute_error", "[metrics]") {
  const Vector y = {3.0, -0.5, 2.0, 7.0};
  const Vector p = {2.5, 0.0, 2.0, 8.0};
  // scikit-learn's documentation example: r2_score = 0.948..., MSE = 0.375, MAE = 0.5.
  CHECK(fitkit::r2_score(y, p) == Approx(0.9486081370449679).epsilon(1e-15));
  CHECK(fitkit::mean_squared_error(y, p) == Approx(0.375).epsilon(1e-15));
  CHECK(fitkit::mean_absolute_error(y, p) == Approx(0.5).epsilon(1e-15));
  // Weights: sum w (y - p)^2 / sum w = (0.25 + 0.5 + 0 + 4) / 8.
  const Vector w = {1.0, 2.0, 1.0, 4.0};
  CHECK(fitkit::mean_squared_error(y, p, w) == Approx(4.75 / 8.0).epsilon(1e-15));

  SECTION("constant target: 1 when perfect, 0 otherwise (force_finite)") {
    CHECK(fitkit::r2_score(Vector{2, 2, 2}, Vector{2, 2, 2}) == 1.0);
    CHECK(fitkit::r2_score(Vector{2, 2, 2}, Vector{2, 2, 3}) == 0.0);
  }
  SECTION("one sample: undefined") {
    CHECK(std::isnan(fitkit::r2_score(Vector{1}, Vector{1})));
  }
  SECTION("bad input") {
    CHECK_THROWS_AS(fitkit::r2_score(y, Vector{1, 2}), fitkit::DimensionMismatch);
    CHECK_THROWS_AS(fitkit::r2_score(Vector(), Vector()), fitkit::DataError);
    CHECK_THROWS_AS(fitkit::r2_score(y, Vector{1, 2, arma::datum::nan, 4}), fitkit::DataError);
  }
}

TEST_CASE("accuracy_score and log_loss", "[metrics]") {
  const fitkit::Labels y = {1, 3, 3, 7};
  const fitkit::Labels classes = {1, 3, 7};
  const fitkit::Matrix proba = {{0.7, 0.2, 0.1}, {0.1, 0.8, 0.1}, {0.3, 0.3, 0.4}, {0.2, 0.2, 0.6}};
  const Vector w = {1, 2, 0.5, 1};
  // Values from scikit-learn 1.2.1 on the same inputs.
  CHECK(fitkit::accuracy_score(y, fitkit::Labels{1, 3, 7, 7}) == 0.75);
  CHECK(fitkit::accuracy_score(y, fitkit::Labels{1, 3, 7, 7}, w) ==
        Approx(0.8888888888888888).epsilon(1e-15));
  CHECK(fitkit::log_loss(y, proba, classes) == Approx(0.5736542308362171).epsilon(1e-14));
  CHECK(fitkit::log_loss(y, proba, classes, w) == Approx(0.42572757166580233).epsilon(1e-14));
  CHECK_THROWS_AS(fitkit::log_loss(fitkit::Labels{1, 2, 3, 7}, proba, classes), fitkit::DataError);
  CHECK_THROWS_AS(fitkit::accuracy_score(y, fitkit::Labels{1}), fitkit::DimensionMismatch);
}

TEST_CASE("a classifier's target must hold integer labels", "[metrics]") {
  CHECK(arma::all(fitkit::labels_from_values(Vector{2, -1, 2}, "X") == fitkit::Labels{2, -1, 2}));
  CHECK_THROWS_WITH(fitkit::labels_from_values(Vector{1, 2.5}, "LogisticRegression"),
                    Catch::Matchers::Contains("the target is continuous (row 2 holds 2.5)"));
}
