#pragma once
// Factorisations several estimators share (DESIGN.md §1): the blocked QR of a centred,
// weighted [X y] that never copies X, and the economy SVD with its fallback.

#include <string_view>

#include "core/centred_blocks.hpp"
#include "fitkit/core/types.hpp"

namespace fitkit::detail {

// R of the blocked QR factorisation of [W^1/2 Xc  W^1/2 yc]: min(n, d + 1) rows and d + 1
// columns, upper trapezoidal. Its first d columns have the singular values and right singular
// vectors of W^1/2 Xc; Q'(W^1/2 yc) is its last column. Each chunk of row blocks is reduced
// on its own, the chunks' R factors then stacked in order: the same bits on any thread count.
Matrix centred_qr_r(const Matrix& X, const Vector& y, const Vector* sample_weight,
                    const Centering& centering);

// The economy SVD A = U diag(s) V' by divide and conquer, or by the standard algorithm when
// that fails; throws Error naming `estimator` when both fail. (LAPACK is several times faster
// on a tall A: give a wide one transposed, swapping U and V.)
void economy_svd(const Matrix& A, Matrix& U, Vector& s, Matrix& V, std::string_view estimator);

}  // namespace fitkit::detail
