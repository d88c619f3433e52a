#pragma once
// The solvers behind fitkit::Ridge, for alpha > 0, on the centred, weighted problem
//   min ||W^1/2 (yc - Xc b)||^2 + alpha ||b||^2
// with Xc, yc as in least_squares.hpp (X itself is never copied, except by the kernel form,
// which copies the centred X only when it has fewer rows than columns).

#include <optional>

#include "fitkit/core/types.hpp"
#include "linear/least_squares.hpp"

namespace fitkit::detail {

// Cholesky of Xc'WXc + alpha I (the Gram matrix given in `equations`), refined against X when
// its condition needs it. Nothing when the system is too ill-conditioned for that (the caller
// uses the SVD).
std::optional<Vector> ridge_by_cholesky(const Matrix& X, const Vector& y,
                                        const Vector* sample_weight, const Centering& centering,
                                        double alpha, NormalEquations equations);

// The same for normal equations whose rows are no longer at hand (each cross-validation
// fold's, from sums; unweighted, n_rows of them): the solution only when it needs no
// refinement against X, else nothing (the caller fits from the rows).
std::optional<Vector> ridge_by_cholesky_unrefined(const Centering& centering, double n_rows,
                                                  double alpha, NormalEquations equations);

// The kernel (dual) form for fewer rows than columns: b = Xs' (Xs Xs' + alpha I)^-1 ys with
// Xs = W^1/2 Xc, ys = W^1/2 yc. Nothing when ill-conditioned.
std::optional<Vector> ridge_by_kernel(const Matrix& X, const Vector& y, const Vector* sample_weight,
                                      const Centering& centering, double alpha);

// Through the SVD of W^1/2 Xc = U S V' (from the R of a blocked QR):
// b = V diag(s / (s^2 + alpha)) U' ys, singular values at or below 1e-15 dropped (scikit-learn's
// rule).
Vector ridge_by_svd(const Matrix& X, const Vector& y, const Vector* sample_weight,
                    const Centering& centering, double alpha);

// Conjugate gradient on (Xc'WXc + alpha I) b = Xc'W yc, each product taken with X itself
// (two passes of gemv); stops when ||residual|| <= tol ||Xc'W yc|| or after max_iter.
struct CgResult {
  Vector coef;
  Index n_iter = 0;
  bool converged = true;  // false: stopped at max_iter with the residual above tol
};
CgResult ridge_by_cg(const Matrix& X, const Vector& y, const Vector* sample_weight,
                     const Centering& centering, double alpha, Index max_iter, double tol);

}  // namespace fitkit::detail
