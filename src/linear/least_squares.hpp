#pragma once
// Weighted least squares on the column-major X without copying it: rows are visited in
// blocks, each block centred (and scaled by sqrt(w)) in a small buffer, so peak memory stays
// near the size of X itself. Shared by LinearRegression and, later, Ridge.

#include <functional>
#include <optional>

#include <string_view>

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

// Weighted means of the columns of X and of y (zero when not centring).
struct Centering {
  RowVector x_mean;
  double y_mean = 0;
};
Centering compute_centering(const Matrix& X, const Vector& y, const Vector* sample_weight,
                            bool center);

// Gram = Xc' W Xc and Xc' W yc, with Xc = X - 1 x_mean, yc = y - y_mean.
struct NormalEquations {
  Matrix gram;
  Vector xty;
};
NormalEquations normal_equations(const Matrix& X, const Vector& y, const Vector* sample_weight,
                                 const Centering& centering);

// Row blocks of W^1/2 Xc and W^1/2 yc, for a pass over X that needs more than the kernels
// here: body(chunk, first_row, block, target) runs on the blocks of each chunk in order, the
// chunks in parallel (centred_block_chunks of them, fixed by the shape of X alone, so that
// partial results added in chunk order give the same bits on any thread count). body must be
// safe to run for different chunks at once; its first exception is rethrown.
using CentredBlockBody =
    std::function<void(Index chunk, Index first_row, const Matrix& block, const Vector& target)>;
Index centred_block_chunks(Index n_rows, Index n_cols);
void for_each_centred_block(const Matrix& X, const Vector& y, const Vector* sample_weight,
                            const Centering& centering, const CentredBlockBody& body);

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

// Xc' W (yc - Xc b): the gradient step of iterative refinement.
Vector residual_correlation(const Matrix& X, const Vector& y, const Vector* sample_weight,
                            const Centering& centering, const Vector& coef);

// R of the blocked QR factorisation of [W^1/2 Xc  W^1/2 yc]: min(n, d + 1) rows and d + 1
// columns, upper trapezoidal. Its first d columns have the singular values and right singular
// vectors of W^1/2 Xc; Q'(W^1/2 yc) is its last column.
Matrix centred_qr_r(const Matrix& X, const Vector& y, const Vector* sample_weight,
                    const Centering& centering);

// The economy SVD A = U diag(s) V' by divide and conquer, or by the standard algorithm when
// that fails; throws Error naming `estimator` when both fail. (LAPACK is several times faster
// on a tall A: give a wide one transposed, swapping U and V.)
void economy_svd(const Matrix& A, Matrix& U, Vector& s, Matrix& V, std::string_view estimator);

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
