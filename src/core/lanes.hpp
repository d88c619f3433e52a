#pragma once
// Four doubles side by side (GCC's and clang's vector extension), for the hand-vectorised loops
// compiled under FITKIT_VECTOR_CLONES: the baseline clone runs them as SSE2 pairs, the AVX2 one
// as one register. Only elementwise multiplies and adds, so both clones give the same bits.

#include <cstdint>
#include <cstring>

#include "fitkit/core/types.hpp"

// The lanes are passed between functions inlined into each clone; the ABI note GCC gives for a
// 32-byte vector in a baseline function is about calls that never happen.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

namespace fitkit::detail {

typedef double Lanes __attribute__((vector_size(32)));
// A comparison's result: all bits set in the lanes where it holds.
typedef std::int64_t LaneMask __attribute__((vector_size(32)));
inline constexpr Index kLanes = 4;

inline Lanes load(const double* p) {
  Lanes v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline void store(double* p, Lanes v) {
  std::memcpy(p, &v, sizeof v);
}

inline Lanes broadcast(double a) {
  return Lanes{a, a, a, a};
}

inline bool all_lanes(LaneMask mask) {
  return (mask[0] & mask[1] & mask[2] & mask[3]) != 0;
}

}  // namespace fitkit::detail
