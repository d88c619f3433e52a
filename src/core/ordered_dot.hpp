#pragma once
// A dot product summed in an order fixed at compile time, not by BLAS: a threaded ddot sums in
// an order that depends on the thread count, and OpenBLAS's kernels sum in one that depends on
// the CPU. Iterative solvers whose iterates must not depend on either use this one.

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

inline double ordered_dot(const double* a, const double* b, Index n) {
  double s = 0;
#pragma omp simd reduction(+ : s)
  for (Index i = 0; i < n; ++i) s += a[i] * b[i];
  return s;
}

inline double ordered_dot(const Vector& a, const Vector& b) {
  return ordered_dot(a.memptr(), b.memptr(), a.n_elem);
}

}  // namespace fitkit::detail
