#pragma once
// Passes over a column-major X in row blocks, each block centred (and scaled by sqrt(w)) in a
// small buffer, so that no estimator copies X to centre it and peak memory stays near the size
// of X itself (DESIGN.md §1: centring is a core kernel). Least squares, Ridge, RidgeCV and the
// blocked QR use them.

#include <functional>

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

// Rows per block: large enough for level-3 BLAS, small enough to stay in cache.
inline constexpr Index kCentredBlockRows = 2048;

// Weighted means of the columns of X and of y (empty and zero when not centring).
struct Centering {
  RowVector x_mean;
  double y_mean = 0;
};
Centering compute_centering(const Matrix& X, const Vector& y, const Vector* sample_weight,
                            bool center);

// W^1/2: the square roots of the sample weights, on the threads their number is worth
// (Armadillo's element-wise functions would wake every thread from 320 elements up).
Vector root_weights(const Vector& sample_weight);

// The blocks are grouped into centred_block_chunks chunks, a number fixed by the shape of X
// alone (never by the thread count): partial results kept per chunk and added in chunk order
// give the same bits on any number of threads.
Index centred_block_chunks(Index n_rows, Index n_cols);

// Row blocks of W^1/2 Xc and W^1/2 yc: body(chunk, first_row, block, target) runs on the
// blocks of each chunk in order, the chunks in parallel when their work pays for the threads
// (the body's serial cost per row, `body_nanoseconds_per_row`, plus the centring). BLAS inside
// body runs on one thread, so each chunk's sums are the same on any thread count. body must
// be safe to run for different chunks at once; its first exception is rethrown.
using CentredBlockBody =
    std::function<void(Index chunk, Index first_row, const Matrix& block, const Vector& target)>;
void for_each_centred_block(const Matrix& X, const Vector& y, const Vector* sample_weight,
                            const Centering& centering, double body_nanoseconds_per_row,
                            const CentredBlockBody& body);

}  // namespace fitkit::detail
