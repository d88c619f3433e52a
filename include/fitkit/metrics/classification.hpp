#pragma once
// Classification metrics, as scikit-learn's sklearn.metrics. Empty weights mean all ones.
// accuracy_score comes from fitkit/core/default_scores.hpp.

#include <cstdint>
#include <string>
#include <vector>

#include "fitkit/core/default_scores.hpp"
#include "fitkit/core/types.hpp"

namespace fitkit {

// Mean negative log-likelihood of the true labels under `proba` (one column per entry of
// `classes`, rows summing to 1); probabilities are clipped to [eps, 1 - eps] as scikit-learn.
double log_loss(const Labels& y_true, const Matrix& proba, const Labels& classes,
                const Vector& sample_weight = {});

// The labels of both, sorted: the rows and columns of confusion_matrix, the classes of the
// per-class scores (scikit-learn's unique_labels).
Labels unique_labels(const Labels& y_true, const Labels& y_pred);

enum class ConfusionNormalize { none, true_rows, pred_columns, all };
// C(i, j): the weight of the samples of label i predicted as label j (labels: unique_labels),
// normalised over the true labels (rows), the predictions (columns) or everything; an empty
// row or column gives zeros.
Matrix confusion_matrix(const Labels& y_true, const Labels& y_pred,
                        const Vector& sample_weight = {},
                        ConfusionNormalize normalize = ConfusionNormalize::none);

// The mean recall over the classes present in y_true.
double balanced_accuracy_score(const Labels& y_true, const Labels& y_pred,
                               const Vector& sample_weight = {});

// scikit-learn's average: binary (the class pos_label only), micro (from the summed counts),
// macro (the classes' mean), weighted (weighted by each class's true weight); none gives one
// value per class (precision_recall_fscore).
enum class Average { binary, micro, macro, weighted };
// A class without predicted (precision) or true (recall) samples scores 0, as scikit-learn's
// zero_division default (which also warns).
double precision_score(const Labels& y_true, const Labels& y_pred, Average average,
                       const Vector& sample_weight = {}, std::int64_t pos_label = 1);
double recall_score(const Labels& y_true, const Labels& y_pred, Average average,
                    const Vector& sample_weight = {}, std::int64_t pos_label = 1);
double fbeta_score(const Labels& y_true, const Labels& y_pred, double beta, Average average,
                   const Vector& sample_weight = {}, std::int64_t pos_label = 1);
double f1_score(const Labels& y_true, const Labels& y_pred, Average average,
                const Vector& sample_weight = {}, std::int64_t pos_label = 1);
// Per class (labels: unique_labels): precision, recall, F-beta, and the true weight (support).
struct PrecisionRecallFscore {
  Vector precision, recall, fscore, support;
};
PrecisionRecallFscore precision_recall_fscore(const Labels& y_true, const Labels& y_pred,
                                              double beta = 1.0, const Vector& sample_weight = {});

// Binary ranking scores of y_score for the positive class (label pos_label of y_true): the
// area under the ROC curve (ties in y_score as one step) and the average precision.
double roc_auc_score(const Labels& y_true, const Vector& y_score, const Vector& sample_weight = {},
                     std::int64_t pos_label = 1);
double average_precision_score(const Labels& y_true, const Vector& y_score,
                               const Vector& sample_weight = {}, std::int64_t pos_label = 1);
// scikit-learn's roc_curve (1.2): the false and true positive rates at each distinct score
// taken as a threshold (rows of zero weight left out), in decreasing order of threshold, from
// (0, 0) at a first threshold of the highest score + 1. drop_intermediate leaves out the
// points on a straight segment between their neighbours. A rate whose class is absent from
// y_true is NaN.
struct RocCurve {
  Vector fpr, tpr, thresholds;
};
RocCurve roc_curve(const Labels& y_true, const Vector& y_score, const Vector& sample_weight = {},
                   std::int64_t pos_label = 1, bool drop_intermediate = true);
// scikit-learn's precision_recall_curve (1.2): precision and recall at each distinct score in
// increasing order of threshold, ending at (precision 1, recall 0), which has no threshold
// (thresholds has one entry fewer). Precision with nothing predicted positive is 0; recall
// without a positive in y_true is 1.
struct PrecisionRecallCurve {
  Vector precision, recall, thresholds;
};
PrecisionRecallCurve precision_recall_curve(const Labels& y_true, const Vector& y_score,
                                            const Vector& sample_weight = {},
                                            std::int64_t pos_label = 1);
// One-vs-rest ROC AUC of class probabilities (one column per entry of `classes`), averaged
// macro or weighted (by each class's true weight).
double roc_auc_ovr_score(const Labels& y_true, const Matrix& proba, const Labels& classes,
                         Average average, const Vector& sample_weight = {});
// The mean squared difference between the probability of the positive class and the outcome.
double brier_score_loss(const Labels& y_true, const Vector& proba_positive,
                        const Vector& sample_weight = {}, std::int64_t pos_label = 1);

// scikit-learn's classification_report, character for character: per class (named by
// target_names, one per entry of unique_labels, else by label) precision, recall, F1 and
// support, then accuracy and the macro and weighted averages, with `digits` decimals.
std::string classification_report(const Labels& y_true, const Labels& y_pred,
                                  const std::vector<std::string>& target_names = {},
                                  const Vector& sample_weight = {}, int digits = 2);

}  // namespace fitkit
