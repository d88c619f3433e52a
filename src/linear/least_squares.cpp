#include "linear/least_squares.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/ordered_dot.hpp"
#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"

namespace fitkit::detail {
namespace {

// Above this condition number of the Gram matrix (cond(X) ~ 1e5), one refinement step no
// longer recovers full accuracy and the SVD is used instead.
constexpr double kMaxGramCondition = 1e10;

// Serial cost estimates per row, for the thread counts: a Gram update is d^2 / 2 level-3
// multiply-adds; a matrix-vector product reads the row once.
double gram_nanoseconds(Index d) {
  return 0.5 * kFlopNanoseconds * static_cast<double>(d) * static_cast<double>(d);
}
double product_nanoseconds(Index d) {
  return kStreamNanoseconds * static_cast<double>(d);
}

// Xc'(yc - Xc b) = X'r - mu * sum(r) with r = y - X b - (y_mean - mu b), for unweighted X
// without copying it, in one pass: each block's residuals, then its product with them while
// the block is in cache. The chunks (fixed by X's shape, added in order) are shared out to the
// threads as they come free, so a thread the scheduler holds back delays only its own chunk.
Vector unweighted_residual_correlation(const Matrix& X, const Vector& y, const Centering& c,
                                       const Vector& coef) {
  const Index n = X.n_rows, d = X.n_cols;
  const Index n_chunks = centred_block_chunks(n, d);
  const Index rows_per_chunk = (n + n_chunks - 1) / n_chunks;
  const double offset = c.x_mean.n_elem ? c.y_mean - ordered_dot(c.x_mean.t(), coef) : 0.0;
  std::vector<Vector> parts(n_chunks, Vector(d, arma::fill::zeros));
  std::vector<double> residual_sums(n_chunks, 0.0);
  std::vector<Vector> residuals(n_chunks, Vector(kCentredBlockRows));
  const int threads = threads_for(static_cast<double>(n) * 2 * product_nanoseconds(d),
                                  static_cast<double>(n_chunks));
  const ScopedThreadLimit serial_blas(1);
  const auto chunks = static_cast<long long>(n_chunks);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (long long chunk = 0; chunk < chunks; ++chunk) {
    const Index first = static_cast<Index>(chunk) * rows_per_chunk;
    const Index last = std::min<Index>(n, first + rows_per_chunk);
    double* r = residuals[chunk].memptr();
    const char trans = 'T', notrans = 'N';
    const double one = 1.0, minus_one = -1.0;
    const arma::blas_int cols = static_cast<arma::blas_int>(d),
                         ld_x = static_cast<arma::blas_int>(n), step = 1;
    for (Index begin = first; begin < last; begin += kCentredBlockRows) {
      const Index rows = std::min(last, begin + kCentredBlockRows) - begin;
      const auto m = static_cast<arma::blas_int>(rows);
      for (Index i = 0; i < rows; ++i) r[i] = y(begin + i) - offset;
      const double* block = X.memptr() + begin;
      arma::blas::gemv(&notrans, &m, &cols, &minus_one, block, &ld_x, coef.memptr(), &step, &one, r,
                       &step);
      arma::blas::gemv(&trans, &m, &cols, &one, block, &ld_x, r, &step, &one, parts[chunk].memptr(),
                       &step);
      for (Index i = 0; i < rows; ++i) residual_sums[chunk] += r[i];
    }
  }
  Vector g = std::move(parts[0]);
  double residual_sum = residual_sums[0];
  for (Index k = 1; k < n_chunks; ++k) {
    g += parts[k];
    residual_sum += residual_sums[k];
  }
  if (c.x_mean.n_elem) g -= residual_sum * c.x_mean.t();
  return g;
}

}  // namespace

RowSums unweighted_sums(const Matrix& X, const Vector& y) {
  const Index n = X.n_rows, d = X.n_cols;
  const Index n_chunks = centred_block_chunks(n, d);
  const Index rows_per_chunk = (n + n_chunks - 1) / n_chunks;
  // Per chunk: the upper triangle of X'X, and X'[y 1] (d x 2) with sum(y) under it.
  std::vector<Matrix> grams(n_chunks, Matrix(d, d, arma::fill::zeros));
  std::vector<Matrix> cross(n_chunks, Matrix(d + 1, 2, arma::fill::zeros));
  const auto chunks = static_cast<long long>(n_chunks);
  // One pass reads each row and does d^2 / 2 + 2d level-3 multiply-adds with it. The BLAS
  // calls run on one thread whatever the thread count: the chunks are the parallelism, and
  // each chunk's sums come out the same on any number of threads.
  const int threads = threads_for(
      static_cast<double>(n) * (kStreamNanoseconds * d + kFlopNanoseconds * d * (0.5 * d + 2)),
      n_chunks);
  const ScopedThreadLimit serial_blas(1);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (long long chunk = 0; chunk < chunks; ++chunk) {
    const Index first = static_cast<Index>(chunk) * rows_per_chunk;
    const Index last = std::min<Index>(n, first + rows_per_chunk);
    Matrix rhs(kCentredBlockRows, 2);
    Matrix& gram = grams[chunk];
    Matrix& xy = cross[chunk];
    const char upper = 'U', trans = 'T', notrans = 'N';
    const double one = 1.0;
    const auto ld_x = static_cast<arma::blas_int>(n);
    const auto ld_g = static_cast<arma::blas_int>(d);
    const auto ld_xy = static_cast<arma::blas_int>(d + 1);
    const auto cols = static_cast<arma::blas_int>(d);
    const arma::blas_int two = 2;
    for (Index begin = first; begin < last; begin += kCentredBlockRows) {
      const Index rows = std::min(last, begin + kCentredBlockRows) - begin;
      const auto k = static_cast<arma::blas_int>(rows);
      const auto ld_rhs = static_cast<arma::blas_int>(kCentredBlockRows);
      std::copy(y.memptr() + begin, y.memptr() + begin + rows, rhs.colptr(0));
      std::fill(rhs.colptr(1), rhs.colptr(1) + rows, 1.0);
      const double* block = X.memptr() + begin;
      arma::blas::syrk(&upper, &trans, &cols, &k, &one, block, &ld_x, &one, gram.memptr(), &ld_g);
      arma::blas::gemm(&trans, &notrans, &cols, &two, &k, &one, block, &ld_x, rhs.memptr(), &ld_rhs,
                       &one, xy.memptr(), &ld_xy);
      for (Index i = 0; i < rows; ++i) xy(d, 0) += rhs(i, 0);
    }
  }
  Matrix gram = std::move(grams[0]);
  Matrix xy = std::move(cross[0]);
  for (Index k = 1; k < n_chunks; ++k) {
    gram += grams[k];
    xy += cross[k];
  }
  RowSums sums;
  // A NaN or Inf anywhere in column j makes (X'X)_jj non-finite; in y, its sum.
  sums.finite = gram.diag().is_finite() && xy.is_finite();
  if (!sums.finite) return sums;
  sums.xx = arma::symmatu(gram);
  sums.xy = xy.col(0).head(d);
  sums.x = xy.col(1).head(d);
  sums.y = xy(d, 0);
  sums.n = static_cast<double>(n);
  return sums;
}

Moments moments_from_sums(RowSums sums, bool center) {
  Moments out;
  out.finite = sums.finite;
  if (!out.finite) return out;
  NormalEquations eq{std::move(sums.xx), std::move(sums.xy)};
  if (!center) {
    out.equations = std::move(eq);
    return out;
  }
  const Vector mean = sums.x / sums.n;
  out.centering.x_mean = mean.t();
  out.centering.y_mean = sums.y / sums.n;
  eq.gram -= sums.n * (mean * mean.t());
  eq.xty -= sums.n * out.centering.y_mean * mean;
  constexpr double kMaxMeanToSpreadSquared = 1e4;
  for (Index j = 0; j < mean.n_elem; ++j)
    if (mean(j) * mean(j) > kMaxMeanToSpreadSquared * (eq.gram(j, j) / sums.n)) return out;
  out.equations = std::move(eq);
  return out;
}

Moments unweighted_moments(const Matrix& X, const Vector& y, bool center) {
  return moments_from_sums(unweighted_sums(X, y), center);
}

NormalEquations normal_equations(const Matrix& X, const Vector& y, const Vector* w,
                                 const Centering& c) {
  const Index d = X.n_cols;
  const Index n_chunks = centred_block_chunks(X.n_rows, d);
  std::vector<Matrix> grams(n_chunks, Matrix(d, d, arma::fill::zeros));
  std::vector<Vector> xtys(n_chunks, Vector(d, arma::fill::zeros));
  for_each_centred_block(X, y, w, c, gram_nanoseconds(d) + product_nanoseconds(d),
                         [&](Index chunk, Index, const Matrix& block, const Vector& target) {
                           grams[chunk] += block.t() * block;  // Armadillo turns A'A into syrk
                           xtys[chunk] += block.t() * target;
                         });
  NormalEquations eq{std::move(grams[0]), std::move(xtys[0])};
  for (Index k = 1; k < n_chunks; ++k) {
    eq.gram += grams[k];
    eq.xty += xtys[k];
  }
  return eq;
}

Vector residual_correlation(const Matrix& X, const Vector& y, const Vector* w, const Centering& c,
                            const Vector& coef) {
  if (w == nullptr) return unweighted_residual_correlation(X, y, c, coef);
  const Index n_chunks = centred_block_chunks(X.n_rows, X.n_cols);
  std::vector<Vector> parts(n_chunks, Vector(X.n_cols, arma::fill::zeros));
  for_each_centred_block(X, y, w, c, 2 * product_nanoseconds(X.n_cols),
                         [&](Index chunk, Index, const Matrix& block, const Vector& target) {
                           parts[chunk] += block.t() * (target - block * coef);
                         });
  Vector total = std::move(parts[0]);
  for (Index k = 1; k < n_chunks; ++k) total += parts[k];
  return total;
}

LeastSquaresSolution solve_by_svd(const Matrix& X, const Vector& y, const Vector* w,
                                  const Centering& c) {
  const Index d = X.n_cols;
  const Matrix r = centred_qr_r(X, y, w, c);

  // Q'[Xc yc] = [R z; 0 rho]: the least-squares problem is now min ||R b - z||.
  const Index k = std::min<Index>(r.n_rows, d);
  const Matrix R = r.submat(0, 0, k - 1, d - 1);
  const Vector z = r.submat(0, d, k - 1, d);
  const ScopedThreadLimit blas(threads_for_lapack(k, d));
  Matrix U, V;
  Vector s;
  economy_svd(R, U, s, V, "LinearRegression");
  LeastSquaresSolution out;
  out.singular_values = s;
  const double rcond = std::numeric_limits<double>::epsilon() * std::max(X.n_rows, d);
  const double cutoff = s.is_empty() ? 0.0 : rcond * s(0);
  Vector projected = U.t() * z;
  for (Index i = 0; i < s.n_elem; ++i) {
    if (s(i) > cutoff) {
      projected(i) /= s(i);
      ++out.rank;
    } else {
      projected(i) = 0;
    }
  }
  out.coef = V * projected;
  return out;
}

std::optional<LeastSquaresSolution> solve_by_cholesky(const Matrix& X, const Vector& y,
                                                      const Vector* w, const Centering& c,
                                                      std::optional<NormalEquations> equations) {
  if (X.n_rows < X.n_cols) return std::nullopt;
  if (!equations) equations = normal_equations(X, y, w, c);
  const NormalEquations& eq = *equations;
  // The d x d algebra runs on the threads its size is worth, the passes over X on theirs.
  const int small_threads = threads_for_lapack(X.n_cols, X.n_cols);
  Vector eigenvalues;
  Matrix upper;
  {
    const ScopedThreadLimit blas(small_threads);
    if (!arma::eig_sym(eigenvalues, eq.gram)) return std::nullopt;
    if (!arma::chol(upper, eq.gram)) return std::nullopt;
  }
  const double largest = eigenvalues.max(), smallest = eigenvalues.min();
  if (!(largest > 0) || !(smallest > largest / kMaxGramCondition)) return std::nullopt;
  auto solve = [&](const Vector& rhs) {
    const ScopedThreadLimit blas(small_threads);
    const Vector half = arma::solve(arma::trimatl(upper.t()), rhs);
    return Vector(arma::solve(arma::trimatu(upper), half));
  };
  LeastSquaresSolution out;
  out.coef = solve(eq.xty);
  // Each step shrinks the error by about cond(G) * (error of G); once a correction is below
  // 1e-10 of the solution, what is left after applying it is at rounding level.
  // Still moving after that many steps means the Gram matrix was too inexact for this X:
  // the SVD answers instead.
  constexpr int kMaxRefinementSteps = 3;
  bool converged = false;
  for (int step = 0; step < kMaxRefinementSteps && !converged; ++step) {
    const Vector correction = solve(residual_correlation(X, y, w, c, out.coef));
    out.coef += correction;
    converged = arma::norm(correction) <= 1e-10 * arma::norm(out.coef);
  }
  if (!converged) return std::nullopt;
  out.singular_values = arma::sqrt(arma::reverse(arma::clamp(eigenvalues, 0.0, largest)));
  out.rank = X.n_cols;
  return out;
}

}  // namespace fitkit::detail
