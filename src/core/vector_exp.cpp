#include "core/vector_exp.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/lanes.hpp"
#include "core/vector_clones.hpp"

namespace fitkit::detail {
namespace {

constexpr double kLowest = -708.0;  // exp(-708) = 3.3e-308, just above the least normal
constexpr double kHighest = 709.0;  // exp(709) = 8.2e307, below the largest double
// 1.5 * 2^52: adding it rounds a number below 2^51 to an integer, held in the low mantissa bits.
constexpr double kShifter = 6755399441055744.0;
constexpr double kLog2e = 1.4426950408889634;
// ln 2 in two parts (Cody and Waite): the high part has 32 significant bits, so k times it is
// exact for the |k| <= 1023 that occur here.
constexpr double kLn2High = 6.93147180369123816490e-01;
constexpr double kLn2Low = 1.90821492927058770002e-10;

// exp(x) = 2^k exp(r) with k = round(x / ln 2) and |r| <= ln 2 / 2, where the Taylor series to
// r^13 leaves a truncation error below 1e-17 relative. Every x in [kLowest, kHighest], or
// below it (giving 0).
inline __attribute__((always_inline)) Lanes exp4(Lanes x) {
  const Lanes shifter = {kShifter, kShifter, kShifter, kShifter};
  const LaneMask below = x < kLowest;
  const Lanes xc = below ? Lanes{0, 0, 0, 0} : x;
  const Lanes t = xc * kLog2e + shifter;
  const Lanes k = t - shifter;
  const Lanes r = (xc - k * kLn2High) - k * kLn2Low;
  Lanes p = r * (1.0 / 6227020800.0) + 1.0 / 479001600.0;
  p = p * r + 1.0 / 39916800.0;
  p = p * r + 1.0 / 3628800.0;
  p = p * r + 1.0 / 362880.0;
  p = p * r + 1.0 / 40320.0;
  p = p * r + 1.0 / 5040.0;
  p = p * r + 1.0 / 720.0;
  p = p * r + 1.0 / 120.0;
  p = p * r + 1.0 / 24.0;
  p = p * r + 1.0 / 6.0;
  p = p * r + 0.5;
  p = p * r + 1.0;
  p = p * r + 1.0;
  // t's low mantissa bits hold k: 2^k is (k + 1023) in the exponent field.
  LaneMask t_bits, shifter_bits;
  std::memcpy(&t_bits, &t, sizeof t_bits);
  std::memcpy(&shifter_bits, &shifter, sizeof shifter_bits);
  const LaneMask scale_bits = (t_bits - shifter_bits + 1023) << 52;
  Lanes scale;
  std::memcpy(&scale, &scale_bits, sizeof scale);
  const Lanes result = p * scale;
  LaneMask result_bits;
  std::memcpy(&result_bits, &result, sizeof result_bits);
  result_bits &= ~below;
  Lanes out;
  std::memcpy(&out, &result_bits, sizeof out);
  return out;
}

// Four entries; `NaN or above kHighest` goes to std::exp.
inline __attribute__((always_inline)) void exp_block(double* four) {
  const Lanes x = load(four);
  if (all_lanes(x <= kHighest)) {  // false for NaN too
    store(four, exp4(x));
  } else {
    for (int k = 0; k < 4; ++k) four[k] = std::exp(four[k]);
  }
}

FITKIT_VECTOR_CLONES void exp_lanes(double* values, Index n) {
  Index i = 0;
  for (; i + 4 <= n; i += 4) exp_block(values + i);
  if (i == n) return;
  double tail[4] = {0, 0, 0, 0};
  for (Index k = i; k < n; ++k) tail[k - i] = values[k];
  exp_block(tail);
  for (Index k = i; k < n; ++k) values[k] = tail[k - i];
}

}  // namespace

void exp_inplace(double* values, Index n) {
  exp_lanes(values, n);
}

}  // namespace fitkit::detail
