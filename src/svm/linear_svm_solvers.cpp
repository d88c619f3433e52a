#include "svm/linear_svm_solvers.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <utility>
#include <vector>

#include "core/huge_pages.hpp"
#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"

namespace fitkit::detail {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// Four running sums, so that the compiler can keep them in vector lanes; the order of the sums
// is fixed, so the result does not depend on the machine's BLAS.
double dot(const double* a, const double* b, Index n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  Index j = 0;
  for (; j + 4 <= n; j += 4) {
    s0 += a[j] * b[j];
    s1 += a[j + 1] * b[j + 1];
    s2 += a[j + 2] * b[j + 2];
    s3 += a[j + 3] * b[j + 3];
  }
  for (; j < n; ++j) s0 += a[j] * b[j];
  return (s0 + s1) + (s2 + s3);
}

void axpy(double a, const double* x, double* y, Index n) {
  for (Index j = 0; j < n; ++j) y[j] += a * x[j];
}

// The samples with a positive cost (a zero weight takes a sample out of the problem), in a
// random order drawn afresh each pass by a Fisher-Yates shuffle of the first `active`.
std::vector<Index> positive_cost_samples(const Vector& C) {
  std::vector<Index> index;
  index.reserve(C.n_elem);
  for (Index i = 0; i < C.n_elem; ++i)
    if (C(i) > 0) index.push_back(i);
  return index;
}

void shuffle_prefix(std::vector<Index>& index, Index active, Random& rng) {
  for (Index s = 0; s + 1 < active; ++s)
    std::swap(index[s], index[s + rng.uniform_index(active - s)]);
}

// What the dual coordinate descents (hinge-type losses, classification and regression) know of
// each sample before they start: with the squared loss, the dual's diagonal gains 1 / (2 C_i)
// and the variable is unbounded; otherwise it is bounded by C_i. Also ||x_i||².
struct DualTerms {
  std::vector<double> diag, upper, squared_norm;
};

DualTerms dual_terms(const Matrix& Xt, const Vector& C, const std::vector<Index>& samples,
                     bool squared) {
  const Index n = Xt.n_cols, d = Xt.n_rows;
  DualTerms t{std::vector<double>(n, 0.0), std::vector<double>(n, kInf),
              std::vector<double>(n, 0.0)};
  for (const Index i : samples) {
    if (squared)
      t.diag[i] = 0.5 / C(i);
    else
      t.upper[i] = C(i);
    t.squared_norm[i] = dot(Xt.colptr(i), Xt.colptr(i), d);
  }
  return t;
}

// liblinear's outer loop for its solvers that stop on the summed violation of a pass relative
// to the first pass's: a pass below tol over a shrunk set brings every variable back for one
// confirming pass, and each pass shrinks against the largest violation of the one before.
class RelativeViolationStop {
 public:
  RelativeViolationStop(double tol, Index n_variables) : tol_(tol), n_(n_variables) {}

  // The previous pass's largest violation (infinite after a reset: no shrinking).
  double shrink_bound() const { return gmax_old_; }

  // After a pass: true when the solver is done; may set `active` back to every variable.
  bool end_pass(double gmax_new, double gnorm1_new, Index& active) {
    if (gnorm1_init_ < 0) gnorm1_init_ = gnorm1_new;
    gnorm1_ = gnorm1_new;
    if (gnorm1_new <= tol_ * gnorm1_init_) {
      if (active == n_) {
        converged_ = true;
        return true;
      }
      active = n_;
      gmax_old_ = kInf;
      return false;
    }
    gmax_old_ = gmax_new;
    return false;
  }

  bool converged() const { return converged_; }
  double relative_violation() const { return gnorm1_init_ > 0 ? gnorm1_ / gnorm1_init_ : 0.0; }

 private:
  double tol_;
  Index n_;
  double gmax_old_ = kInf, gnorm1_init_ = -1, gnorm1_ = kInf;
  bool converged_ = false;
};

// Residual of sample i at score z (0 outside the loss's active region): the squared hinge's
// z - y when y z < 1, the epsilon-insensitive one's (z - y) -+ epsilon outside the band.
double residual(bool classification, double z, double y, double epsilon) {
  if (classification) return y * z < 1 ? z - y : 0.0;
  const double d = z - y;
  if (d > epsilon) return d - epsilon;
  if (d < -epsilon) return d + epsilon;
  return 0.0;
}

}  // namespace

