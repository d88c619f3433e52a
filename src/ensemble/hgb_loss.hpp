#pragma once
// The losses of HistGradientBoosting (scikit-learn 1.2's _loss module, as its HGB uses them):
// the raw prediction's baseline (the best constant), per-sample gradients and hessians (float32,
// multiplied by the sample weights), the weighted mean loss early stopping compares, and, for
// absolute_error and quantile, the leaf values recomputed after a tree is grown (a weighted
// quantile of the leaf's residuals).
//
//   squared_error  half squared error, identity link; hessian 1
//   absolute_error |y - raw|; gradient sign(raw - y), hessian 1; leaves: median of residuals
//   quantile       pinball loss at `quantile`; leaves: that quantile of the residuals
//   poisson        exp(raw) - y raw (log link); predict exp(raw)
//   binomial       log(1 + exp(raw)) - y raw (logit link)
//   multinomial    logsumexp(raw) - raw_y, one raw column per class (symmetric logits)

#include <cstdint>
#include <vector>

#include "ensemble/hgb_gradient_pair.hpp"
#include "fitkit/core/types.hpp"

namespace fitkit::detail::hgb {

enum class LossKind { squared_error, absolute_error, quantile, poisson, binomial, multinomial };

struct Loss {
  LossKind kind = LossKind::squared_error;
  double quantile = 0.5;
  Index n_classes = 1;  // raw columns: n_classes for multinomial, else 1

  Index n_trees_per_iteration() const { return kind == LossKind::multinomial ? n_classes : 1; }
  // Hessians are all 1 (then not stored): the losses of constant hessian, without weights.
  bool constant_hessian(bool weighted) const;
  bool updates_leaf_values() const {
    return kind == LossKind::absolute_error || kind == LossKind::quantile;
  }

  // The raw prediction of the best constant: one value per raw column. y: targets, or class
  // indices for the classification losses.
  Vector baseline(const Vector& y, const Vector* sample_weight) const;
  // Gradients and hessians (n x n_trees_per_iteration, column by column) at raw (n x columns);
  // the hessians 0 when constant_hessian.
  void gradients(const Vector& y, const Matrix& raw, const Vector* sample_weight,
                 std::vector<GradientPair>& pairs) const;
  // The weighted mean loss.
  double mean_loss(const Vector& y, const Matrix& raw, const Vector* sample_weight) const;
  // The best constant of the residuals `residuals` with `weights` (null: 1), for
  // updates_leaf_values losses.
  double leaf_value(std::vector<double>& residuals, const std::vector<double>* weights) const;
};

// numpy's percentile (linear) of unsorted values, q in [0, 1] (they get sorted).
double percentile_linear(std::vector<double>& values, double q);
// scikit-learn's _weighted_percentile: the smallest value whose cumulated weight reaches
// q times the total.
double weighted_percentile(const std::vector<double>& values, const std::vector<double>& weights,
                           double q);

}  // namespace fitkit::detail::hgb
