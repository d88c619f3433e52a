#pragma once
// A limited-memory BFGS minimiser for smooth objectives, with a line search that satisfies
// the strong Wolfe conditions, and its orthant-wise variant (OWL-QN, Andrew & Gao 2007) for
// an objective plus a weighted L1 term. Private to the linear models.

#include <functional>

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

// Returns f(x) and writes its gradient into `grad` (already sized like x).
using SmoothObjective = std::function<double(const Vector& x, Vector& grad)>;

struct LbfgsOptions {
  int max_iter = 100;
  double gtol = 1e-5;                   // stop when max |(pseudo-)gradient| <= gtol
  double ftol = 2.220446049250313e-09;  // scipy's factr 1e7 * eps: relative decrease
  int history = 10;                     // scipy's maxcor
  int max_line_search = 40;
};

struct LbfgsResult {
  int n_iter = 0;
  bool converged = false;  // false: max_iter reached, or line_search_failed
  // No step along -(pseudo-)gradient decreased the objective enough (after a search along the
  // quasi-Newton direction failed too): stopped short of gtol at the limit of precision.
  bool line_search_failed = false;
  double f = 0;
  double pg_max = 0;  // max |(pseudo-)gradient| at the returned x
};

// Minimises f(x) + sum_j l1(j) * |x(j)| from the starting point in x (l1 empty: no L1
// term, plain L-BFGS with a strong Wolfe line search; otherwise OWL-QN).
LbfgsResult minimize_lbfgs(const SmoothObjective& f, Vector& x, const Vector& l1,
                           const LbfgsOptions& options);

}  // namespace fitkit::detail
