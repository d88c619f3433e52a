#pragma once
// The draws of numpy's legacy RandomState(seed) that scikit-learn makes, so that fitkit gives
// scikit-learn's results for the same integer random_state: randint for the forests (the seed
// of every tree, random_state.randint(2^31 - 1), and each tree's bootstrap rows), shuffle and
// permutation for the cross-validation splitters and train_test_split.
//
// RandomState(seed) for a seed below 2^32 is MT19937's init_genrand(seed) (std::mt19937).
// randint(low, high) and the shuffles both draw from numpy's random_interval(max): for max
// below 2^32, 32-bit outputs masked to the smallest all-ones mask covering max, redrawing
// those above it.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

class NumpyRandomState {
 public:
  explicit NumpyRandomState(std::uint32_t seed) : engine_(seed) {}

  // In [low, high), high - low in [1, 2^32].
  std::int64_t randint(std::int64_t low, std::int64_t high) {
    return low + static_cast<std::int64_t>(interval(static_cast<std::uint32_t>(high - 1 - low)));
  }

  // shuffle(x) of a 1-d array: for i from n - 1 down to 1, swap x[i] with x[interval(i)].
  // Sizes below 2^32.
  template <class T>
  void shuffle(T* values, std::size_t n) {
    for (std::size_t i = n; i > 1; --i)
      std::swap(values[i - 1], values[interval(static_cast<std::uint32_t>(i - 1))]);
  }
  template <class T>
  void shuffle(std::vector<T>& values) {
    shuffle(values.data(), values.size());
  }
  void shuffle(arma::uvec& values) { shuffle(values.memptr(), values.n_elem); }

  // standard_normal() / normal(0, 1), as the legacy RandomState draws it: the polar
  // Box-Muller method on two 53-bit doubles, the second value of each pair kept for the next
  // call.
  double standard_normal() {
    if (has_gauss_) {
      has_gauss_ = false;
      return gauss_;
    }
    double x1 = 0, x2 = 0, r2 = 0;
    do {
      x1 = 2.0 * uniform() - 1.0;
      x2 = 2.0 * uniform() - 1.0;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    const double f = std::sqrt(-2.0 * std::log(r2) / r2);
    gauss_ = f * x1;
    has_gauss_ = true;
    return f * x2;
  }

  // random_sample(): in [0, 1), from 27 and 26 bits of two draws.
  double uniform() {
    const auto a = static_cast<std::uint32_t>(engine_()) >> 5;
    const auto b = static_cast<std::uint32_t>(engine_()) >> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
  }

  // permutation(n): arange(n) shuffled.
  arma::uvec permutation(Index n) {
    arma::uvec values(n);
    for (Index i = 0; i < n; ++i) values(i) = i;
    shuffle(values);
    return values;
  }

 private:
  // numpy's random_interval(max) for max below 2^32: in [0, max].
  std::uint32_t interval(std::uint32_t max) {
    if (max == 0) return 0;
    std::uint32_t mask = max;
    for (int shift = 1; shift < 32; shift *= 2) mask |= mask >> shift;
    std::uint32_t value = 0;
    do {
      value = static_cast<std::uint32_t>(engine_()) & mask;
    } while (value > max);
    return value;
  }

  std::mt19937 engine_;
  double gauss_ = 0;
  bool has_gauss_ = false;
};

// scikit-learn's MAX_INT for per-estimator seeds: np.iinfo(np.int32).max.
inline constexpr std::int64_t kNumpyInt32Max = 2147483647;

}  // namespace fitkit::detail
