#pragma once
// Coordinate descent for the elastic net, as scikit-learn 1.2's cd_fast.pyx: the same
// updates in the same order and the same duality-gap stopping rule, so that the iterates
// agree with scikit-learn's to rounding. Minimises, in scikit-learn's scaling (n times the
// objective of ElasticNet's docstring),
//
//   0.5 ||y - X w||^2 + l1 ||w||_1 + 0.5 l2 ||w||^2       (l1 = n alpha rho, l2 = n alpha (1 -
//   rho))
//
// on a prepared problem: X and y already centred (and scaled by sqrt(sample_weight)).
// Two forms of the same sweep:
// - dense: on the columns of X (each contiguous), keeping the residual R = y - X w;
// - Gram: on Q = X'X and q = X'y, keeping H = Q w (chosen when n_samples >> n_features: an
//   epoch costs d^2 instead of n d).
// The dense form screens features with the gap-safe rule (see solve), only features at zero.
// Every loop runs in a fixed order: the result does not depend on the thread count.

#include <cstdint>
#include <optional>

#include "fitkit/core/progress.hpp"
#include "fitkit/core/random.hpp"
#include "fitkit/core/types.hpp"

namespace fitkit::detail {

struct CdSettings {
  double l1 = 0;  // n_samples * alpha * l1_ratio
  double l2 = 0;  // n_samples * alpha * (1 - l1_ratio)
  int max_iter = 1000;
  double tol = 1e-4;  // scikit-learn's tol: the gap must fall below tol * ||y||^2
  bool positive = false;
  bool random = false;    // selection='random': coordinates drawn with replacement
  bool screening = true;  // gap-safe screening of features (dense form only)
};

struct CdOutcome {
  int n_iter = 0;  // epochs run
  double gap = 0;  // duality gap at the last check, in the scaling above
  double tol = 0;  // tol * ||y||^2
  bool converged = false;
  Index n_screened = 0;  // features screened out (dense form)
};

// The problem as coordinate descent sees it, built once per fit or per path.
class EnetProblem {
 public:
  // sample_weight (may be null) is rescaled to sum to n_samples, as scikit-learn does.
  // use_gram: precompute Q = Xc' W Xc.
  EnetProblem(const Matrix& X, const Vector& y, const Vector* sample_weight, bool fit_intercept,
              bool use_gram);

  Index n_samples() const { return n_samples_; }
  Index n_features() const { return n_features_; }
  bool uses_gram() const { return use_gram_; }
  const RowVector& x_mean() const { return x_mean_; }  // empty without an intercept
  double y_mean() const { return y_mean_; }
  // Xc' W yc: the correlations that give the largest useful alpha.
  const Vector& xty() const { return xty_; }

  // Runs coordinate descent from w (updated in place); progress (may be null) counts epochs.
  CdOutcome solve(Vector& w, const CdSettings& settings, Random& rng,
                  Progress* progress = nullptr) const;

 private:
  Index n_samples_ = 0, n_features_ = 0;
  bool use_gram_ = false;
  RowVector x_mean_;
  double y_mean_ = 0;
  Vector xty_;
  double y_norm2_ = 0;
  // dense form
  const Matrix* x_ = nullptr;  // the caller's X when it needs no preparation, else x_copy_
  Matrix x_copy_;
  Vector y_prepared_;
  Vector col_norm2_;
  // Gram form
  Matrix gram_;
};

// scikit-learn's rule for precompute='auto': n_samples > n_features (and a Gram matrix of
// a size worth forming).
bool gram_pays_off(Index n_samples, Index n_features);

}  // namespace fitkit::detail
