#pragma once
// Weighted least squares on the column-major X without copying it, through the centred row
// blocks and the blocked QR of core/: the normal equations, their Cholesky solution with
// iterative refinement, and the minimum-norm solution by SVD. Shared by LinearRegression,
// Ridge, RidgeCV and coordinate descent.

#include <optional>

#include "core/centred_blocks.hpp"
#include "core/decompositions.hpp"
#include "fitkit/core/types.hpp"

namespace fitkit::detail {

// Gram = Xc' W Xc and Xc' W yc, with Xc = X - 1 x_mean, yc = y - y_mean.
struct NormalEquations {
  Matrix gram;
  Vector xty;
};
NormalEquations normal_equations(const Matrix& X, const Vector& y, const Vector* sample_weight,
                                 const Centering& centering);

// Unweighted X: X'X, X'y and the column sums in a single pass over X, block by block while
// each block is in cache (fixed blocks, added in order: the same bits on any thread count).
// Gives the centring, and the centred normal equations unless centring after the fact
// (X'X - n mu mu') would lose more than 4 digits in some column.
// `finite` is false when X or y holds NaN or Inf (or squares overflow): then nothing else is
// set, and the caller looks for the culprit (the pass doubles as the check for non-finite
// input).
struct Moments {
  bool finite = true;
  Centering centering;
  std::optional<NormalEquations> equations;
};
Moments unweighted_moments(const Matrix& X, const Vector& y, bool center);

// What that pass sums, before any centring: X'X, X'y, the column sums, sum(y) and the row count.
// Sums of disjoint rows add up (and come apart) to those of their union.
struct RowSums {
  Matrix xx;
  Vector xy, x;
  double y = 0, n = 0;
  bool finite = true;  // false: X or y held NaN or Inf (the other members are then unset)
};
RowSums unweighted_sums(const Matrix& X, const Vector& y);
// unweighted_moments from the sums.
Moments moments_from_sums(RowSums sums, bool center);

// Xc' W (yc - Xc b): the gradient step of iterative refinement.
Vector residual_correlation(const Matrix& X, const Vector& y, const Vector* sample_weight,
                            const Centering& centering, const Vector& coef);

// The minimum-norm solution of min ||W^1/2 (yc - Xc b)|| from the R factor of the blocked
// QR of [Xc yc] and an SVD of R: singular values below rcond * largest count as zero (the
// rule of numpy's lstsq with rcond=None: rcond = eps * max(n, d)).
struct LeastSquaresSolution {
  Vector coef;
  Vector singular_values;  // of W^1/2 Xc, descending
  Index rank = 0;
};
LeastSquaresSolution solve_by_svd(const Matrix& X, const Vector& y, const Vector* sample_weight,
                                  const Centering& centering);

// Cholesky of the Gram matrix with iterative refinement against X itself (which
// brings the error from cond(X)^2 * eps back to about cond(X) * eps). Returns nothing when
// the Gram matrix is too ill-conditioned for that to hold; the caller then uses the SVD.
// `equations` may come precomputed (unweighted_moments); otherwise they are formed here.
std::optional<LeastSquaresSolution> solve_by_cholesky(
    const Matrix& X, const Vector& y, const Vector* sample_weight, const Centering& centering,
    std::optional<NormalEquations> equations = std::nullopt);

}  // namespace fitkit::detail
