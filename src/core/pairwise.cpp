#include "fitkit/core/pairwise.hpp"

#include <string>

#include "fitkit/core/error.hpp"

namespace fitkit {

Vector row_norms_squared(const Matrix& X) {
  Vector norms(X.n_rows, arma::fill::zeros);
  double* out = norms.memptr();
  for (Index j = 0; j < X.n_cols; ++j) {
    const double* column = X.colptr(j);
    for (Index i = 0; i < X.n_rows; ++i) out[i] += column[i] * column[i];
  }
  return norms;
}

Matrix pairwise_squared_distances(const Matrix& A, const Matrix& B) {
  return pairwise_squared_distances(A, B, row_norms_squared(A), row_norms_squared(B));
}

Matrix pairwise_squared_distances(const Matrix& A, const Matrix& B, const Vector& a_norms,
                                  const Vector& b_norms) {
  if (A.n_cols != B.n_cols)
    throw DimensionMismatch("pairwise distances between rows of " + std::to_string(A.n_cols) +
                            " and of " + std::to_string(B.n_cols) + " columns");
  if (a_norms.n_elem != A.n_rows || b_norms.n_elem != B.n_rows)
    throw DimensionMismatch("pairwise distances: norms do not match the rows");
  Matrix D = A * B.t();  // one GEMM, B transposed by the BLAS call, not copied
  for (Index j = 0; j < D.n_cols; ++j) {
    double* column = D.colptr(j);
    const double b = b_norms(j);
    for (Index i = 0; i < D.n_rows; ++i) {
      const double d = a_norms(i) - 2.0 * column[i] + b;
      column[i] = d < 0 ? 0.0 : d;  // NaN stays NaN
    }
  }
  return D;
}

}  // namespace fitkit
