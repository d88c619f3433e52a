#include "linear/ridge_solver.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"

namespace fitkit::detail {
namespace {

// Above this condition number of the system matrix, Cholesky with refinement is no longer
// trusted and the SVD answers instead (as for LinearRegression).
constexpr double kMaxCondition = 1e10;
// Refinement stops once a correction is below this fraction of the solution.
constexpr double kRefinedEnough = 1e-10;
constexpr int kMaxRefinementSteps = 3;

// The upper Cholesky factor U of the symmetric positive definite `a` (a = U'U) and LAPACK's
// estimate of a's reciprocal condition number; nothing when a is not positive definite.
struct Factor {
  Matrix upper;
  double rcond = 0;

  Vector solve(const Vector& rhs) const {
    const ScopedThreadLimit blas(threads_for_lapack(upper.n_rows, upper.n_cols));
    const Vector half = arma::solve(arma::trimatl(upper.t()), rhs);
    return arma::solve(arma::trimatu(upper), half);
  }
};

std::optional<Factor> cholesky(Matrix a) {
  const ScopedThreadLimit blas(threads_for_lapack(a.n_rows, a.n_cols));
  arma::blas_int n = static_cast<arma::blas_int>(a.n_rows), info = 0;
  char uplo = 'U';
  const double anorm = arma::norm(a, 1);
  if (!std::isfinite(anorm) || !(anorm > 0)) return std::nullopt;
  arma::lapack::potrf(&uplo, &n, a.memptr(), &n, &info);
  if (info != 0) return std::nullopt;
  Factor f;
  std::vector<double> work(3 * static_cast<std::size_t>(n));
  std::vector<arma::blas_int> iwork(static_cast<std::size_t>(n));
  arma::lapack::pocon(&uplo, &n, a.memptr(), &n, &anorm, &f.rcond, work.data(), iwork.data(),
                      &info);
  if (info != 0 || !(f.rcond * kMaxCondition > 1.0)) return std::nullopt;
  f.upper = arma::trimatu(a);
  return f;
}

}  // namespace

namespace {

// The normal equations' Cholesky solution, its factor, and its error estimate: about
// cond * centring loss * eps * sqrt(n) (rounding in the Gram matrix's sums).
struct CholeskySolution {
  Factor factor;
  Vector coef;
  double error_estimate = 0;
};

std::optional<CholeskySolution> cholesky_solution(const Centering& c, double total_weight,
                                                  double n_rows, double alpha, NormalEquations eq) {
  // Digits the Gram matrix may have lost to centring after the fact (X'X - n mu mu'):
  // about log10(1 + mean^2 / variance) for the worst column.
  double centring_loss = 1.0;
  if (c.x_mean.n_elem) {
    for (Index j = 0; j < eq.gram.n_cols; ++j) {
      const double variance = eq.gram(j, j) / total_weight;
      if (variance > 0)
        centring_loss = std::max(centring_loss, 1.0 + c.x_mean(j) * c.x_mean(j) / variance);
    }
  }
  eq.gram.diag() += alpha;
  auto factor = cholesky(std::move(eq.gram));
  if (!factor) return std::nullopt;
  Vector coef = factor->solve(eq.xty);
  const double error_estimate =
      centring_loss / factor->rcond * std::numeric_limits<double>::epsilon() * std::sqrt(n_rows);
  return CholeskySolution{std::move(*factor), std::move(coef), error_estimate};
}

// Below this error estimate, refinement against X (two more passes over it per step) is
// skipped.
constexpr double kRefinementNeeded = 1e-11;

}  // namespace

std::optional<Vector> ridge_by_cholesky_unrefined(const Centering& centering, double n_rows,
                                                  double alpha, NormalEquations equations) {
  auto solution = cholesky_solution(centering, n_rows, n_rows, alpha, std::move(equations));
  if (!solution || solution->error_estimate >= kRefinementNeeded) return std::nullopt;
  return std::move(solution->coef);
}

std::optional<Vector> ridge_by_cholesky(const Matrix& X, const Vector& y, const Vector* w,
                                        const Centering& c, double alpha, NormalEquations eq) {
  const double total = w ? arma::accu(*w) : static_cast<double>(X.n_rows);
  auto solution = cholesky_solution(c, total, static_cast<double>(X.n_rows), alpha, std::move(eq));
  if (!solution) return std::nullopt;
  Vector coef = std::move(solution->coef);
  if (solution->error_estimate < kRefinementNeeded) return coef;
  const Factor& factor = solution->factor;
  bool converged = false;
  for (int step = 0; step < kMaxRefinementSteps && !converged; ++step) {
    Vector gradient = residual_correlation(X, y, w, c, coef);
    gradient -= alpha * coef;
    const Vector correction = factor.solve(gradient);
    coef += correction;
    converged = arma::norm(correction) <= kRefinedEnough * arma::norm(coef);
  }
  if (!converged) return std::nullopt;
  return coef;
}

std::optional<Vector> ridge_by_kernel(const Matrix& X, const Vector& y, const Vector* w,
                                      const Centering& c, double alpha) {
  Matrix Xs = X;
  if (c.x_mean.n_elem) Xs.each_row() -= c.x_mean;
  Vector ys = y - c.y_mean;
  if (w) {
    const Vector root = root_weights(*w);
    Xs.each_col() %= root;
    ys %= root;
  }
  Matrix kernel = Xs * Xs.t();
  kernel.diag() += alpha;
  const auto factor = cholesky(std::move(kernel));
  if (!factor) return std::nullopt;
  Vector dual = factor->solve(ys);
  bool converged = false;
  for (int step = 0; step < kMaxRefinementSteps && !converged; ++step) {
    Vector residual;
    {
      const ScopedThreadLimit blas(threads_for(kStreamNanoseconds * Xs.n_elem));
      residual = ys - Xs * (Xs.t() * dual);
    }
    residual -= alpha * dual;
    const Vector correction = factor->solve(residual);
    dual += correction;
    converged = arma::norm(correction) <= kRefinedEnough * arma::norm(dual);
  }
  if (!converged) return std::nullopt;
  return Vector(Xs.t() * dual);
}

Vector ridge_by_svd(const Matrix& X, const Vector& y, const Vector* w, const Centering& c,
                    double alpha) {
  const Index d = X.n_cols;
  const Matrix r = centred_qr_r(X, y, w, c);
  const Index k = std::min<Index>(r.n_rows, d);
  const Matrix R = r.submat(0, 0, k - 1, d - 1);
  const Vector z = r.submat(0, d, k - 1, d);
  const ScopedThreadLimit blas(threads_for_lapack(k, d));
  Matrix U, V;
  Vector s;
  if (R.n_rows < R.n_cols)  // fewer rows than columns: decompose the tall R'
    economy_svd(R.t(), V, s, U, "Ridge");
  else
    economy_svd(R, U, s, V, "Ridge");
  Vector projected = U.t() * z;
  for (Index i = 0; i < s.n_elem; ++i)
    projected(i) = s(i) > 1e-15 ? projected(i) * s(i) / (s(i) * s(i) + alpha) : 0.0;
  return V * projected;
}

CgResult ridge_by_cg(const Matrix& X, const Vector& y, const Vector* w, const Centering& c,
                     double alpha, Index max_iter, double tol) {
  const bool centred = c.x_mean.n_elem > 0;
  // Every step is two matrix-vector products with X.
  const ScopedThreadLimit blas(threads_for(kStreamNanoseconds * X.n_elem));
  // Xc' W u for u of length n (u already multiplied by W).
  auto xct = [&](const Vector& u) {
    Vector g = X.t() * u;
    if (centred) g -= arma::accu(u) * c.x_mean.t();
    return g;
  };
  // (Xc'WXc + alpha I) v, with X itself: two passes of gemv.
  auto apply = [&](const Vector& v) {
    Vector t = X * v;
    if (centred) t -= arma::dot(c.x_mean, v);
    if (w) t %= *w;
    Vector out = xct(t);
    out += alpha * v;
    return out;
  };
  Vector u = y - c.y_mean;
  if (w) u %= *w;
  const Vector b = xct(u);

  CgResult out;
  out.coef.zeros(X.n_cols);
  Vector r = b;
  double rr = arma::dot(r, r);
  const double stop = tol * std::sqrt(rr);
  if (!(std::sqrt(rr) > stop)) return out;
  Vector p = r;
  while (out.n_iter < max_iter) {
    const Vector ap = apply(p);
    const double curvature = arma::dot(p, ap);
    if (!(curvature > 0)) break;  // the residual is already at rounding level
    const double step = rr / curvature;
    out.coef += step * p;
    r -= step * ap;
    ++out.n_iter;
    const double rr_next = arma::dot(r, r);
    if (!(std::sqrt(rr_next) > stop)) break;
    p = r + (rr_next / rr) * p;
    rr = rr_next;
    out.converged = out.n_iter < max_iter;
  }
  return out;
}

}  // namespace fitkit::detail
