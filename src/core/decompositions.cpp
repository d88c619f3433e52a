#include "core/decompositions.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"

namespace fitkit::detail {
namespace {

// R of the QR factorisation of [top; bottom] (only R is formed, with LAPACK's geqrf).
Matrix stacked_r(const Matrix& top, const Matrix& bottom) {
  Matrix a = arma::join_cols(top, bottom);
  arma::blas_int m = static_cast<arma::blas_int>(a.n_rows);
  arma::blas_int n = static_cast<arma::blas_int>(a.n_cols);
  arma::blas_int lda = m, info = 0, lwork = -1;
  Vector tau(std::max<Index>(1, std::min(a.n_rows, a.n_cols)));
  double query = 0;
  arma::lapack::geqrf(&m, &n, a.memptr(), &lda, tau.memptr(), &query, &lwork, &info);
  lwork = std::max<arma::blas_int>(1, static_cast<arma::blas_int>(query));
  std::vector<double> work(static_cast<std::size_t>(lwork));
  arma::lapack::geqrf(&m, &n, a.memptr(), &lda, tau.memptr(), work.data(), &lwork, &info);
  const Index k = std::min(a.n_rows, a.n_cols);
  Matrix r = a.rows(0, k - 1);  // upper trapezoidal when there are fewer rows than columns
  for (Index j = 0; j + 1 < k; ++j) r.col(j).subvec(j + 1, k - 1).zeros();
  return r;
}

}  // namespace

Matrix centred_qr_r(const Matrix& X, const Vector& y, const Vector* w, const Centering& c) {
  const Index d = X.n_cols;
  std::vector<Matrix> rs(centred_block_chunks(X.n_rows, d), Matrix(0, d + 1));
  // Householder QR of a block: about 2 d^2 multiply-adds per row, much of it level-2.
  for_each_centred_block(X, y, w, c, 2.0 * (d + 1) * kStreamNanoseconds * static_cast<double>(d),
                         [&](Index chunk, Index, const Matrix& block, const Vector& target) {
                           rs[chunk] = stacked_r(rs[chunk], arma::join_rows(block, target));
                         });
  Matrix r = std::move(rs[0]);
  const ScopedThreadLimit blas(threads_for_lapack(2 * (d + 1), d + 1));
  for (std::size_t k = 1; k < rs.size(); ++k) r = stacked_r(r, rs[k]);
  return r;
}

void economy_svd(const Matrix& A, Matrix& U, Vector& s, Matrix& V, std::string_view estimator) {
  const ScopedThreadLimit blas(threads_for_lapack(A.n_rows, A.n_cols));
  if (!arma::svd_econ(U, s, V, A, "both", "dc") && !arma::svd_econ(U, s, V, A, "both", "std"))
    throw Error(std::string(estimator) + ": the SVD did not converge (is X extremely ill-scaled?)");
}

}  // namespace fitkit::detail
