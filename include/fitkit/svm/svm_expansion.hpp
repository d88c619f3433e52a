#pragma once
// The learned state of the kernel machines with one decision function (SVR, NuSVR,
// OneClassSVM): f(x) = sum_k dual_coef_k K(x, sv_k) + intercept over the support vectors.

#include <cstdint>

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

struct SvmExpansion {
  arma::uvec support;      // indices of the support vectors in the training rows
  Matrix support_vectors;  // their rows (0 x n_features for a precomputed kernel)
  Matrix dual_coef;        // 1 x n_SV
  double intercept = 0;    // -rho
  double gamma = 0;        // the kernel's gamma, 'scale' and 'auto' resolved
  std::int64_t n_iter = 0;
  double objective = 0;  // the dual objective SMO reached (libsvm's obj)
};

}  // namespace fitkit::detail
