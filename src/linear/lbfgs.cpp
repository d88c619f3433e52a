#include "linear/lbfgs.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

#include "core/ordered_dot.hpp"

namespace fitkit::detail {
namespace {

struct Pair {
  Vector s, y;
  double rho;
};

// The two-loop recursion: returns -H * g, H the L-BFGS inverse Hessian approximation.
Vector lbfgs_direction(const std::deque<Pair>& memory, const Vector& g) {
  Vector q = g;
  std::vector<double> alpha(memory.size());
  for (std::size_t k = memory.size(); k-- > 0;) {
    alpha[k] = memory[k].rho * ordered_dot(memory[k].s, q);
    q -= alpha[k] * memory[k].y;
  }
  if (!memory.empty()) {
    const Pair& last = memory.back();
    q *= ordered_dot(last.s, last.y) / ordered_dot(last.y, last.y);
  }
  for (std::size_t k = 0; k < memory.size(); ++k) {
    const double beta = memory[k].rho * ordered_dot(memory[k].y, q);
    q += (alpha[k] - beta) * memory[k].s;
  }
  return -q;
}

// Minimiser of the cubic through (a, fa, ga) and (b, fb, gb), kept inside [lo, hi].
double cubic_step(double a, double fa, double ga, double b, double fb, double gb, double lo,
                  double hi) {
  const double d1 = ga + gb - 3 * (fa - fb) / (a - b);
  const double disc = d1 * d1 - ga * gb;
  double t = 0.5 * (a + b);
  if (disc >= 0) {
    const double d2 = std::copysign(std::sqrt(disc), b - a);
    const double denom = gb - ga + 2 * d2;
    if (denom != 0) t = b - (b - a) * (gb + d2 - d1) / denom;
  }
  if (!std::isfinite(t)) t = 0.5 * (a + b);
  const double margin = 0.1 * (hi - lo);
  return std::clamp(t, lo + margin, hi - margin);
}

struct Point {
  double step, f, slope;
};

// Line search along d from x (value f0, slope g0 = grad.d < 0) for a step satisfying the
// strong Wolfe conditions (Nocedal & Wright, algorithms 3.5 and 3.6). On return x_new,
// f_new and g_new hold the accepted point; false when no acceptable step was found.
bool wolfe_search(const SmoothObjective& f, const Vector& x, double f0, double slope0,
                  const Vector& d, double step, int max_evals, Vector& x_new, double& f_new,
                  Vector& g_new) {
  constexpr double c1 = 1e-4, c2 = 0.9;
  auto eval = [&](double t) {
    x_new = x + t * d;
    f_new = f(x_new, g_new);
    return Point{t, f_new, ordered_dot(g_new, d)};
  };
  Point prev{0, f0, slope0};
  Point lo{}, hi{};
  bool zoom = false;
  int evals = 0;
  while (evals < max_evals) {
    const Point cur = eval(step);
    ++evals;
    if (!std::isfinite(cur.f)) {  // overflow: shrink
      step = 0.5 * (prev.step + step);
      continue;
    }
    if (cur.f > f0 + c1 * cur.step * slope0 || (evals > 1 && cur.f >= prev.f)) {
      lo = prev, hi = cur, zoom = true;
      break;
    }
    if (std::abs(cur.slope) <= -c2 * slope0) return true;
    if (cur.slope >= 0) {
      lo = cur, hi = prev, zoom = true;
      break;
    }
    prev = cur;
    step *= 4;
  }
  if (!zoom) return false;
  while (evals < max_evals) {
    const double a = std::min(lo.step, hi.step), b = std::max(lo.step, hi.step);
    if (b - a <= 1e-16 * std::max(1.0, b)) break;
    const double t = cubic_step(lo.step, lo.f, lo.slope, hi.step, hi.f, hi.slope, a, b);
    const Point cur = eval(t);
    ++evals;
    if (!std::isfinite(cur.f) || cur.f > f0 + c1 * t * slope0 || cur.f >= lo.f) {
      hi = cur;
    } else {
      if (std::abs(cur.slope) <= -c2 * slope0) return true;
      if (cur.slope * (hi.step - lo.step) >= 0) hi = lo;
      lo = cur;
    }
  }
  // Out of evaluations: accept the best point with sufficient decrease, if any.
  if (lo.step > 0 && lo.f <= f0 + c1 * lo.step * slope0) {
    eval(lo.step);
    return true;
  }
  return false;
}

// OWL-QN's pseudo-gradient: the minimum-norm subgradient of f + sum l1 |x|.
Vector pseudo_gradient(const Vector& x, const Vector& g, const Vector& l1) {
  Vector pg = g;
  for (Index j = 0; j < x.n_elem; ++j) {
    const double lam = l1(j);
    if (lam == 0) continue;
    if (x(j) > 0)
      pg(j) = g(j) + lam;
    else if (x(j) < 0)
      pg(j) = g(j) - lam;
    else if (g(j) + lam < 0)
      pg(j) = g(j) + lam;
    else if (g(j) - lam > 0)
      pg(j) = g(j) - lam;
    else
      pg(j) = 0;
  }
  return pg;
}

double l1_norm(const Vector& x, const Vector& l1) {
  return ordered_dot(arma::abs(x), l1);
}

bool small_decrease(double f_old, double f_new, double ftol) {
  return (f_old - f_new) <= ftol * std::max({std::abs(f_old), std::abs(f_new), 1.0});
}

}  // namespace

LbfgsResult minimize_lbfgs(const SmoothObjective& f, Vector& x, const Vector& l1,
                           const LbfgsOptions& options) {
  const bool owl = !l1.is_empty() && arma::any(l1 > 0);
  LbfgsResult result;
  Vector g(x.n_elem), g_new(x.n_elem), x_new;
  double fx = f(x, g) + (owl ? l1_norm(x, l1) : 0.0);
  result.f = fx;
  std::deque<Pair> memory;
  Vector pg = owl ? pseudo_gradient(x, g, l1) : g;
  result.pg_max = arma::abs(pg).max();
  if (result.pg_max <= options.gtol) {
    result.converged = true;
    return result;
  }
  for (int iter = 0; iter < options.max_iter; ++iter) {
    Vector d = lbfgs_direction(memory, pg);
    // Where x is zero the objective has a kink: the step must enter the orthant of -pg, so a
    // component of the other sign is dropped (Andrew & Gao's projection). Where x is not zero
    // the objective is smooth within its orthant, which the line search keeps; dropping the
    // quasi-Newton components there too (as Andrew & Gao do everywhere) left ill-conditioned
    // problems (L1 at large C) ten times as many iterations, or stuck far from the optimum.
    if (owl)
      for (Index j = 0; j < d.n_elem; ++j)
        if (l1(j) > 0 && x(j) == 0 && d(j) * pg(j) >= 0) d(j) = 0;
    double slope = ordered_dot(pg, d);
    if (!(slope < 0)) {  // not a descent direction: restart from steepest descent
      memory.clear();
      d = -pg;
      slope = ordered_dot(pg, d);
    }
    const double step0 = memory.empty() ? std::min(1.0, 1.0 / arma::norm(pg)) : 1.0;
    double f_new = 0;
    bool ok = false;
    if (!owl) {
      ok = wolfe_search(f, x, fx, slope, d, step0, options.max_line_search, x_new, f_new, g_new);
    } else {
      // Backtracking within the orthant of x (or of -pg where x is zero).
      Vector orthant = arma::sign(x);
      for (Index j = 0; j < x.n_elem; ++j)
        if (orthant(j) == 0) orthant(j) = l1(j) > 0 ? -arma::sign(pg(j)) : 0;
      double step = step0;
      for (int k = 0; k < options.max_line_search; ++k, step *= 0.5) {
        x_new = x + step * d;
        for (Index j = 0; j < x.n_elem; ++j)
          if (l1(j) > 0 && x_new(j) * orthant(j) <= 0) x_new(j) = 0;
        f_new = f(x_new, g_new) + l1_norm(x_new, l1);
        if (std::isfinite(f_new) && f_new <= fx + 1e-4 * ordered_dot(pg, x_new - x)) {
          ok = true;
          break;
        }
      }
    }
    result.n_iter = iter + 1;
    if (!ok) {
      if (memory.empty()) {  // not even along -pg: at the limit of precision
        result.line_search_failed = true;
        break;
      }
      memory.clear();  // the quasi-Newton model misled the search: retry along -pg
      continue;
    }
    Pair pair{x_new - x, g_new - g, 0};
    const double sy = ordered_dot(pair.s, pair.y);
    const double f_old = fx;
    x = x_new;
    g = g_new;
    fx = f_new;
    result.f = fx;
    pg = owl ? pseudo_gradient(x, g, l1) : g;
    result.pg_max = arma::abs(pg).max();
    if (sy > 1e-10 * ordered_dot(pair.y, pair.y)) {
      pair.rho = 1.0 / sy;
      memory.push_back(std::move(pair));
      if (static_cast<int>(memory.size()) > options.history) memory.pop_front();
    }
    if (small_decrease(f_old, fx, options.ftol) || result.pg_max <= options.gtol) {
      result.converged = true;
      break;
    }
  }
  return result;
}

}  // namespace fitkit::detail
