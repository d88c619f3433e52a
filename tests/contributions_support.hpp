#pragma once
// What the `contributions` tag promises (fitkit/core/estimator.hpp), checked on a fitted
// estimator: n_rows x (n_features + 1) per output, and each block's row sums equal to the raw
// output it explains (decision_function's column, else predict_proba's, else the prediction).
// The common checks run it on every registered estimator; test_tree_shap.cpp on its own.

#include <catch2/catch.hpp>
#include <cmath>

#include "fitkit/core/error.hpp"
#include "fitkit/core/estimator.hpp"

namespace fitkit::test {

inline void check_contributions_honest(const Estimator& model, const Matrix& X) {
  const Tags tags = model.tags();
  if (!tags.contributions) {
    CHECK_THROWS_AS(model.contributions(X), fitkit::Error);
    return;
  }
  const Matrix phi = model.contributions(X);
  const Index width = model.n_features_in() + 1;
  REQUIRE(phi.n_rows == X.n_rows);
  REQUIRE(phi.n_cols % width == 0);
  const Index n_outputs = phi.n_cols / width;
  REQUIRE(n_outputs >= 1);
  Matrix raw;
  if (tags.decision_function)
    raw = model.decision_function(X);
  else if (tags.kind == EstimatorKind::classifier && tags.predict_proba)
    raw = model.predict_proba(X);
  else
    raw = Matrix(model.predict(X));
  REQUIRE(raw.n_cols == n_outputs);
  for (Index k = 0; k < n_outputs; ++k) {
    const Vector sums = arma::sum(phi.cols(k * width, (k + 1) * width - 1), 1);
    for (Index i = 0; i < X.n_rows; ++i) {
      INFO("output " << k << ", row " << i);
      CHECK(std::abs(sums(i) - raw(i, k)) <= 1e-9 * std::max(1.0, std::abs(raw(i, k))));
    }
    // The expected value is one number per output, the same on every row.
    CHECK(arma::all(phi.col((k + 1) * width - 1) == phi(0, (k + 1) * width - 1)));
  }
}

}  // namespace fitkit::test
