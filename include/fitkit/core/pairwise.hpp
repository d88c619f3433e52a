#pragma once
// Distance kernels that several estimators share (k-means, neighbours, RBF kernels), on rows
// of column-major matrices, the cross term by BLAS.
//
//   Vector norms = fitkit::row_norms_squared(X);           // ||x_i||²
//   Matrix D = fitkit::pairwise_squared_distances(X, C);   // ||x_i - c_j||², n x k

#include "fitkit/core/types.hpp"

namespace fitkit {

// ||x_i||² for every row of X, summed over the columns in order (the same bits on any
// thread count or BLAS kernel).
Vector row_norms_squared(const Matrix& X);

// D(i, j) = ||a_i - b_j||² as ||a_i||² - 2 a_i·b_j + ||b_j||², the cross term one GEMM, and
// clamped at 0 (rounding can take it just below). As scikit-learn's euclidean_distances
// (squared=True), the difference of two nearly equal rows loses digits against their norms;
// it is exact only up to about eps * (||a_i||² + ||b_j||²). Throws DimensionMismatch when A and
// B have different widths.
Matrix pairwise_squared_distances(const Matrix& A, const Matrix& B);
// The same with the squared row norms already at hand (a_norms of A, b_norms of B).
Matrix pairwise_squared_distances(const Matrix& A, const Matrix& B, const Vector& a_norms,
                                  const Vector& b_norms);

}  // namespace fitkit
