// Confusion matrix, balanced accuracy, precision, recall and F-beta with scikit-learn's
// averages: every one from the weighted confusion matrix over unique_labels.

#include <algorithm>
#include <string>
#include <utility>

#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/metrics/classification.hpp"

namespace fitkit {
namespace {

Vector checked_weights(const Labels& y_true, const Labels& y_pred, const Vector& sample_weight,
                       const char* metric) {
  if (y_true.is_empty()) throw DataError(std::string(metric) + ": y_true is empty");
  if (y_pred.n_elem != y_true.n_elem)
    throw DimensionMismatch(std::string(metric) + ": " + std::to_string(y_pred.n_elem) +
                            " predictions for " + std::to_string(y_true.n_elem) + " labels");
  return weights_or_ones(sample_weight, y_true.n_elem);
}

Index position(const Labels& labels, std::int64_t label) {
  return static_cast<Index>(std::lower_bound(labels.begin(), labels.end(), label) - labels.begin());
}

// a / b, 0 where b is 0 (scikit-learn's zero_division default).
Vector divide(const Vector& a, const Vector& b) {
  Vector out(a.n_elem);
  for (Index k = 0; k < a.n_elem; ++k) out(k) = b(k) == 0 ? 0.0 : a(k) / b(k);
  return out;
}

Vector fbeta_of(const Vector& precision, const Vector& recall, double beta) {
  const double b2 = beta * beta;
  Vector denominator = b2 * precision + recall;
  denominator.replace(0.0, 1.0);
  return (1 + b2) * precision % recall / denominator;
}

// The weighted confusion matrix over `labels` (sorted), weights already checked.
Matrix counts_matrix(const Labels& labels, const Labels& y_true, const Labels& y_pred,
                     const Vector& w) {
  Matrix C(labels.n_elem, labels.n_elem, arma::fill::zeros);
  for (Index i = 0; i < y_true.n_elem; ++i)
    C(position(labels, y_true(i)), position(labels, y_pred(i))) += w(i);
  return C;
}

// Per class: true positives, predicted and true weights, and the scores they give.
struct ClassScores {
  Vector tp, predicted, actual;
  Vector precision, recall, fscore;
};

ClassScores class_scores(const Matrix& C, double beta) {
  ClassScores s{C.diag(), arma::sum(C, 0).t(), arma::sum(C, 1), {}, {}, {}};
  s.precision = divide(s.tp, s.predicted);
  s.recall = divide(s.tp, s.actual);
  s.fscore = fbeta_of(s.precision, s.recall, beta);
  return s;
}

// Precision, recall and F-beta under an average; `which` picks one of the three.
double averaged(const Labels& y_true, const Labels& y_pred, double beta, Average average,
                const Vector& sample_weight, std::int64_t pos_label, int which,
                const char* metric) {
  const Vector w = checked_weights(y_true, y_pred, sample_weight, metric);
  const Labels labels = unique_labels(y_true, y_pred);
  const ClassScores s = class_scores(counts_matrix(labels, y_true, y_pred, w), beta);
  if (average == Average::micro) {
    const Vector p = divide(Vector{arma::accu(s.tp)}, Vector{arma::accu(s.predicted)});
    const Vector r = divide(Vector{arma::accu(s.tp)}, Vector{arma::accu(s.actual)});
    const Vector values[] = {p, r, fbeta_of(p, r, beta)};
    return values[which](0);
  }
  const Vector* values[] = {&s.precision, &s.recall, &s.fscore};
  const Vector& per_class = *values[which];
  if (average == Average::binary) {
    if (labels.n_elem > 2)
      throw InvalidParameter("average", "Target is multiclass but average='binary'");
    const Index at = position(labels, pos_label);
    if (at == labels.n_elem || labels(at) != pos_label)
      throw InvalidParameter("pos_label",
                             "pos_label=" + std::to_string(pos_label) + " is not a valid label");
    return per_class(at);
  }
  if (average == Average::macro) return arma::mean(per_class);
  const double total = arma::accu(s.actual);
  return total == 0 ? 0.0 : arma::dot(per_class, s.actual) / total;
}

}  // namespace

Labels unique_labels(const Labels& y_true, const Labels& y_pred) {
  return arma::unique(arma::join_cols(y_true, y_pred));
}

Matrix confusion_matrix(const Labels& y_true, const Labels& y_pred, const Vector& sample_weight,
                        ConfusionNormalize normalize) {
  const Vector w = checked_weights(y_true, y_pred, sample_weight, "confusion_matrix");
  Matrix C = counts_matrix(unique_labels(y_true, y_pred), y_true, y_pred, w);
  switch (normalize) {
    case ConfusionNormalize::none:
      break;
    case ConfusionNormalize::true_rows:
      C.each_col() /= arma::sum(C, 1);
      break;
    case ConfusionNormalize::pred_columns:
      C.each_row() /= arma::sum(C, 0);
      break;
    case ConfusionNormalize::all:
      C /= arma::accu(C);
      break;
  }
  C.replace(arma::datum::nan, 0.0);
  return C;
}

double balanced_accuracy_score(const Labels& y_true, const Labels& y_pred,
                               const Vector& sample_weight) {
  const Matrix C = confusion_matrix(y_true, y_pred, sample_weight);
  const Vector actual = arma::sum(C, 1);
  double sum = 0;
  Index classes = 0;
  for (Index k = 0; k < C.n_rows; ++k)
    if (actual(k) > 0) {
      sum += C(k, k) / actual(k);
      ++classes;
    }
  return sum / static_cast<double>(classes);
}

double precision_score(const Labels& y_true, const Labels& y_pred, Average average,
                       const Vector& sample_weight, std::int64_t pos_label) {
  return averaged(y_true, y_pred, 1.0, average, sample_weight, pos_label, 0, "precision_score");
}

double recall_score(const Labels& y_true, const Labels& y_pred, Average average,
                    const Vector& sample_weight, std::int64_t pos_label) {
  return averaged(y_true, y_pred, 1.0, average, sample_weight, pos_label, 1, "recall_score");
}

double fbeta_score(const Labels& y_true, const Labels& y_pred, double beta, Average average,
                   const Vector& sample_weight, std::int64_t pos_label) {
  if (!(beta >= 0)) throw InvalidParameter("beta", "beta must be >= 0");
  return averaged(y_true, y_pred, beta, average, sample_weight, pos_label, 2, "fbeta_score");
}

double f1_score(const Labels& y_true, const Labels& y_pred, Average average,
                const Vector& sample_weight, std::int64_t pos_label) {
  return fbeta_score(y_true, y_pred, 1.0, average, sample_weight, pos_label);
}

PrecisionRecallFscore precision_recall_fscore(const Labels& y_true, const Labels& y_pred,
                                              double beta, const Vector& sample_weight) {
  const Vector w = checked_weights(y_true, y_pred, sample_weight, "precision_recall_fscore");
  ClassScores s =
      class_scores(counts_matrix(unique_labels(y_true, y_pred), y_true, y_pred, w), beta);
  return {std::move(s.precision), std::move(s.recall), std::move(s.fscore), std::move(s.actual)};
}

}  // namespace fitkit
