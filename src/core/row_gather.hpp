#pragma once
// X's rows at some indices, copied into a matrix: consecutive indices (an unshuffled fold's)
// as one block copy per column each, many times faster than Armadillo's X.rows(indices), which
// goes element by element.

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

// `out` becomes rows.n_elem x X.n_cols (its memory reused when it already has that size;
// fresh memory on huge pages).
void gather_rows(const Matrix& X, const arma::uvec& rows, Matrix& out);

}  // namespace fitkit::detail
