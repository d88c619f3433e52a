// Regression metrics against scikit-learn's definitions (values worked by hand from them).

#include <catch2/catch.hpp>
#include <cmath>

#include "fitkit/core/error.hpp"
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
