#pragma once
// scikit-learn's randomized_svd (Halko et al.'s range finder), shared by PCA's randomized solver
// and TruncatedSVD: numpy's Gaussian test matrix for `seed`, n_iter power iterations, the
// orthonormal basis of the sampled range, the SVD of the small projected matrix, and
// svd_flip's signs. Data wider than tall is worked on through its transpose, as scikit-learn's
// transpose='auto'.
//
// Centring is implicit (X Q - 1 (mean Q)) unless that would lose digits to a large mean, when
// a centred copy is made. When the d x d Gram matrix A'A costs less than the 2 n_iter products
// by A that the power iterations take (d below about 4 n_iter (k + n_oversamples)), the
// iterations multiply by A'A instead: the same subspace (A'A)^n_iter Omega, with rounding
// errors of the same order (eps ||A||^2, as a product by A then A' makes); the normaliser,
// which only guards the subspace's digits, is then always QR. The sampled range and its
// projection are computed from A itself either way, the range's basis by CholeskyQR2.

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

struct RandomizedSvd {
  Vector s;  // the first k singular values, descending
  Matrix V;  // d x k: the right singular vectors, signed as randomized_svd(flip_sign=True)
  double squared_norm = 0;  // ||A||_F^2, the total the singular values' squares are part of
};

// The first k singular values and right singular vectors of A = X - 1 mean (mean empty: A = X).
// Fewer than k when the sampled range has fewer dimensions (k above the rows of a wide A's), as
// scikit-learn's slices give. `who` names the estimator in errors.
RandomizedSvd randomized_svd(const Matrix& X, const RowVector& mean, Index k,
                             const RandomizedSvdOptions& options, const std::string& who);

}  // namespace fitkit::detail