Matrix linear_svm_samples(const Matrix& X, bool fit_intercept, double intercept_scaling) {
  const Index n = X.n_rows, d = X.n_cols;
  Matrix Xt(d + (fit_intercept ? 1 : 0), n, arma::fill::none);  // every entry written below
  advise_huge_pages(Xt.memptr(), Xt.n_elem * sizeof(double));
  // In tiles that stay in cache on both sides (Armadillo's transpose into a subview goes an
  // entry at a time, strided: a fifth of a 160,000 x 100 fit).
  constexpr Index kTile = 32;
  for (Index i0 = 0; i0 < n; i0 += kTile) {
    const Index i1 = std::min(n, i0 + kTile);
    for (Index j0 = 0; j0 < d; j0 += kTile) {
      const Index j1 = std::min(d, j0 + kTile);
      for (Index i = i0; i < i1; ++i)
        for (Index j = j0; j < j1; ++j) Xt(j, i) = X(i, j);
    }
  }
  if (fit_intercept) Xt.row(d).fill(intercept_scaling);
  return Xt;
}

LinearSvmSolution dual_cd_classification(const Matrix& Xt, const Vector& y, const Vector& C,
                                         bool squared, double tol, Index max_iter, Random& rng) {
  const Index d = Xt.n_rows;
  const Index n = Xt.n_cols;
  Vector w(d, arma::fill::zeros);
  std::vector<double> alpha(n, 0.0), qd(n, 0.0);
  std::vector<Index> index = positive_cost_samples(C);
  const Index m = index.size();
  const auto [diag, upper, squared_norm] = dual_terms(Xt, C, index, squared);
  for (const Index i : index) qd[i] = diag[i] + squared_norm[i];
  double pg_max_old = kInf, pg_min_old = -kInf;
  Index active = m;
  Index iter = 0;
  bool converged = false;
  double spread = kInf;
  while (iter < max_iter) {
    double pg_max_new = -kInf, pg_min_new = kInf;
    shuffle_prefix(index, active, rng);
    for (Index s = 0; s < active; ++s) {
      const Index i = index[s];
      const double* xi = Xt.colptr(i);
      const double yi = y(i);
      const double G = yi * dot(w.memptr(), xi, d) - 1 + diag[i] * alpha[i];
      double pg = 0;
      if (alpha[i] == 0) {
        if (G > pg_max_old) {  // at its bound with a gradient pushing it there: shrink
          std::swap(index[s], index[--active]);
          --s;
          continue;
        }
        if (G < 0) pg = G;
      } else if (alpha[i] == upper[i]) {
        if (G < pg_min_old) {
          std::swap(index[s], index[--active]);
          --s;
          continue;
        }
        if (G > 0) pg = G;
      } else {
        pg = G;
      }
      pg_max_new = std::max(pg_max_new, pg);
      pg_min_new = std::min(pg_min_new, pg);
      if (std::abs(pg) > 1e-12) {
        const double old = alpha[i];
        const double step = qd[i] > 0 ? old - G / qd[i] : (G < 0 ? kInf : 0.0);
        alpha[i] = std::min(std::max(step, 0.0), upper[i]);
        axpy((alpha[i] - old) * yi, xi, w.memptr(), d);
      }
    }
    ++iter;
    spread = active > 0 ? pg_max_new - pg_min_new : 0.0;
    if (spread <= tol) {
      if (active == m) {
        converged = true;
        break;
      }
      // Converged on the shrunk set: one more pass over every sample to confirm.
      active = m;
      pg_max_old = kInf;
      pg_min_old = -kInf;
      continue;
    }
    pg_max_old = pg_max_new > 0 ? pg_max_new : kInf;
    pg_min_old = pg_min_new < 0 ? pg_min_new : -kInf;
  }
  return {std::move(w), iter, converged, spread};
}

