#pragma once
// Entry-by-entry comparisons of a computed matrix with a fixture's, counting the entries that
// differ so that a failure reports once per matrix, not once per entry.

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "fitkit/core/types.hpp"

namespace fitkit::test {

// Equal to `tolerance` relative to each expected value's size (plus 1: values near 0 are
// compared absolutely), or identical (equal infinities), NaN where the other has NaN.
// Tolerance 0: exactly equal, as codes and indicators must be.
inline void check_close(const Matrix& actual, const Matrix& expected, const std::string& what,
                        double tolerance = 1e-10) {
  INFO(what);
  REQUIRE(actual.n_rows == expected.n_rows);
  REQUIRE(actual.n_cols == expected.n_cols);
  Index wrong = 0;
  for (Index k = 0; k < actual.n_elem; ++k) {
    const double a = actual(k), e = expected(k);
    if (std::isnan(e) ? !std::isnan(a)
                      : !(a == e || std::abs(a - e) <= tolerance * (1 + std::abs(e))))
      ++wrong;
  }
  CHECK(wrong == 0);
}

// Codes and indicators: exactly equal, NaN where the other has NaN.
inline void check_equal(const Matrix& actual, const Matrix& expected, const std::string& what) {
  check_close(actual, expected, what, 0.0);
}

}  // namespace fitkit::test
