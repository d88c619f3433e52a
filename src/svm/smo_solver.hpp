#pragma once
// The SMO solver of the kernel SVMs (Fan, Chen & Lin, JMLR 2005, as libsvm's Solver):
//
//   min_a  0.5 a'Qa + p'a   subject to  y'a = 0,  0 <= a_i <= C_i,  y_i = +1 or -1,
//
// two variables per step chosen by second-order working-set selection (WSS3), with
// shrinking (variables stuck at a bound leave the active set, and the gradient of the others
// is rebuilt before the final optimality check) and Q's columns from a QMatrix that caches
// them. Stops when the maximal violation m(a) - M(a) is below eps (libsvm's tol).
//
// The nu variant (libsvm's Solver_NU, for NuSVC and NuSVR) has a second equality constraint,
// e'a = constant, so each step moves two variables of one class; its working set, shrinking
// and rho are taken per class, and it also reports r (the margin, or minus NuSVR's epsilon).

#include <cstddef>
#include <cstdint>

#include "fitkit/core/types.hpp"

namespace fitkit {
class Progress;
}

namespace fitkit::detail {

// Q's columns, in the solver's current order of the variables.
class QMatrix {
 public:
  virtual ~QMatrix() = default;
  // Q(k, i) for k in [0, len); valid until the next call for another column.
  virtual const double* column(Index i, Index len) = 0;
  virtual double diagonal(Index i) const = 0;
  virtual void swap(Index i, Index j) = 0;
};

struct SmoOptions {
  double eps = 1e-3;
  bool shrinking = true;
  std::int64_t max_iter = -1;  // -1: no limit
  bool nu_variant = false;
  // Where to show the iterations and the current gap of a long run (null: nowhere), as step
  // `progress_done` of the caller's bar.
  Progress* progress = nullptr;
  std::size_t progress_done = 0;
};

struct SmoResult {
  Vector alpha;     // in the problem's original order
  Vector gradient;  // Qa + p, original order
  double rho = 0;   // decision value is sum_i y_i a_i K(x_i, x) - rho
  double r = 0;     // the nu variant's (r1 + r2) / 2; 0 otherwise
  double objective = 0;
  std::int64_t n_iter = 0;
  bool reached_max_iter = false;
};

// y (+1/-1), p and C (upper bounds, >= 0) in the problem's order; `alpha` the feasible start.
SmoResult solve_smo(QMatrix& Q, const Vector& p, const arma::ivec& y, const Vector& C, Vector alpha,
                    const SmoOptions& options);

}  // namespace fitkit::detail