LinearSvmSolution dual_cd_regression(const Matrix& Xt, const Vector& y, const Vector& C,
                                     double epsilon, bool squared, double tol, Index max_iter,
                                     Random& rng) {
  const Index d = Xt.n_rows;
  const Index n = Xt.n_cols;
  Vector w(d, arma::fill::zeros);
  std::vector<double> beta(n, 0.0);
  std::vector<Index> index = positive_cost_samples(C);
  const Index m = index.size();
  const auto [lambda, upper, qd] = dual_terms(Xt, C, index, squared);
  RelativeViolationStop stop(tol, m);
  Index active = m;
  Index iter = 0;
  while (iter < max_iter) {
    const double gmax_old = stop.shrink_bound();
    double gmax_new = 0, gnorm1_new = 0;
    shuffle_prefix(index, active, rng);
    for (Index s = 0; s < active; ++s) {
      const Index i = index[s];
      const double* xi = Xt.colptr(i);
      const double G = -y(i) + lambda[i] * beta[i] + dot(w.memptr(), xi, d);
      const double gp = G + epsilon, gn = G - epsilon;
      double violation = 0;
      bool shrink = false;
      if (beta[i] == 0) {
        if (gp < 0)
          violation = -gp;
        else if (gn > 0)
          violation = gn;
        else if (gp > gmax_old && gn < -gmax_old)
          shrink = true;
      } else if (beta[i] >= upper[i]) {
        if (gp > 0)
          violation = gp;
        else if (gp < -gmax_old)
          shrink = true;
      } else if (beta[i] <= -upper[i]) {
        if (gn < 0)
          violation = -gn;
        else if (gn > gmax_old)
          shrink = true;
      } else {
        violation = beta[i] > 0 ? std::abs(gp) : std::abs(gn);
      }
      if (shrink) {
        std::swap(index[s], index[--active]);
        --s;
        continue;
      }
      gmax_new = std::max(gmax_new, violation);
      gnorm1_new += violation;
      // The one-variable problem's minimiser (its objective is piecewise quadratic in beta_i).
      const double H = std::max(qd[i] + lambda[i], std::numeric_limits<double>::min());
      double delta;
      if (gp < H * beta[i])
        delta = -gp / H;
      else if (gn > H * beta[i])
        delta = -gn / H;
      else
        delta = -beta[i];
      if (std::abs(delta) < 1e-12) continue;
      const double old = beta[i];
      beta[i] = std::min(std::max(old + delta, -upper[i]), upper[i]);
      axpy(beta[i] - old, xi, w.memptr(), d);
    }
    ++iter;
    if (stop.end_pass(gmax_new, gnorm1_new, active)) break;
  }
  return {std::move(w), iter, stop.converged(), stop.relative_violation()};
}

