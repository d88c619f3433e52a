#pragma once
// The kernels behind GaussianMixture (include/fitkit/cluster/gaussian_mixture.hpp): the E-step
// and the M-step of scikit-learn's _gaussian_mixture.py, on blocks of rows on both cores.
//
// Rows are split into chunks that depend on the number of rows alone (never on the threads);
// each chunk sums its blocks in order and the chunks' sums are added in chunk order, so a
// seed gives the same model on any thread count (to the rounding of the BLAS kernels).
//
// Shapes of the covariance-type dependent arrays (cubes), as in the public header:
// full d x d x k, tied d x d x 1, diag k x d x 1, spherical k x 1 x 1.

#include <functional>

#include "core/vector_clones.hpp"
#include "fitkit/cluster/gaussian_mixture.hpp"
#include "fitkit/core/random.hpp"
#include "fitkit/core/types.hpp"

namespace fitkit::detail {

// scikit-learn's weights_, means_, covariances_, precisions_cholesky_.
struct MixtureParameters {
  Vector weights;
  Matrix means;  // k x d
  arma::cube covariances;
  arma::cube precisions_cholesky;
};

// What the M-step needs from the responsibilities R (n x k), summed over the rows.
struct ResponsibilitySums {
  Vector nk;                // sum_i r_ik (without scikit-learn's 10 eps)
  Matrix resp_x;            // R' X, k x d
  Matrix resp_x2;           // R' (X o X), k x d: diag and spherical only
  double log_prob_sum = 0;  // the E-step's sum of log p(x_i), when the sums come from one
};

// The E-step: R (n x k, resized) and the sums above, from the parameters, in one pass over X.
ResponsibilitySums expectation(const Matrix& X, const MixtureParameters& p, CovarianceType type,
                               Matrix& resp);

// log p(x_i | k) + log w_k, n x k (scikit-learn's _estimate_weighted_log_prob).
Matrix weighted_log_prob(const Matrix& X, const MixtureParameters& p, CovarianceType type);

// The sums of given responsibilities (the initialisation's).
ResponsibilitySums responsibility_sums(const Matrix& X, const Matrix& resp, CovarianceType type);

// scikit-learn's _estimate_gaussian_parameters: means and covariances into p, and returns nk
// with its 10 eps. `gram` is X'X, needed by tied only.
Vector maximisation(const Matrix& X, const Matrix& resp, const ResponsibilitySums& sums,
                    CovarianceType type, double reg_covar, const Matrix& gram,
                    MixtureParameters& p);

// scikit-learn's _compute_precision_cholesky: the upper factor U with U U' = inv(covariance).
// Throws DataError when a covariance is not positive definite (scikit-learn's ValueError,
// with its message).
arma::cube precision_cholesky(const arma::cube& covariances, CovarianceType type);

// The initial responsibilities of init_params (n x k).
Matrix initial_responsibilities(const Matrix& X, Index n_components, MixtureInit init, Random& rng);

// Splits rows [0, n) into the chunks above and runs body(chunk, first, last) over them on the
// threads `nanoseconds_per_row` of work is worth, BLAS serial inside. Rethrows the first
// exception of a body.
Index mixture_chunks(Index n_rows);
void for_each_mixture_chunk(Index n_rows, double nanoseconds_per_row,
                            const std::function<void(Index, Index, Index)>& body);

}  // namespace fitkit::detail
