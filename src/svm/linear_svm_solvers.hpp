#pragma once
// The solvers behind LinearSVC and LinearSVR (liblinear's problems, written afresh). Every
// solver reads the samples as the columns of Xt (n_features [+ 1 for the intercept's synthetic
// feature] x n_samples: one transpose of X, so that a sample is contiguous) and returns the
// weights of those rows.

#include "fitkit/core/random.hpp"
#include "fitkit/core/types.hpp"

namespace fitkit::detail {

// X transposed, with a last row equal to `intercept_scaling` when fitting an intercept.
Matrix linear_svm_samples(const Matrix& X, bool fit_intercept, double intercept_scaling);

struct LinearSvmSolution {
  Vector w;
  Index n_iter = 0;
  bool converged = true;
  double measure = 0;  // the stopping measure where the solver stopped (for the warning)
};

// Dual coordinate descent (Hsieh et al. 2008) for 0.5 ||w||² + sum_i C_i loss(y_i w'x_i),
// y_i = ±1, loss hinge (squared false) or squared hinge; random permutation and shrinking;
// stops when the spread of the projected gradient over a full pass is <= tol.
LinearSvmSolution dual_cd_classification(const Matrix& Xt, const Vector& y, const Vector& C,
                                         bool squared, double tol, Index max_iter, Random& rng);

// Dual coordinate descent for 0.5 ||w||² + sum_i C_i loss(|y_i - w'x_i| - epsilon), loss the
// epsilon-insensitive one or its square; stops when the 1-norm of the violations over a pass
// falls to tol times that of the first pass.
LinearSvmSolution dual_cd_regression(const Matrix& Xt, const Vector& y, const Vector& C,
                                     double epsilon, bool squared, double tol, Index max_iter,
                                     Random& rng);

// Primal Newton method (generalised Hessian, exact solve for small widths, conjugate gradients
// otherwise; Armijo backtracking) for 0.5 ||w||² + sum_i C_i r_i(w)², where r_i is the
// squared hinge's residual (classification: y_i = ±1, epsilon unused) or the
// epsilon-insensitive one (regression). Stops when ||gradient|| <= tol_factor * ||gradient(0)||.
LinearSvmSolution primal_newton(const Matrix& Xt, const Vector& y, const Vector& C,
                                bool classification, double epsilon, double tol_factor,
                                Index max_iter);

// Coordinate descent with line search for ||w||₁ + sum_i C_i max(0, 1 - y_i w'x_i)² (Yuan
// et al. 2010, liblinear's solve_l1r_l2_svc). Reads X by features: Xf is n_samples x width.
LinearSvmSolution l1_primal_cd(const Matrix& Xf, const Vector& y, const Vector& C, double tol,
                               Index max_iter, Random& rng);

struct LinearSvmMulticlassSolution {
  Matrix W;  // width x n_classes
  Index n_iter = 0;
  bool converged = true;
  double measure = 0;
};

// Crammer & Singer's joint multiclass problem, 0.5 sum_m ||w_m||² + sum_i C_i max_m (1[m !=
// y_i] + w_m'x_i - w_{y_i}'x_i), by liblinear's dual method: one sample's variables at a time
// (its sub-problem solved exactly), samples in a random order; stops when the largest KKT
// violation over a pass is <= tol. `label` holds class indices 0..n_classes-1.
LinearSvmMulticlassSolution crammer_singer(const Matrix& Xt, const arma::uvec& label,
                                           Index n_classes, const Vector& C, double tol,
                                           Index max_iter, Random& rng);

}  // namespace fitkit::detail
