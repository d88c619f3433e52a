#include "fitkit/metrics/scorer.hpp"

#include <algorithm>

#include "fitkit/core/classifier.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/metrics/classification.hpp"
#include "fitkit/metrics/clustering.hpp"
#include "fitkit/metrics/regression.hpp"

namespace fitkit {
namespace {

Labels true_labels(const Vector& y) {
  return labels_from_values(y, "the scorer");
}

Labels predicted_labels(const Estimator& estimator, const Matrix& X) {
  return labels_from_values(estimator.predict(X), "the scorer");
}

// The positive class of a binary problem as scikit-learn's scorers take it: the greater of
// the estimator's two classes.
std::int64_t positive_class(const Estimator& estimator, const char* scorer) {
  const Labels classes = estimator.class_labels();
  if (classes.n_elem != 2)
    throw DataError(std::string(scorer) + " scores binary classifiers; this one has " +
                    std::to_string(classes.n_elem) + " classes");
  return classes(1);
}

// decision_function where the estimator has one, else the positive class's probability.
Vector threshold_scores(const Estimator& estimator, const Matrix& X, const char* scorer) {
  positive_class(estimator, scorer);
  if (estimator.tags().decision_function) return estimator.decision_function(X).col(0);
  return estimator.predict_proba(X).col(1);
}

template <Average kAverage, int kMetric>
double label_score(const Estimator& estimator, const Matrix& X, const Vector& y, const Vector& w) {
  const Labels truth = true_labels(y), pred = predicted_labels(estimator, X);
  if constexpr (kMetric == 0) return f1_score(truth, pred, kAverage, w);
  if constexpr (kMetric == 1) return precision_score(truth, pred, kAverage, w);
  return recall_score(truth, pred, kAverage, w);
}

template <double (*kMetric)(const Labels&, const Labels&)>
double clustering_score(const Estimator& estimator, const Matrix& X, const Vector& y,
                        const Vector& w) {
  if (!w.is_empty())
    throw InvalidParameter("sample_weight", "clustering scores take no sample weights");
  return kMetric(true_labels(y), predicted_labels(estimator, X));
}

template <double (*kMetric)(const Vector&, const Vector&, const Vector&), int kSign>
double value_score(const Estimator& estimator, const Matrix& X, const Vector& y, const Vector& w) {
  return kSign * kMetric(y, estimator.predict(X), w);
}

double adjusted_mutual_info(const Labels& a, const Labels& b) {
  return adjusted_mutual_info_score(a, b);
}
double normalized_mutual_info(const Labels& a, const Labels& b) {
  return normalized_mutual_info_score(a, b);
}
double v_measure(const Labels& a, const Labels& b) {
  return v_measure_score(a, b);
}

const std::vector<Scorer>& all_scorers() {
  static const std::vector<Scorer> scorers = [] {
    std::vector<Scorer> s = {
        {"accuracy",
         [](const Estimator& e, const Matrix& X, const Vector& y, const Vector& w) {
           return accuracy_score(true_labels(y), predicted_labels(e, X), w);
         }},
        {"balanced_accuracy",
         [](const Estimator& e, const Matrix& X, const Vector& y, const Vector& w) {
           return balanced_accuracy_score(true_labels(y), predicted_labels(e, X), w);
         }},
        {"f1", label_score<Average::binary, 0>},
        {"f1_micro", label_score<Average::micro, 0>},
        {"f1_macro", label_score<Average::macro, 0>},
        {"f1_weighted", label_score<Average::weighted, 0>},
        {"precision", label_score<Average::binary, 1>},
        {"precision_micro", label_score<Average::micro, 1>},
        {"precision_macro", label_score<Average::macro, 1>},
        {"precision_weighted", label_score<Average::weighted, 1>},
        {"recall", label_score<Average::binary, 2>},
        {"recall_micro", label_score<Average::micro, 2>},
        {"recall_macro", label_score<Average::macro, 2>},
        {"recall_weighted", label_score<Average::weighted, 2>},
        {"neg_log_loss",
         [](const Estimator& e, const Matrix& X, const Vector& y, const Vector& w) {
           return -log_loss(true_labels(y), e.predict_proba(X), e.class_labels(), w);
         }},
        {"neg_brier_score",
         [](const Estimator& e, const Matrix& X, const Vector& y, const Vector& w) {
           const std::int64_t positive = positive_class(e, "neg_brier_score");
           return -brier_score_loss(true_labels(y), e.predict_proba(X).col(1), w, positive);
         }},
        {"roc_auc",
         [](const Estimator& e, const Matrix& X, const Vector& y, const Vector& w) {
           const Vector scores = threshold_scores(e, X, "roc_auc");
           return roc_auc_score(true_labels(y), scores, w, positive_class(e, "roc_auc"));
         }},
        // scikit-learn's average_precision_score keeps its default pos_label, 1.
        {"average_precision",
         [](const Estimator& e, const Matrix& X, const Vector& y, const Vector& w) {
           return average_precision_score(true_labels(y),
                                          threshold_scores(e, X, "average_precision"), w);
         }},
        {"roc_auc_ovr",
         [](const Estimator& e, const Matrix& X, const Vector& y, const Vector& w) {
           return roc_auc_ovr_score(true_labels(y), e.predict_proba(X), e.class_labels(),
                                    Average::macro, w);
         }},
        {"roc_auc_ovr_weighted",
         [](const Estimator& e, const Matrix& X, const Vector& y, const Vector& w) {
           return roc_auc_ovr_score(true_labels(y), e.predict_proba(X), e.class_labels(),
                                    Average::weighted, w);
         }},
        {"r2", value_score<r2_score, 1>},
        {"explained_variance", value_score<explained_variance_score, 1>},
        {"neg_mean_squared_error", value_score<mean_squared_error, -1>},
        {"neg_root_mean_squared_error", value_score<root_mean_squared_error, -1>},
        {"neg_mean_absolute_error", value_score<mean_absolute_error, -1>},
        {"neg_median_absolute_error", value_score<median_absolute_error, -1>},
        {"neg_mean_poisson_deviance", value_score<mean_poisson_deviance, -1>},
        {"adjusted_rand_score", clustering_score<adjusted_rand_score>},
        {"rand_score", clustering_score<rand_score>},
        {"adjusted_mutual_info_score", clustering_score<adjusted_mutual_info>},
        {"normalized_mutual_info_score", clustering_score<normalized_mutual_info>},
        {"mutual_info_score", clustering_score<mutual_info_score>},
        {"homogeneity_score", clustering_score<homogeneity_score>},
        {"completeness_score", clustering_score<completeness_score>},
        {"v_measure_score", clustering_score<v_measure>},
    };
    std::sort(s.begin(), s.end(),
              [](const Scorer& a, const Scorer& b) { return a.name() < b.name(); });
    return s;
  }();
  return scorers;
}

}  // namespace

const Scorer& get_scorer(std::string_view name) {
  for (const Scorer& scorer : all_scorers())
    if (scorer.name() == name) return scorer;
  std::string known;
  for (const Scorer& scorer : all_scorers()) known += (known.empty() ? "" : ", ") + scorer.name();
  throw InvalidParameter("scoring", "unknown scorer '" + std::string(name) + "'; known: " + known);
}

std::vector<std::string> scorer_names() {
  std::vector<std::string> names;
  for (const Scorer& scorer : all_scorers()) names.push_back(scorer.name());
  return names;
}

}  // namespace fitkit
