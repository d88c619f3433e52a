#include "decomposition/randomized_svd.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <utility>
#include <vector>

#include "core/centred_blocks.hpp"
#include "core/helped_loop.hpp"
#include "core/huge_pages.hpp"
#include "core/numpy_random_state.hpp"
#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "linear/least_squares.hpp"

namespace fitkit::detail {
namespace {

// numpy's normal(size=(rows, cols)) for the seed, drawn row by row.
Matrix gaussian_test_matrix(Index rows, Index cols, std::uint32_t seed) {
  NumpyRandomState rng(seed);
  Matrix omega(rows, cols);
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < cols; ++j) omega(i, j) = rng.standard_normal();
  return omega;
}

// Multiply-adds: forming A'A (n d^2 / 2) and iterating on it, against 2 n_iter products by A.
bool gram_is_cheaper(Index n, Index d, Index sampled, Index n_iter) {
  const double rows = static_cast<double>(n), cols = static_cast<double>(d),
               width = static_cast<double>(sampled), iterations = static_cast<double>(n_iter);
  const double through_gram = 0.5 * rows * cols * cols + iterations * cols * cols * width;
  const double through_products = 2 * iterations * rows * cols * width;
  return through_gram < through_products;
}

// The products by A = X - 1 mean, through BLAS on X itself (X Q - 1 (mean Q) and
// X'Y - mean' (1'Y)) when that loses at most 4 digits (every column's mean within 100 of its
// spread, the rule Ridge's moments follow), through a centred copy of X otherwise.
class CentredProducts {
 public:
  CentredProducts(const Matrix& X, const RowVector& mean)
      : X_(X),
        chunks_(centred_block_chunks(X.n_rows, X.n_cols)),
        rows_per_chunk_((X.n_rows + chunks_ - 1) / chunks_),
        mean_(mean) {
    const Vector squares = squared_deviations();
    squared_norm_ = arma::accu(squares);
    constexpr double kMaxMeanToSpreadSquared = 1e4;
    const double n = static_cast<double>(X.n_rows);
    bool implicit = true;
    for (Index j = 0; j < mean.n_elem; ++j)
      implicit = implicit && mean(j) * mean(j) <= kMaxMeanToSpreadSquared * squares(j) / n;
    if (!implicit) {
      centred_.set_size(X.n_rows, X.n_cols);
      advise_huge_pages(centred_.memptr(), centred_.n_elem * sizeof(double));
      centred_ = X;
      centred_.each_row() -= mean;
      mean_.reset();
    }
  }

  Index n_rows() const { return X_.n_rows; }
  Index n_cols() const { return X_.n_cols; }
  // ||A||_F^2.
  double squared_norm() const { return squared_norm_; }

  // Y = A Q. Y's memory is reused when it has the size already.
  void times(const Matrix& Q, Matrix& Y) const {
    if (Y.n_rows != X_.n_rows || Y.n_cols != Q.n_cols) {
      Y.set_size(X_.n_rows, Q.n_cols);
      advise_huge_pages(Y.memptr(), Y.n_elem * sizeof(double));
    }
    const RowVector shift = mean_.is_empty() ? RowVector() : RowVector(mean_ * Q);
    for_each_row_chunk(Q.n_cols, [&](Index first, Index rows) {
      const char no = 'N';
      const double one = 1.0, zero = 0.0;
      const auto m = static_cast<arma::blas_int>(rows), d = static_cast<arma::blas_int>(X_.n_cols),
                 l = static_cast<arma::blas_int>(Q.n_cols),
                 ld = static_cast<arma::blas_int>(X_.n_rows);
      arma::blas::gemm(&no, &no, &m, &l, &d, &one, data().memptr() + first, &ld, Q.memptr(), &d,
                       &zero, Y.memptr() + first, &ld);
      if (!shift.is_empty())
        for (Index c = 0; c < Y.n_cols; ++c) {
          double* column = Y.colptr(c) + first;
          for (Index i = 0; i < rows; ++i) column[i] -= shift(c);
        }
    });
  }

