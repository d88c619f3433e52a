#pragma once
// scikit-learn's randomized_svd (Halko et al.'s range finder), shared by PCA's randomized solver
// and TruncatedSVD: numpy's Gaussian test matrix for `seed`, n_iter power iterations normalised
// by LU, QR or nothing, the QR of the sampled range, the SVD of the small projected matrix, and
// svd_flip's signs. Data wider than tall is worked on through its transpose, as scikit-learn's
// transpose='auto'.

#include <cstdint>
#include <string>

#include "fitkit/core/types.hpp"
#include "fitkit/decomposition/power_iteration_normalizer.hpp"

namespace fitkit::detail {

struct RandomizedSvdOptions {
  Index n_oversamples = 10;
  Index n_iter = 4;  // resolved: scikit-learn's 'auto' is the caller's to translate
  PowerIterationNormalizer normalizer = PowerIterationNormalizer::automatic;
  std::uint32_t seed = 0;
};

// The first k singular values s and vectors of A (n x d): U n x k, V d x k, signed as
// randomized_svd(flip_sign=True) signs them. Fewer than k when the sampled range has fewer
// dimensions (k above the rows of a wide A's), as scikit-learn's slices give. `who` names the
// estimator in errors.
void randomized_svd(const Matrix& A, Index k, const RandomizedSvdOptions& options,
                    const std::string& who, Matrix& U, Vector& s, Matrix& V);

}  // namespace fitkit::detail
