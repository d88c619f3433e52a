#pragma once
// The draws of numpy's legacy RandomState(seed).randint that scikit-learn's forests make, so
// that a forest grows scikit-learn's trees for the same seed: the seed of every tree
// (random_state.randint(2^31 - 1)) and each tree's bootstrap rows
// (RandomState(tree_seed).randint(0, n_samples, n_samples_bootstrap)).
//
// RandomState(seed) for a seed below 2^32 is MT19937's init_genrand(seed) (std::mt19937), and
// randint(low, high) for a range below 2^32 takes 32-bit outputs masked to the smallest
// all-ones mask covering high - 1 - low, redrawing those above it.

#include <cstdint>
#include <random>

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

class NumpyRandomState {
 public:
  explicit NumpyRandomState(std::uint32_t seed) : engine_(seed) {}

  // In [low, high), high - low in [1, 2^32].
  std::int64_t randint(std::int64_t low, std::int64_t high) {
    const auto range = static_cast<std::uint32_t>(high - 1 - low);
    if (range == 0) return low;
    std::uint32_t mask = range;
    for (int shift = 1; shift < 32; shift *= 2) mask |= mask >> shift;
    std::uint32_t value = 0;
    do {
      value = static_cast<std::uint32_t>(engine_()) & mask;
    } while (value > range);
    return low + static_cast<std::int64_t>(value);
  }

 private:
  std::mt19937 engine_;
};

// scikit-learn's MAX_INT for per-estimator seeds: np.iinfo(np.int32).max.
inline constexpr std::int64_t kNumpyInt32Max = 2147483647;

}  // namespace fitkit::detail