  // A' Y: each chunk's part, added in chunk order.
  Matrix transposed_times(const Matrix& Y) const {
    std::vector<Matrix> parts(chunks_, Matrix(X_.n_cols, Y.n_cols, arma::fill::zeros));
    for_each_row_chunk(Y.n_cols, [&](Index first, Index rows) {
      const char trans = 'T', no = 'N';
      const double one = 1.0, zero = 0.0;
      const auto m = static_cast<arma::blas_int>(rows), d = static_cast<arma::blas_int>(X_.n_cols),
                 l = static_cast<arma::blas_int>(Y.n_cols),
                 ld = static_cast<arma::blas_int>(X_.n_rows);
      arma::blas::gemm(&trans, &no, &d, &l, &m, &one, data().memptr() + first, &ld,
                       Y.memptr() + first, &ld, &zero, parts[chunk_of(first)].memptr(), &d);
    });
    Matrix product = std::move(parts[0]);
    for (Index k = 1; k < chunks_; ++k) product += parts[k];
    if (!mean_.is_empty()) {
      const ScopedThreadLimit serial(1);
      product -= mean_.t() * arma::sum(Y, 0);
    }
    return product;
  }

  // A'A, from centred row blocks (no digits lost whatever the mean).
  Matrix gram() const {
    Centering centering;
    centering.x_mean = mean_;
    return normal_equations(data(), Vector(X_.n_rows, arma::fill::zeros), nullptr, centering).gram;
  }

 private:
  const Matrix& data() const { return centred_.is_empty() ? X_ : centred_; }

  // body(first_row, rows) on each of the chunks of rows, as helped-loop tasks with BLAS on one
  // thread: a thread the scheduler holds back delays only its own chunk (where one BLAS call on
  // every thread would wait for it), and the chunks, fixed by X's shape, give the same bits on
  // any thread count.
  void for_each_row_chunk(Index width, const std::function<void(Index, Index)>& body) const {
    const double work =
        kFlopNanoseconds * static_cast<double>(X_.n_elem) * static_cast<double>(width);
    helped_loop(chunks_, threads_for_helped(work, static_cast<double>(chunks_)), [&](Index k) {
      const ScopedThreadLimit serial(1);
      const Index first = k * rows_per_chunk_;
      if (first < X_.n_rows) body(first, std::min(rows_per_chunk_, X_.n_rows - first));
    });
  }
  Index chunk_of(Index first_row) const { return first_row / rows_per_chunk_; }

  // Each column's sum of squared deviations from its mean (of squares when no mean).
  Vector squared_deviations() const {
    Vector squares(X_.n_cols);
    const auto columns = static_cast<long long>(X_.n_cols);
    const int threads = threads_for(kStreamNanoseconds * static_cast<double>(X_.n_elem),
                                    static_cast<double>(X_.n_cols));
#pragma omp parallel for schedule(static) num_threads(threads)
    for (long long j = 0; j < columns; ++j) {
      const double centre = mean_.is_empty() ? 0.0 : mean_(j);
      const double* column = X_.colptr(j);
      double sum = 0;
      for (Index i = 0; i < X_.n_rows; ++i) sum += (column[i] - centre) * (column[i] - centre);
      squares(j) = sum;
    }
    return squares;
  }

