#include "linear/coordinate_descent.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/ordered_dot.hpp"
#include "core/parallel.hpp"
#include "linear/least_squares.hpp"

namespace fitkit::detail {
namespace {

inline void axpy(double alpha, const double* x, double* y, Index n) {
#pragma omp simd
  for (Index i = 0; i < n; ++i) y[i] += alpha * x[i];
}

inline double sign(double x) {
  return x > 0 ? 1.0 : (x < 0 ? -1.0 : 0.0);
}

// The coordinate update of cd_fast: soft thresholding of the partial correlation.
inline double update(double correlation, double l1, double denominator, bool positive) {
  if (positive && correlation < 0) return 0.0;
  return sign(correlation) * std::max(std::abs(correlation) - l1, 0.0) / denominator;
}

// The duality gap of cd_fast, from X'R - l2 w, ||R||^2 and R'y.
double duality_gap(const Vector& xta, double r_norm2, double r_dot_y, const Vector& w,
                   const CdSettings& s) {
  const double dual_norm = s.positive ? xta.max() : arma::abs(xta).max();
  double scale = 1.0, gap = r_norm2;
  if (dual_norm > s.l1) {
    scale = s.l1 / dual_norm;
    gap = 0.5 * (r_norm2 + r_norm2 * scale * scale);
  }
  double l1_norm = 0, w_norm2 = 0;
  for (Index j = 0; j < w.n_elem; ++j) {
    l1_norm += std::abs(w(j));
    w_norm2 += w(j) * w(j);
  }
  gap += s.l1 * l1_norm - scale * r_dot_y + 0.5 * s.l2 * (1 + scale * scale) * w_norm2;
  return gap;
}

struct Sweep {
  double w_max = 0, d_w_max = 0;
};

// The stopping test of cd_fast: the gap is computed only when the largest update of the
// epoch is small relative to the largest coefficient, or at the last epoch.
bool gap_due(const Sweep& sweep, int epoch, const CdSettings& s) {
  return sweep.w_max == 0.0 || sweep.d_w_max / sweep.w_max < s.tol || epoch == s.max_iter - 1;
}

// Epochs before the first screening pass, and between passes while they screen features
// (each costs about one epoch over the features left).
constexpr int kScreeningInterval = 10;

}  // namespace

bool gram_pays_off(Index n_samples, Index n_features) {
  return n_samples > n_features && n_features <= 4096;
}

EnetProblem::EnetProblem(const Matrix& X, const Vector& y, const Vector* sample_weight,
                         bool fit_intercept, bool use_gram)
    : n_samples_(X.n_rows), n_features_(X.n_cols), use_gram_(use_gram) {
  Vector weights;
  const Vector* w = nullptr;
  if (sample_weight != nullptr) {
    weights = *sample_weight * (static_cast<double>(n_samples_) / arma::accu(*sample_weight));
    w = &weights;
  }
  const Centering centering = compute_centering(X, y, w, fit_intercept);
  // The column loops below read (and write) each entry of X once or twice.
  const int column_threads = threads_for(2 * kStreamNanoseconds * X.n_elem, X.n_cols);
  x_mean_ = centering.x_mean;
  y_mean_ = centering.y_mean;

  Vector yc = y - y_mean_;
  if (w != nullptr) yc %= root_weights(*w);
  y_norm2_ = ordered_dot(yc.memptr(), yc.memptr(), yc.n_elem);

  if (use_gram_) {
    NormalEquations eq = normal_equations(X, y, w, centering);
    gram_ = std::move(eq.gram);
    xty_ = std::move(eq.xty);
    if (w == nullptr) {
      // X'y came from BLAS, whose sums depend on the kernel OpenBLAS picks: recompute it
      // column by column in a fixed order, centred exactly: Xc'yc = X'yc - mu sum(yc).
      const double y_sum = arma::accu(yc);
#pragma omp parallel for schedule(static) num_threads(column_threads)
      for (Index j = 0; j < n_features_; ++j)
        xty_(j) = ordered_dot(X.colptr(j), yc.memptr(), n_samples_) -
                  (fit_intercept ? x_mean_(j) * y_sum : 0.0);
    }
    // A constant column centres to exactly zero, but X'X - n mu mu' leaves rounding noise:
    // clear it, so that the column is skipped as scikit-learn skips it.
    if (fit_intercept)
      for (Index j = 0; j < n_features_; ++j) {
        const double mean = x_mean_(j);
        if (gram_(j, j) <= 1e-12 * static_cast<double>(n_samples_) * mean * mean) {
          gram_.col(j).zeros();
          gram_.row(j).zeros();
          xty_(j) = 0;
        }
      }
    return;
  }

  if (!fit_intercept && w == nullptr) {
    x_ = &X;
  } else {
    x_copy_.set_size(X.n_rows, X.n_cols);
    const Vector root = w != nullptr ? root_weights(*w) : Vector();
#pragma omp parallel for schedule(static) num_threads(column_threads)
    for (Index j = 0; j < X.n_cols; ++j) {
      const double mean = fit_intercept ? x_mean_(j) : 0.0;
      const double* src = X.colptr(j);
      double* dst = x_copy_.colptr(j);
      if (root.n_elem)
        for (Index i = 0; i < X.n_rows; ++i) dst[i] = (src[i] - mean) * root[i];
      else
        for (Index i = 0; i < X.n_rows; ++i) dst[i] = src[i] - mean;
    }
    x_ = &x_copy_;
  }
  y_prepared_ = std::move(yc);
  col_norm2_.set_size(n_features_);
  xty_.set_size(n_features_);
#pragma omp parallel for schedule(static) num_threads(column_threads)
  for (Index j = 0; j < n_features_; ++j) {
    const double* col = x_->colptr(j);
    col_norm2_(j) = ordered_dot(col, col, n_samples_);
    xty_(j) = ordered_dot(col, y_prepared_.memptr(), n_samples_);
  }
}

CdOutcome EnetProblem::solve(Vector& w, const CdSettings& s, Random& rng,
                             Progress* progress) const {
  CdOutcome out;
  out.tol = s.tol * y_norm2_;
  const Index d = n_features_, n = n_samples_;
  if (w.n_elem != d) w.zeros(d);
  auto pick = [&](Index f) { return s.random ? static_cast<Index>(rng.uniform_index(d)) : f; };

  if (use_gram_) {
    Vector h(d, arma::fill::zeros);  // Q w, summed in a fixed order
    for (Index j = 0; j < d; ++j)
      if (w(j) != 0.0) axpy(w(j), gram_.colptr(j), h.memptr(), d);
    for (int epoch = 0; epoch < s.max_iter; ++epoch) {
      Sweep sweep;
      for (Index f = 0; f < d; ++f) {
        const Index j = pick(f);
        const double qjj = gram_(j, j);
        if (qjj == 0.0) continue;
        const double old = w(j);
        const double correlation = xty_(j) - h(j) + old * qjj;
        const double fresh = update(correlation, s.l1, qjj + s.l2, s.positive);
        w(j) = fresh;
        if (fresh != old) axpy(fresh - old, gram_.colptr(j), h.memptr(), d);
        sweep.d_w_max = std::max(sweep.d_w_max, std::abs(fresh - old));
        sweep.w_max = std::max(sweep.w_max, std::abs(fresh));
      }
      out.n_iter = epoch + 1;
      if (progress != nullptr) progress->update(out.n_iter);
      if (gap_due(sweep, epoch, s)) {
        const Vector xta = xty_ - h - s.l2 * w;
        const double q_dot_w = ordered_dot(w.memptr(), xty_.memptr(), d);
        const double r_norm2 = y_norm2_ + ordered_dot(w.memptr(), h.memptr(), d) - 2.0 * q_dot_w;
        out.gap = duality_gap(xta, r_norm2, y_norm2_ - q_dot_w, w, s);
        if (out.gap < out.tol || out.gap <= 0.0) {  // 0: exactly optimal, even at tol 0
          out.converged = true;
          break;
        }
      }
    }
    return out;
  }

  const Matrix& X = *x_;
  Vector r = y_prepared_;
  for (Index j = 0; j < d; ++j)
    if (w(j) != 0.0) axpy(-w(j), X.colptr(j), r.memptr(), n);
  // A gap reads every entry of X once.
  const int gap_threads = threads_for(kStreamNanoseconds * n * d, d);
  Vector xta(d, arma::fill::zeros);
  // Gap-safe screening (Fercoq, Gramfort and Salmon, 2015): with the dual point theta = R *
  // scale / l1 and radius sqrt(2 gap) / l1, a feature with |x_j'theta| + radius ||x_j|| < 1
  // (on the problem augmented by sqrt(l2) I for the ridge part) is zero at the optimum and is
  // skipped from then on. Only features already at zero are screened, so the iterates stay
  // those of the unscreened sweep as long as it would keep them at zero.
  std::vector<char> screened(d, 0);
  const bool screening = s.screening && s.l1 > 0;
  Index n_screened = 0;
  int interval = kScreeningInterval, next_screening = kScreeningInterval;
  auto compute_gap = [&](bool all) {
#pragma omp parallel for schedule(static) num_threads(gap_threads)
    for (Index j = 0; j < d; ++j)
      xta(j) = all || !screened[j] ? ordered_dot(X.colptr(j), r.memptr(), n) - s.l2 * w(j) : 0.0;
    const double r_norm2 = ordered_dot(r.memptr(), r.memptr(), n);
    const double r_dot_y = ordered_dot(r.memptr(), y_prepared_.memptr(), n);
    return duality_gap(xta, r_norm2, r_dot_y, w, s);
  };
  auto screen = [&](double gap) {
    const double dual_norm = s.positive ? xta.max() : arma::abs(xta).max();
    const double scale = dual_norm > s.l1 ? s.l1 / dual_norm : 1.0;
    const double radius = std::sqrt(2.0 * std::max(gap, 0.0));
    for (Index j = 0; j < d; ++j) {
      if (screened[j] || w(j) != 0.0) continue;
      const double correlation = scale * (s.positive ? xta(j) : std::abs(xta(j)));
      if (correlation + radius * std::sqrt(col_norm2_(j) + s.l2) < s.l1) {
        screened[j] = 1;
        ++n_screened;
      }
    }
  };
  for (int epoch = 0; epoch < s.max_iter; ++epoch) {
    Sweep sweep;
    for (Index f = 0; f < d; ++f) {
      const Index j = pick(f);
      const double norm2 = col_norm2_(j);
      if (norm2 == 0.0 || screened[j]) continue;
      const double* col = X.colptr(j);
      const double old = w(j);
      const double correlation = ordered_dot(col, r.memptr(), n) + old * norm2;
      const double fresh = update(correlation, s.l1, norm2 + s.l2, s.positive);
      w(j) = fresh;
      if (fresh != old) axpy(old - fresh, col, r.memptr(), n);
      sweep.d_w_max = std::max(sweep.d_w_max, std::abs(fresh - old));
      sweep.w_max = std::max(sweep.w_max, std::abs(fresh));
    }
    out.n_iter = epoch + 1;
    if (progress != nullptr) progress->update(out.n_iter);
    if (gap_due(sweep, epoch, s)) {
      // The stopping test always takes the gap over every feature, as scikit-learn does.
      out.gap = compute_gap(true);
      if (out.gap < out.tol || out.gap <= 0.0) {  // 0: exactly optimal, even at tol 0
        out.converged = true;
        break;
      }
      if (screening) screen(out.gap);
    } else if (screening && n_screened < d && epoch + 1 >= next_screening) {
      // On the features left: the restricted problem has the same solution. A pass that
      // screens nothing doubles the wait for the next one, bounding the cost where the
      // rule cannot help (strongly correlated features, a large gap).
      const Index before = n_screened;
      screen(compute_gap(false));
      if (n_screened == before) interval *= 2;
      next_screening = epoch + 1 + interval;
    }
  }
  out.n_screened = n_screened;
  return out;
}

}  // namespace fitkit::detail
