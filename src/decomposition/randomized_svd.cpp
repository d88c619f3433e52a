#include "decomposition/randomized_svd.hpp"

#include <algorithm>
#include <utility>
#include <vector>

#include "core/huge_pages.hpp"
#include "core/numpy_random_state.hpp"
#include "fitkit/core/error.hpp"

namespace fitkit::detail {
namespace {

// scikit-learn's svd_flip: each pair of singular vectors signed so that the entry of largest
// magnitude (the first of equal ones) of the deciding one is positive.
void flip_signs(Matrix& deciding, Matrix& other) {
  for (Index c = 0; c < deciding.n_cols; ++c) {
    const arma::uword at = arma::index_max(arma::abs(deciding.col(c)));
    if (deciding(at, c) < 0) {
      deciding.col(c) *= -1.0;
      other.col(c) *= -1.0;
    }
  }
}

// scipy's lu(Y, permute_l=True)[0] in place: Y's LU factorisation (LAPACK's getrf, partial
// pivoting), then its unit lower-triangular factor with the row interchanges undone, P' L.
void permuted_lower_in_place(Matrix& Y, const std::string& who) {
  arma::blas_int m = static_cast<arma::blas_int>(Y.n_rows),
                 n = static_cast<arma::blas_int>(Y.n_cols), info = 0;
  std::vector<arma::blas_int> pivots(std::min(Y.n_rows, Y.n_cols));
  arma::lapack::getrf(&m, &n, Y.memptr(), &m, pivots.data(), &info);
  if (info < 0) throw Error(who + ": LAPACK's getrf refused its arguments");
  const Index k = pivots.size();
  for (Index j = 0; j < Y.n_cols; ++j) {
    double* column = Y.colptr(j);
    std::fill(column, column + std::min<Index>(j, Y.n_rows), 0.0);
    if (j < Y.n_rows) column[j] = 1.0;
  }
  // Row i was swapped with row pivots[i] - 1, first to last: undone last to first.
  for (Index i = k; i-- > 0;) {
    const Index other = static_cast<Index>(pivots[i] - 1);
    if (other != i) Y.swap_rows(i, other);
  }
}

// One normalisation of a power iteration, in place: an orthonormal (QR) or permuted
// lower-triangular (LU) basis of Y's columns, or Y itself.
void normalise(Matrix& Y, PowerIterationNormalizer normalizer, const std::string& who) {
  if (normalizer == PowerIterationNormalizer::lu) {
    permuted_lower_in_place(Y, who);
  } else if (normalizer == PowerIterationNormalizer::qr) {
    Matrix Q, R;
    arma::qr_econ(Q, R, Y);
    Y = std::move(Q);
  }
}

}  // namespace

void randomized_svd(const Matrix& data, Index k, const RandomizedSvdOptions& options,
                    const std::string& who, Matrix& U, Vector& s, Matrix& V) {
  const bool transpose = data.n_rows < data.n_cols;
  const Matrix transposed = transpose ? Matrix(data.t()) : Matrix();
  const Matrix& A = transpose ? transposed : data;
  const Index n_random = k + options.n_oversamples;
  PowerIterationNormalizer normalizer = options.normalizer;
  if (normalizer == PowerIterationNormalizer::automatic)
    normalizer =
        options.n_iter <= 2 ? PowerIterationNormalizer::none : PowerIterationNormalizer::lu;
  // numpy's normal(size=(d, n_random)), drawn row by row.
  NumpyRandomState rng(options.seed);
  Matrix Q(A.n_cols, n_random);
  for (Index i = 0; i < Q.n_rows; ++i)
    for (Index j = 0; j < n_random; ++j) Q(i, j) = rng.standard_normal();
  // The tall product's memory is reused from one iteration to the next.
  Matrix Y(A.n_rows, n_random, arma::fill::none);
  advise_huge_pages(Y.memptr(), Y.n_elem * sizeof(double));
  for (Index i = 0; i < options.n_iter; ++i) {
    Y = A * Q;
    normalise(Y, normalizer, who);
    Q = A.t() * Y;
    normalise(Q, normalizer, who);
  }
  Y = A * Q;
  Matrix R;
  arma::qr_econ(Q, R, Y);
  Matrix U_small, V_all;
  Vector s_all;
  if (!arma::svd_econ(U_small, s_all, V_all, Matrix(Q.t() * A), "both", "dc"))
    throw Error(who + ": the randomized SVD did not converge");
  Matrix U_all = Q * U_small;
  const Index kept = std::min<Index>(k, s_all.n_elem);
  if (transpose) {
    flip_signs(V_all, U_all);
    U = V_all.cols(0, kept - 1);
    V = U_all.cols(0, kept - 1);
  } else {
    flip_signs(U_all, V_all);
    U = U_all.cols(0, kept - 1);
    V = V_all.cols(0, kept - 1);
  }
  s = s_all.head(kept);
}

}  // namespace fitkit::detail