  const Matrix& X_;
  Index chunks_, rows_per_chunk_;
  RowVector mean_;  // empty once centred_ holds the centred copy, or when A = X
  Matrix centred_;  // X - 1 mean, when products through X would lose digits
  double squared_norm_ = 0;
};

// The algebra on the tall n x l matrices (l = k + n_oversamples columns) and on the small ones
// runs on one thread: each call is a few milliseconds of work, and a BLAS team would wait on a
// busy machine for threads that cannot get a core (measured: the CholeskyQR took 3 s instead of
// 0.03 s under two busy loops). The passes over X are the parallel part.

// scipy's lu(Y, permute_l=True)[0] in place: Y's LU factorisation (LAPACK's getrf, partial
// pivoting), then its unit lower-triangular factor with the row interchanges undone, P' L.
void permuted_lower_in_place(Matrix& Y, const std::string& who) {
  const ScopedThreadLimit serial(1);
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

Matrix householder_basis(const Matrix& Y) {
  const ScopedThreadLimit serial(1);
  Matrix Q, R;
  arma::qr_econ(Q, R, Y);
  return Q;
}

// One normalisation of a power iteration, in place: an orthonormal (QR) or permuted
// lower-triangular (LU) basis of Y's columns, or Y itself.
void normalise(Matrix& Y, PowerIterationNormalizer normalizer, const std::string& who) {
  if (normalizer == PowerIterationNormalizer::lu)
    permuted_lower_in_place(Y, who);
  else if (normalizer == PowerIterationNormalizer::qr)
    Y = householder_basis(Y);
}

// Y <- Y R^-1 for an upper-triangular R, in place, block of rows by block of rows (Armadillo
// has no trsm; a new matrix for the product would cost more in page faults than the product).
void divide_by_upper(Matrix& Y, const Matrix& R) {
  const ScopedThreadLimit serial(1);
  constexpr Index kBlockRows = 1024;
  const Matrix inverse = arma::inv(arma::trimatu(R));
  Matrix product(kBlockRows, Y.n_cols);
  const char no = 'N';
  const double one = 1.0, zero = 0.0;
  const auto cols = static_cast<arma::blas_int>(Y.n_cols),
             ld_y = static_cast<arma::blas_int>(Y.n_rows),
             ld_product = static_cast<arma::blas_int>(kBlockRows);
  for (Index begin = 0; begin < Y.n_rows; begin += kBlockRows) {
    const auto rows = static_cast<arma::blas_int>(std::min(kBlockRows, Y.n_rows - begin));
    arma::blas::gemm(&no, &no, &rows, &cols, &cols, &one, Y.memptr() + begin, &ld_y,
                     inverse.memptr(), &cols, &zero, product.memptr(), &ld_product);
    for (Index c = 0; c < Y.n_cols; ++c)
      std::copy(product.colptr(c), product.colptr(c) + rows, Y.colptr(c) + begin);
  }
}

// An orthonormal basis of the tall Y's columns, in place, by CholeskyQR2: twice Y <- Y R^-1
// with R'R = Y'Y, BLAS-3 work where Householder's QR goes column by column. The second pass
// restores the orthogonality the first loses (eps cond(Y)^2). Householder's QR is taken instead
// when Y is too ill-conditioned for that (a Cholesky fails, or the second Gram matrix is far
// from the identity), rank-deficient Y included; the basis spans Y's columns either way.
void orthonormalise(Matrix& Y) {
  const ScopedThreadLimit serial(1);
  for (int pass = 0; pass < 2; ++pass) {
    Matrix gram(Y.n_cols, Y.n_cols, arma::fill::zeros);
    const char upper = 'U', trans = 'T';
    const double one = 1.0, zero = 0.0;
    const auto rows = static_cast<arma::blas_int>(Y.n_rows),
               cols = static_cast<arma::blas_int>(Y.n_cols);
    arma::blas::syrk(&upper, &trans, &cols, &rows, &one, Y.memptr(), &rows, &zero, gram.memptr(),
                     &cols);
    gram = arma::symmatu(gram);
    Matrix R;
    if ((pass == 1 && arma::abs(gram - arma::eye(arma::size(gram))).max() > 0.1) ||
        !arma::chol(R, gram)) {
      Y = householder_basis(Y);
      return;
    }
    divide_by_upper(Y, R);
  }
}

// svd_flip's decisions for the columns of U = basis * coefficients, without forming U: the
// sign of each column's entry of largest magnitude (the first of equal ones).
Vector signs_of_largest(const Matrix& basis, const Matrix& coefficients) {
  const ScopedThreadLimit serial(1);
  constexpr Index kBlockRows = 4096;
  Vector largest(coefficients.n_cols, arma::fill::zeros),
      sign(coefficients.n_cols, arma::fill::ones);
  for (Index begin = 0; begin < basis.n_rows; begin += kBlockRows) {
    const Index end = std::min(basis.n_rows, begin + kBlockRows);
    const Matrix U = basis.rows(begin, end - 1) * coefficients;
    for (Index c = 0; c < U.n_cols; ++c)
      for (Index i = 0; i < U.n_rows; ++i)
        if (std::abs(U(i, c)) > largest(c)) {
          largest(c) = std::abs(U(i, c));
          sign(c) = U(i, c) < 0 ? -1.0 : 1.0;
        }
  }
  return sign;
}

// A's range sampled by l Gaussian vectors through n_iter power iterations, and the SVD of A's
// projection onto it: A ~ basis U_small diag(s) V'.
struct RangeSvd {
  Matrix basis, U_small, V;
  Vector s;
};
RangeSvd range_svd(const CentredProducts& A, Index sampled, const RandomizedSvdOptions& options,
                   const std::string& who) {
  Matrix Q = gaussian_test_matrix(A.n_cols(), sampled, options.seed);
  if (gram_is_cheaper(A.n_rows(), A.n_cols(), sampled, options.n_iter)) {
    const Matrix gram = A.gram();
    const ScopedThreadLimit serial(1);
    for (Index i = 0; i < options.n_iter; ++i) Q = householder_basis(gram * Q);
  } else {
    PowerIterationNormalizer normalizer = options.normalizer;
    if (normalizer == PowerIterationNormalizer::automatic)
      normalizer =
          options.n_iter <= 2 ? PowerIterationNormalizer::none : PowerIterationNormalizer::lu;
    Matrix Y;
    for (Index i = 0; i < options.n_iter; ++i) {
      A.times(Q, Y);
      normalise(Y, normalizer, who);
      Q = A.transposed_times(Y);
      normalise(Q, normalizer, who);
    }
  }
  RangeSvd out;
  A.times(Q, out.basis);
  orthonormalise(out.basis);
  const Matrix projected = A.transposed_times(out.basis).t();
  const ScopedThreadLimit serial(1);
  if (!arma::svd_econ(out.U_small, out.s, out.V, projected, "both", "dc"))
    throw Error(who + ": the randomized SVD did not converge");
  return out;
}

}  // namespace

RandomizedSvd randomized_svd(const Matrix& X, const RowVector& mean, Index k,
                             const RandomizedSvdOptions& options, const std::string& who) {
  const Index sampled = k + options.n_oversamples;
  RandomizedSvd out;
  if (X.n_rows >= X.n_cols) {
    const CentredProducts A(X, mean);
    const RangeSvd range = range_svd(A, sampled, options, who);
    const Index kept = std::min<Index>(k, range.s.n_elem);
    out.s = range.s.head(kept);
    out.V = range.V.cols(0, kept - 1);
    out.V.each_row() %= signs_of_largest(range.basis, range.U_small.cols(0, kept - 1)).t();
    out.squared_norm = A.squared_norm();
    return out;
  }
  // Wider than tall: A' (d x n) is the tall one, its left singular vectors A's right ones.
  Matrix transposed = X.t();
  if (!mean.is_empty()) transposed.each_col() -= mean.t();
  const CentredProducts A(transposed, RowVector());
  const RangeSvd range = range_svd(A, sampled, options, who);
  const Index kept = std::min<Index>(k, range.s.n_elem);
  out.s = range.s.head(kept);
  out.V = range.basis * range.U_small.cols(0, kept - 1);
  // svd_flip(u_based_decision=False) on A': the signs are decided by A's left vectors.
  out.V.each_row() %= signs_of_largest(range.V, arma::eye(range.V.n_cols, kept)).t();
  out.squared_norm = A.squared_norm();
  return out;
}

}  // namespace fitkit::detail
