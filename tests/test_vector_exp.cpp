// detail::exp_inplace against std::exp: ulps over the whole range, the edges, and lengths that
// are not a multiple of the four lanes.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

#include "core/vector_exp.hpp"

namespace {

// Distance in units in the last place between two positive finite doubles.
std::int64_t ulps(double a, double b) {
  std::int64_t ia, ib;
  std::memcpy(&ia, &a, sizeof a);
  std::memcpy(&ib, &b, sizeof b);
  return ia > ib ? ia - ib : ib - ia;
}

}  // namespace

TEST_CASE("exp_inplace is within 2 ulp of std::exp over its range", "[vector_exp]") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> wide(-708.0, 709.0), narrow(-2.0, 2.0);
  for (const fitkit::Index n : {1, 3, 4, 5, 1000, 100003}) {
    CAPTURE(n);
    std::vector<double> x(n);
    for (fitkit::Index i = 0; i < n; ++i) x[i] = i % 2 == 0 ? wide(rng) : narrow(rng);
    std::vector<double> y = x;
    fitkit::detail::exp_inplace(y.data(), n);
    std::int64_t worst = 0;
    for (fitkit::Index i = 0; i < n; ++i) worst = std::max(worst, ulps(y[i], std::exp(x[i])));
    CHECK(worst <= 2);
  }
}

TEST_CASE("exp_inplace at the edges: 0, underflow, overflow, infinities and NaN", "[vector_exp]") {
  const double inf = std::numeric_limits<double>::infinity();
  // Four blocks of four lanes; the last has lanes std::exp must take.
  std::vector<double> x = {0.0,  -0.0, 1e-300, -1e-300, 1.0,   -708.0, 709.0,        -708.5,
                           -1e4, -inf, -745.2, 0.5,     710.0, inf,    std::nan(""), 1.0};
  std::vector<double> y = x;
  fitkit::detail::exp_inplace(y.data(), static_cast<fitkit::Index>(y.size()));
  for (int i = 0; i < 4; ++i) CHECK(y[i] == 1.0);
  CHECK(ulps(y[4], std::exp(1.0)) <= 2);
  CHECK(ulps(y[5], std::exp(-708.0)) <= 2);
  CHECK(ulps(y[6], std::exp(709.0)) <= 2);
  // Below -708 the exact value is under 3.3e-308: 0.
  for (int i = 7; i < 11; ++i) CHECK(y[i] == 0.0);
  CHECK(ulps(y[11], std::exp(0.5)) <= 2);
  CHECK(y[12] == inf);
  CHECK(y[13] == inf);
  CHECK(std::isnan(y[14]));
  CHECK(y[15] == std::exp(1.0));
}
