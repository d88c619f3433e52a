// ROC AUC, average precision, their curves and the Brier score, as scikit-learn's: the curves
// are built at the distinct scores (rows in decreasing score, weights summed in that order),
// so tied scores make one step.

#include <algorithm>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/metrics/classification.hpp"

namespace fitkit {
namespace {

// scikit-learn's _binary_clf_curve: the weighted true and false positives above each distinct
// threshold, in decreasing order of threshold. Rows of zero weight are left out, as there.
struct ClfCurve {
  std::vector<double> tps, fps, thresholds;
};

ClfCurve binary_clf_curve(const std::vector<bool>& positive, const Vector& score, const Vector& w) {
  std::vector<Index> order(score.n_elem);
  std::iota(order.begin(), order.end(), Index{0});
  std::erase_if(order, [&](Index i) { return w(i) == 0; });
  if (order.empty()) throw DataError("every sample weight is zero");
  std::stable_sort(order.begin(), order.end(),
                   [&](Index a, Index b) { return score(a) > score(b); });
  ClfCurve curve;
  double tp = 0, fp = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const Index i = order[k];
    (positive[i] ? tp : fp) += w(i);
    if (k + 1 == order.size() || score(order[k + 1]) != score(i)) {
      curve.tps.push_back(tp);
      curve.fps.push_back(fp);
      curve.thresholds.push_back(score(i));
    }
  }
  return curve;
}

void check_scores(const Labels& y_true, const Vector& score, const char* metric) {
  if (y_true.is_empty()) throw DataError(std::string(metric) + ": y_true is empty");
  if (score.n_elem != y_true.n_elem)
    throw DimensionMismatch(std::string(metric) + ": " + std::to_string(score.n_elem) +
                            " scores for " + std::to_string(y_true.n_elem) + " labels");
  check_finite(score, "y_score");
}

double binary_auc(const std::vector<bool>& positive, const Vector& score, const Vector& w) {
  const ClfCurve c = binary_clf_curve(positive, score, w);
  const double tp_total = c.tps.back(), fp_total = c.fps.back();
  if (tp_total == 0 || fp_total == 0)
    throw DataError("Only one class present in y_true. ROC AUC score is not defined in that case.");
  // The trapezoids from (0, 0) through every threshold's (fpr, tpr).
  double area = 0, fpr = 0, tpr = 0;
  for (std::size_t k = 0; k < c.tps.size(); ++k) {
    const double next_fpr = c.fps[k] / fp_total, next_tpr = c.tps[k] / tp_total;
    area += (next_fpr - fpr) * (next_tpr + tpr) / 2;
    fpr = next_fpr;
    tpr = next_tpr;
  }
  return area;
}

std::vector<bool> is_label(const Labels& y_true, std::int64_t label) {
  std::vector<bool> out(y_true.n_elem);
  for (Index i = 0; i < y_true.n_elem; ++i) out[i] = y_true(i) == label;
  return out;
}

}  // namespace

double roc_auc_score(const Labels& y_true, const Vector& y_score, const Vector& sample_weight,
                     std::int64_t pos_label) {
  check_scores(y_true, y_score, "roc_auc_score");
  const Labels labels = arma::unique(y_true);
  if (labels.n_elem > 2)
    throw DataError("roc_auc_score: y_true has " + std::to_string(labels.n_elem) +
                    " classes; use roc_auc_ovr_score with class probabilities");
  return binary_auc(is_label(y_true, pos_label), y_score,
                    weights_or_ones(sample_weight, y_true.n_elem));
}

double average_precision_score(const Labels& y_true, const Vector& y_score,
                               const Vector& sample_weight, std::int64_t pos_label) {
  check_scores(y_true, y_score, "average_precision_score");
  const Vector w = weights_or_ones(sample_weight, y_true.n_elem);
  const ClfCurve c = binary_clf_curve(is_label(y_true, pos_label), y_score, w);
  const double tp_total = c.tps.back();
  if (tp_total == 0) return 0.0;  // scikit-learn: recall undefined, AP 0 (with a warning)
  // The sum over thresholds of (recall gained) x precision.
  double ap = 0, recall = 0;
  for (std::size_t k = 0; k < c.tps.size(); ++k) {
    const double predicted = c.tps[k] + c.fps[k];
    const double precision = predicted > 0 ? c.tps[k] / predicted : 0.0;
    const double next_recall = c.tps[k] / tp_total;
    ap += (next_recall - recall) * precision;
    recall = next_recall;
  }
  return ap;
}

