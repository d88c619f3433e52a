#include "fitkit/core/random.hpp"

namespace fitkit {
namespace {

// SplitMix64: spreads nearby seeds (0, 1, 2, ...) into unrelated engine states.
std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

}  // namespace

Random::Random(std::uint64_t seed) : seed_(seed), engine_(splitmix64(seed)) {}

Random Random::substream(std::uint64_t index) const {
  return Random(splitmix64(seed_ ^ splitmix64(index + 1)));
}

double Random::uniform() {
  return static_cast<double>(engine_() >> 11) * 0x1.0p-53;
}

std::uint64_t Random::uniform_index(std::uint64_t n) {
  return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(engine_);
}

double Random::normal() {
  return std::normal_distribution<double>()(engine_);
}

}  // namespace fitkit