LinearSvmSolution primal_newton(const Matrix& Xt, const Vector& y, const Vector& C,
                                bool classification, double epsilon, double tol_factor,
                                Index max_iter) {
  const Index d = Xt.n_rows;
  const Index n = Xt.n_cols;
  Vector w(d, arma::fill::zeros);
  Vector z(n, arma::fill::zeros);  // Xt' w
  Vector r(n);                     // residuals at z
  auto loss_and_residuals = [&](const Vector& scores, Vector& res) {
    double loss = 0;
    for (Index i = 0; i < n; ++i) {
      res(i) = C(i) > 0 ? residual(classification, scores(i), y(i), epsilon) : 0.0;
      loss += C(i) * res(i) * res(i);
    }
    return loss;
  };
  double f = loss_and_residuals(z, r);  // the objective (w = 0: the loss alone)
  auto gradient = [&]() -> Vector { return w + Xt * (2.0 * (C % r)); };
  Vector g = gradient();
  const double g0 = arma::norm(g);
  double gnorm = g0;
  Index iter = 0;
  bool converged = false;
  constexpr Index kExactWidth = 2048;  // up to here the Hessian is formed and factorised
  constexpr Index kChunk = 4096;
  while (true) {
    if (gnorm <= tol_factor * g0) {
      converged = true;
      break;
    }
    if (iter >= max_iter) break;
    // The generalised Hessian: I + Xt_I diag(2 C_I) Xt_I' over the samples I with a non-zero
    // residual (the loss is quadratic there, flat elsewhere).
    std::vector<arma::uword> act;
    act.reserve(n);
    for (Index i = 0; i < n; ++i)
      if (r(i) != 0) act.push_back(i);
    Vector p;
    if (d <= kExactWidth) {
      Matrix H(d, d, arma::fill::eye);
      for (Index start = 0; start < act.size(); start += kChunk) {
        const Index stop = std::min<Index>(act.size(), start + kChunk);
        const arma::uvec idx(act.data() + start, stop - start);
        Matrix S = Xt.cols(idx);
        S.each_row() %= arma::sqrt(2.0 * C(idx)).t();
        H += S * S.t();
      }
      H = arma::symmatu(H);
      if (!arma::solve(p, H, -g, arma::solve_opts::likely_sympd)) break;
    } else {
      Vector D(n, arma::fill::zeros);
      for (const auto i : act) D(i) = 2.0 * C(i);
      auto hessian_times = [&](const Vector& v) -> Vector { return v + Xt * (D % (Xt.t() * v)); };
      // Conjugate gradients to a residual of a tenth of the gradient (liblinear's eps_cg).
      p.zeros(d);
      Vector res = -g, dir = res;
      double rr = arma::dot(res, res);
      const double stop = 0.01 * gnorm * gnorm;
      for (Index k = 0; k < d && rr > stop; ++k) {
        const Vector Hd = hessian_times(dir);
        const double step = rr / arma::dot(dir, Hd);
        p += step * dir;
        res -= step * Hd;
        const double rr_new = arma::dot(res, res);
        dir = res + (rr_new / rr) * dir;
        rr = rr_new;
      }
    }
    // Backtracking (Armijo) along p: the objective along the line costs O(n) per trial.
    const Vector Xp = Xt.t() * p;
    const double gp = arma::dot(g, p);
    if (!(gp < 0)) break;  // no descent direction left: at the optimum to rounding
    const double ww = arma::dot(w, w), wp = arma::dot(w, p), pp = arma::dot(p, p);
    double t = 1;
    Vector z_new(n), r_new(n);
    double f_new = f;
    bool accepted = false;
    for (int k = 0; k < 40; ++k) {
      z_new = z + t * Xp;
      f_new = 0.5 * (ww + 2 * t * wp + t * t * pp) + loss_and_residuals(z_new, r_new);
      if (f_new <= f + 1e-2 * t * gp) {
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) break;
    w += t * p;
    z = std::move(z_new);
    r = std::move(r_new);
    f = f_new;
    g = gradient();
    gnorm = arma::norm(g);
    ++iter;
  }
  return {std::move(w), iter, converged, g0 > 0 ? gnorm / g0 : 0.0};
}

LinearSvmMulticlassSolution crammer_singer(const Matrix& Xt, const arma::uvec& label,
                                           Index n_classes, const Vector& C, double tol,
                                           Index max_iter, Random& rng) {
  const Index d = Xt.n_rows;
  const Index K = n_classes;
  Matrix W(d, K, arma::fill::zeros);
  std::vector<Index> index = positive_cost_samples(C);
  const Index m = index.size();
  Matrix alpha(K, Xt.n_cols, arma::fill::zeros);  // one column per sample
  std::vector<double> G(K), B(K), D(K), upper(K);
  Index iter = 0;
  bool converged = false;
  double violation = kInf;
  while (iter < max_iter) {
    shuffle_prefix(index, m, rng);
    violation = 0;
    for (Index s = 0; s < m; ++s) {
      const Index i = index[s];
      const double* xi = Xt.colptr(i);
      const Index yi = label(i);
      const double A = dot(xi, xi, d);
      if (A <= 0) continue;  // a zero sample changes nothing
      double* a = alpha.colptr(i);
      double max_g = -kInf, min_g = kInf;
      for (Index k = 0; k < K; ++k) {
        G[k] = dot(W.colptr(k), xi, d) + (k == yi ? 0.0 : 1.0);
        upper[k] = k == yi ? C(i) : 0.0;
        max_g = std::max(max_g, G[k]);
        if (a[k] < upper[k]) min_g = std::min(min_g, G[k]);
      }
      if (max_g - min_g <= 1e-12) continue;
      violation = std::max(violation, max_g - min_g);
      // The sample's sub-problem: minimise 0.5 A ||a||² + B'a subject to sum(a) = 0 and
      // a_k <= upper_k. Its solution is a_k = min(upper_k, (beta - B_k) / A) for the beta
      // found by scanning D = B + A upper in decreasing order.
      for (Index k = 0; k < K; ++k) {
        B[k] = G[k] - A * a[k];
        D[k] = B[k] + A * upper[k];
      }
      std::sort(D.begin(), D.end(), std::greater<>());
      double beta = D[0] - A * C(i);
      Index r = 1;
      for (; r < K && beta < static_cast<double>(r) * D[r]; ++r) beta += D[r];
      beta /= static_cast<double>(r);
      for (Index k = 0; k < K; ++k) {
        const double updated = std::min(upper[k], (beta - B[k]) / A);
        const double change = updated - a[k];
        if (std::abs(change) > 1e-12) {
          a[k] = updated;
          axpy(change, xi, W.colptr(k), d);
        }
      }
    }
    ++iter;
    if (violation <= tol) {
      converged = true;
      break;
    }
  }
  return {std::move(W), iter, converged, violation};
}

LinearSvmSolution l1_primal_cd(const Matrix& Xf, const Vector& y, const Vector& C, double tol,
                               Index max_iter, Random& rng) {
  const Index n = Xf.n_rows;
  const Index width = Xf.n_cols;
  const Matrix xy = Xf.each_col() % y;  // each feature times the labels
  Vector w(width, arma::fill::zeros);
  Vector b(n, arma::fill::ones);  // 1 - y_i w'x_i
  std::vector<double> xj_sq(width, 0.0);
  for (Index j = 0; j < width; ++j) {
    const double* col = xy.colptr(j);
    for (Index i = 0; i < n; ++i) xj_sq[j] += C(i) * col[i] * col[i];
  }
  std::vector<Index> index(width);
  for (Index j = 0; j < width; ++j) index[j] = j;
  constexpr int kMaxLineSearch = 20;
  constexpr double kSigma = 0.01;
  RelativeViolationStop stop(tol, width);
  Index active = width;
  Index iter = 0;
  while (iter < max_iter) {
    const double gmax_old = stop.shrink_bound();
    double gmax_new = 0, gnorm1_new = 0;
    shuffle_prefix(index, active, rng);
    for (Index s = 0; s < active; ++s) {
      const Index j = index[s];
      const double* col = xy.colptr(j);
      double g_loss = 0, H = 0;
      for (Index i = 0; i < n; ++i) {
        if (b(i) > 0) {
          const double t = C(i) * col[i];
          g_loss -= t * b(i);
          H += t * col[i];
        }
      }
      g_loss *= 2;
      const double G = g_loss;
      H = std::max(2 * H, 1e-12);
      const double gp = G + 1, gn = G - 1;
      double violation = 0;
      if (w(j) == 0) {
        if (gp < 0) {
          violation = -gp;
        } else if (gn > 0) {
          violation = gn;
        } else if (gp > gmax_old / static_cast<double>(n) &&
                   gn < -gmax_old / static_cast<double>(n)) {
          std::swap(index[s], index[--active]);
          --s;
          continue;
        }
      } else {
        violation = w(j) > 0 ? std::abs(gp) : std::abs(gn);
      }
      gmax_new = std::max(gmax_new, violation);
      gnorm1_new += violation;
      // Newton direction of the one-variable problem, then a backtracking line search whose
      // sufficient decrease is first tested on a quadratic upper bound (no pass over b).
      double d;
      if (gp < H * w(j))
        d = -gp / H;
      else if (gn > H * w(j))
        d = -gn / H;
      else
        d = -w(j);
      if (std::abs(d) < 1e-12) continue;
      double delta = std::abs(w(j) + d) - std::abs(w(j)) + G * d;
      double d_old = 0, loss_old = 0;
      int k = 0;
      for (; k < kMaxLineSearch; ++k) {
        const double d_diff = d_old - d;
        double cond = std::abs(w(j) + d) - std::abs(w(j)) - kSigma * delta;
        const double bound = xj_sq[j] * d * d + g_loss * d + cond;
        if (bound <= 0) {
          for (Index i = 0; i < n; ++i) b(i) += d_diff * col[i];
          break;
        }
        double loss_new = 0;
        for (Index i = 0; i < n; ++i) {
          if (k == 0 && b(i) > 0) loss_old += C(i) * b(i) * b(i);
          b(i) += d_diff * col[i];
          if (b(i) > 0) loss_new += C(i) * b(i) * b(i);
        }
        cond += loss_new - loss_old;
        if (cond <= 0) break;
        d_old = d;
        d *= 0.5;
        delta *= 0.5;
      }
      w(j) += d;
      if (k == kMaxLineSearch) {
        // The line search failed: b holds the trial steps' sums; recompute it from w.
        b = 1.0 - xy * w;
      }
    }
    ++iter;
    if (stop.end_pass(gmax_new, gnorm1_new, active)) break;
  }
  return {std::move(w), iter, stop.converged(), stop.relative_violation()};
}

}  // namespace fitkit::detail