RocCurve roc_curve(const Labels& y_true, const Vector& y_score, const Vector& sample_weight,
                   std::int64_t pos_label, bool drop_intermediate) {
  check_scores(y_true, y_score, "roc_curve");
  const ClfCurve c = binary_clf_curve(is_label(y_true, pos_label), y_score,
                                      weights_or_ones(sample_weight, y_true.n_elem));
  const std::size_t n = c.tps.size();
  // The points kept: the ends, and each whose second differences are not both zero.
  std::vector<std::size_t> kept;
  for (std::size_t k = 0; k < n; ++k) {
    const bool inner = drop_intermediate && n > 2 && k > 0 && k + 1 < n;
    if (inner && (c.fps[k + 1] - c.fps[k]) - (c.fps[k] - c.fps[k - 1]) == 0 &&
        (c.tps[k + 1] - c.tps[k]) - (c.tps[k] - c.tps[k - 1]) == 0)
      continue;
    kept.push_back(k);
  }
  const double fp_total = c.fps.back(), tp_total = c.tps.back();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  RocCurve curve{Vector(kept.size() + 1), Vector(kept.size() + 1), Vector(kept.size() + 1)};
  curve.fpr(0) = fp_total > 0 ? 0.0 : nan;
  curve.tpr(0) = tp_total > 0 ? 0.0 : nan;
  curve.thresholds(0) = c.thresholds.front() + 1;
  for (std::size_t m = 0; m < kept.size(); ++m) {
    const std::size_t k = kept[m];
    curve.fpr(m + 1) = fp_total > 0 ? c.fps[k] / fp_total : nan;
    curve.tpr(m + 1) = tp_total > 0 ? c.tps[k] / tp_total : nan;
    curve.thresholds(m + 1) = c.thresholds[k];
  }
  return curve;
}

PrecisionRecallCurve precision_recall_curve(const Labels& y_true, const Vector& y_score,
                                            const Vector& sample_weight, std::int64_t pos_label) {
  check_scores(y_true, y_score, "precision_recall_curve");
  const ClfCurve c = binary_clf_curve(is_label(y_true, pos_label), y_score,
                                      weights_or_ones(sample_weight, y_true.n_elem));
  const std::size_t n = c.tps.size();
  const double tp_total = c.tps.back();
  PrecisionRecallCurve curve{Vector(n + 1), Vector(n + 1), Vector(n)};
  // Reversed: increasing thresholds, then the closing point.
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t from = n - 1 - k;
    const double predicted = c.tps[from] + c.fps[from];
    curve.precision(k) = predicted != 0 ? c.tps[from] / predicted : 0.0;
    curve.recall(k) = tp_total != 0 ? c.tps[from] / tp_total : 1.0;
    curve.thresholds(k) = c.thresholds[from];
  }
  curve.precision(n) = 1.0;
  curve.recall(n) = 0.0;
  return curve;
}

double roc_auc_ovr_score(const Labels& y_true, const Matrix& proba, const Labels& classes,
                         Average average, const Vector& sample_weight) {
  if (proba.n_rows != y_true.n_elem || proba.n_cols != classes.n_elem)
    throw DimensionMismatch("roc_auc_ovr_score: proba is " + std::to_string(proba.n_rows) + " x " +
                            std::to_string(proba.n_cols) + " for " + std::to_string(y_true.n_elem) +
                            " labels and " + std::to_string(classes.n_elem) + " classes");
  if (average != Average::macro && average != Average::weighted)
    throw InvalidParameter("average", "roc_auc_ovr_score averages macro or weighted");
  const Vector w = weights_or_ones(sample_weight, y_true.n_elem);
  double sum = 0, weight_sum = 0;
  for (Index k = 0; k < classes.n_elem; ++k) {
    const std::vector<bool> positive = is_label(y_true, classes(k));
    const double auc = binary_auc(positive, proba.col(k), w);
    double class_weight = 1.0;
    if (average == Average::weighted) {
      class_weight = 0;
      for (Index i = 0; i < y_true.n_elem; ++i)
        if (positive[i]) class_weight += w(i);
    }
    sum += class_weight * auc;
    weight_sum += class_weight;
  }
  return sum / weight_sum;
}

double brier_score_loss(const Labels& y_true, const Vector& proba_positive,
                        const Vector& sample_weight, std::int64_t pos_label) {
  check_scores(y_true, proba_positive, "brier_score_loss");
  if (arma::any(proba_positive < 0) || arma::any(proba_positive > 1))
    throw DataError("brier_score_loss: y_prob contains values outside [0, 1]");
  const Vector w = weights_or_ones(sample_weight, y_true.n_elem);
  double total = 0;
  for (Index i = 0; i < y_true.n_elem; ++i) {
    const double outcome = y_true(i) == pos_label ? 1.0 : 0.0;
    total += w(i) * (outcome - proba_positive(i)) * (outcome - proba_positive(i));
  }
  return total / arma::accu(w);
}

}  // namespace fitkit
