#pragma once
// Seeded random numbers. Randomness comes only from a `seed` parameter; work split across
// threads takes substreams by index (not by thread), so results do not depend on the
// thread count.

#include <cstdint>
#include <random>

namespace fitkit {

class Random {
 public:
  using result_type = std::uint64_t;

  explicit Random(std::uint64_t seed = 0);

  // An independent stream for work item `index` (e.g. one per tree or per restart).
  Random substream(std::uint64_t index) const;

  std::uint64_t operator()() { return engine_(); }
  static constexpr std::uint64_t min() { return std::mt19937_64::min(); }
  static constexpr std::uint64_t max() { return std::mt19937_64::max(); }

  double uniform();                              // in [0, 1)
  std::uint64_t uniform_index(std::uint64_t n);  // in [0, n)
  double normal();                               // standard normal

 private:
  std::uint64_t seed_;
  std::mt19937_64 engine_;
};

}  // namespace fitkit
