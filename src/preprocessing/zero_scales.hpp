#pragma once
// scikit-learn's _handle_zeros_in_scale without a mask: a scale below 10 machine epsilons (a
// constant feature, a zero row) divides by 1 instead.

#include <limits>

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

inline void ones_for_zero_scales(Vector& scale) {
  for (double& s : scale)
    if (s < 10 * std::numeric_limits<double>::epsilon()) s = 1.0;
}

}  // namespace fitkit::detail
