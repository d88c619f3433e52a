#pragma once
// The weighted logistic loss and its gradient, in one pass over X (row blocks that stay in
// cache: Z = X_b * W, the per-sample loss and derivative, then grad += X_bᵀ * G with BLAS),
// blocks in parallel. Private to LogisticRegression.

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

struct LogisticProblem {
  const Matrix* X = nullptr;
  const Vector* weight = nullptr;      // per sample (sample_weight times class weight)
  const arma::uvec* target = nullptr;  // binary: 0 / 1; multinomial: the class index
  Index n_outputs = 1;  // 1: binary (sigmoid); K: multinomial (softmax over K columns)
  bool fit_intercept = true;
  double l2 = 0;  // adds 0.5 * l2 * ||W||² (not the intercepts)
};

// theta = [vec(W) (n_features x n_outputs, column-major), intercepts (n_outputs, if fitted)].
Index logistic_n_params(const LogisticProblem& p);

// Returns sum_i weight_i * loss_i + 0.5 * l2 * ||W||² and writes its gradient. The result
// does not depend on the thread count (fixed blocks, summed in order).
double logistic_loss_gradient(const LogisticProblem& p, const Vector& theta, Vector& grad);

// X * W + intercepts, n_samples x n_outputs.
Matrix linear_scores(const Matrix& X, const Matrix& coef, const Vector& intercept);

// The class index each row of linear_scores predicts: one column, 1 where positive (else 0);
// more, the column of the largest score (one-vs-rest).
arma::uvec linear_decision_classes(const Matrix& scores);

}  // namespace fitkit::detail
