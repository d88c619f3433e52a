// The classification and regression metrics against scikit-learn's on the fixtures of
// tests/reference/make_metrics.py: LogisticRegression outputs on iris, wine and breast_cancer,
// a binary case with tied scores and weights, LinearRegression on diabetes; every metric with
// and without weights, to 1e-10; confusion matrices for every normalize; roc_curve and
// precision_recall_curve (make_metric_curves.py); and bad inputs.

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fitkit/core/error.hpp"
#include "fitkit/metrics/classification.hpp"
#include "fitkit/metrics/regression.hpp"
#include "support.hpp"

using fitkit::Average;
using fitkit::Index;
using fitkit::Labels;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

Average average_named(const std::string& name) {
  if (name == "binary") return Average::binary;
  if (name == "micro") return Average::micro;
  if (name == "macro") return Average::macro;
  if (name == "weighted") return Average::weighted;
  FAIL("unknown average " << name);
  return Average::binary;
}

struct Classification {
  Labels y, pred;
  Matrix proba;
  Vector decision;
};

// One of the fixture's classification metrics, by its name in METRIC_NAMES.
double classification_metric(const std::string& name, const Classification& c, const Vector& w) {
  std::istringstream words(name);
  std::string metric;
  words >> metric;
  if (metric == "accuracy_score") return fitkit::accuracy_score(c.y, c.pred, w);
  if (metric == "balanced_accuracy_score") return fitkit::balanced_accuracy_score(c.y, c.pred, w);
  if (metric == "log_loss") {
    const Labels classes = arma::unique(c.y);
    return fitkit::log_loss(c.y, c.proba, classes, w);
  }
  if (metric == "brier_score_loss") return fitkit::brier_score_loss(c.y, c.proba.col(1), w);
  if (metric == "average_precision_score")
    return fitkit::average_precision_score(c.y, c.decision, w);
  if (metric == "roc_auc_score") {
    std::string ovr, average;
    if (!(words >> ovr)) return fitkit::roc_auc_score(c.y, c.decision, w);
    words >> average;
    return fitkit::roc_auc_ovr_score(c.y, c.proba, arma::unique(c.y), average_named(average), w);
  }
  double beta = 1.0;
  if (metric == "fbeta_score") words >> beta;
  std::string average;
  words >> average;
  if (average == "none") {
    Index k = 0;
    words >> k;
    const fitkit::PrecisionRecallFscore prf = fitkit::precision_recall_fscore(c.y, c.pred, beta, w);
    if (metric == "precision_score") return prf.precision(k);
    if (metric == "recall_score") return prf.recall(k);
    return prf.fscore(k);
  }
  const Average a = average_named(average);
  if (metric == "precision_score") return fitkit::precision_score(c.y, c.pred, a, w);
  if (metric == "recall_score") return fitkit::recall_score(c.y, c.pred, a, w);
  if (metric == "f1_score") return fitkit::f1_score(c.y, c.pred, a, w);
  if (metric == "fbeta_score") return fitkit::fbeta_score(c.y, c.pred, beta, a, w);
  FAIL("unknown metric " << name);
  return 0;
}

double regression_metric(const std::string& name, const Vector& y, const Vector& pred,
                         const Vector& w) {
  if (name == "mean_squared_error") return fitkit::mean_squared_error(y, pred, w);
  if (name == "root_mean_squared_error") return fitkit::root_mean_squared_error(y, pred, w);
  if (name == "mean_absolute_error") return fitkit::mean_absolute_error(y, pred, w);
  if (name == "r2_score") return fitkit::r2_score(y, pred, w);
  if (name == "explained_variance_score") return fitkit::explained_variance_score(y, pred, w);
  if (name == "mean_poisson_deviance") return fitkit::mean_poisson_deviance(y, pred, w);
  if (name == "median_absolute_error") return fitkit::median_absolute_error(y, pred, w);
  FAIL("unknown metric " << name);
  return 0;
}

// Column 0 of metrics.csv without weights, column 1 with them; each to 1e-10.
template <class Metric>
void check_metrics(const std::string& dir, const Vector& weights, Metric&& metric) {
  const std::vector<std::string> names = reference_lines(dir + "METRIC_NAMES");
  const Matrix expected = reference_matrix(dir + "metrics.csv");
  REQUIRE(expected.n_rows == names.size());
  for (std::size_t k = 0; k < names.size(); ++k) {
    INFO(dir << names[k]);
    for (const int weighted : {0, 1}) {
      INFO((weighted ? "weighted" : "unweighted"));
      const double want = expected(k, weighted);
      const double got = metric(names[k], weighted ? weights : Vector());
      CHECK(std::abs(got - want) <= 1e-10 * (1 + std::abs(want)));
    }
  }
}

}  // namespace

TEST_CASE("classification metrics equal scikit-learn's", "[metrics][reference]") {
  for (const std::string name : {"iris", "wine", "breast_cancer", "ties"}) {
    const std::string dir = "metrics/" + name + "/";
    Classification c;
    c.y = arma::conv_to<Labels>::from(reference_vector(dir + "y_true.csv"));
    c.pred = arma::conv_to<Labels>::from(reference_vector(dir + "y_pred.csv"));
    c.proba = reference_matrix(dir + "proba.csv");
    if (c.proba.n_cols == 2) c.decision = reference_vector(dir + "decision.csv");
    const Vector w = reference_vector(dir + "sample_weight.csv");
    check_metrics(dir, w, [&](const std::string& metric, const Vector& weights) {
      return classification_metric(metric, c, weights);
    });
    const std::pair<fitkit::ConfusionNormalize, const char*> normalizations[] = {
        {fitkit::ConfusionNormalize::none, "none"},
        {fitkit::ConfusionNormalize::true_rows, "true"},
        {fitkit::ConfusionNormalize::pred_columns, "pred"},
        {fitkit::ConfusionNormalize::all, "all"}};
    for (const auto& [normalize, suffix] : normalizations) {
      INFO(dir << "confusion " << suffix);
      const Matrix plain = reference_matrix(dir + "confusion_" + suffix + ".csv");
      const Matrix weighted = reference_matrix(dir + "confusion_" + suffix + "_weighted.csv");
      CHECK(arma::abs(fitkit::confusion_matrix(c.y, c.pred, {}, normalize) - plain).max() <= 1e-12);
      CHECK(arma::abs(fitkit::confusion_matrix(c.y, c.pred, w, normalize) - weighted).max() <=
            1e-12 * (1 + arma::abs(weighted).max()));
    }
  }
}

TEST_CASE("regression metrics equal scikit-learn's", "[metrics][reference]") {
  const std::string dir = "metrics/diabetes/";
  const Vector y = reference_vector(dir + "y_true.csv");
  const Vector pred = reference_vector(dir + "y_pred.csv");
  check_metrics(dir, reference_vector(dir + "sample_weight.csv"),
                [&](const std::string& metric, const Vector& weights) {
                  return regression_metric(metric, y, pred, weights);
                });
}

TEST_CASE("metrics refuse bad inputs clearly", "[metrics]") {
  const Labels y = {0, 1, 1, 0}, pred = {0, 1, 0, 0};
  const Vector score = {0.1, 0.9, 0.4, 0.2};
  CHECK_THROWS_AS(fitkit::precision_score(y, Labels{0, 1}, Average::macro),
                  fitkit::DimensionMismatch);
  CHECK_THROWS_AS(fitkit::f1_score(Labels(), Labels(), Average::macro), fitkit::DataError);
  CHECK_THROWS_AS(fitkit::f1_score(Labels{0, 1, 2}, Labels{0, 1, 2}, Average::binary),
                  fitkit::InvalidParameter);
  CHECK_THROWS_AS(fitkit::precision_score(y, pred, Average::binary, {}, 7),
                  fitkit::InvalidParameter);
  CHECK_THROWS_WITH(fitkit::roc_auc_score(Labels{1, 1, 1}, Vector{0.1, 0.2, 0.3}),
                    Catch::Contains("Only one class present in y_true"));
  Vector with_nan = score;
  with_nan(2) = arma::datum::nan;
  CHECK_THROWS_AS(fitkit::roc_auc_score(y, with_nan), fitkit::DataError);
  CHECK_THROWS_AS(fitkit::brier_score_loss(y, Vector{0.1, 1.5, 0.2, 0.3}), fitkit::DataError);
  CHECK_THROWS_AS(fitkit::mean_poisson_deviance(Vector{1, 2}, Vector{1, 0}), fitkit::DataError);
  CHECK_THROWS_AS(fitkit::median_absolute_error(Vector{1, 2}, Vector{1}),
                  fitkit::DimensionMismatch);
  CHECK_THROWS_AS(fitkit::precision_score(y, pred, Average::macro, Vector{1, -1, 1, 1}),
                  fitkit::DataError);
  // A class never predicted: precision 0 for it (scikit-learn's zero_division), not NaN.
  const fitkit::PrecisionRecallFscore prf =
      fitkit::precision_recall_fscore(Labels{0, 1, 2}, Labels{0, 0, 0});
  CHECK(prf.precision(1) == 0.0);
  CHECK(prf.fscore(2) == 0.0);
}

TEST_CASE("classification_report is scikit-learn's text", "[metrics][reference]") {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {"iris", {"setosa", "versicolor", "virginica"}},
      {"wine", {"a", "b", "c"}},
      {"breast_cancer", {"benign", "malignant"}},
      {"ties", {"negative", "positive"}}};
  for (const auto& [name, target_names] : cases) {
    INFO(name);
    const std::string dir = "metrics/" + name + "/";
    const Labels y = arma::conv_to<Labels>::from(reference_vector(dir + "y_true.csv"));
    const Labels pred = arma::conv_to<Labels>::from(reference_vector(dir + "y_pred.csv"));
    const Vector w = reference_vector(dir + "sample_weight.csv");
    CHECK(fitkit::classification_report(y, pred) ==
          read_file(source_path("tests/reference/" + dir + "classification_report.txt")));
    CHECK(fitkit::classification_report(y, pred, target_names, w, 4) ==
          read_file(source_path("tests/reference/" + dir + "classification_report_weighted.txt")));
  }
  CHECK_THROWS_AS(fitkit::classification_report(Labels{0, 1}, Labels{0, 1}, {"only one"}),
                  fitkit::InvalidParameter);
}

namespace {

// Equal to the fixture's values to 1e-10, NaN where it has NaN.
void check_close(const Vector& got, const Vector& want) {
  REQUIRE(got.n_elem == want.n_elem);
  for (Index i = 0; i < want.n_elem; ++i) {
    INFO("entry " << i << ": " << got(i) << " against " << want(i));
    if (std::isnan(want(i)))
      CHECK(std::isnan(got(i)));
    else
      CHECK(std::abs(got(i) - want(i)) <= 1e-10 * (1 + std::abs(want(i))));
  }
}

}  // namespace

TEST_CASE("roc_curve and precision_recall_curve equal scikit-learn's", "[metrics][reference]") {
  // Binary cases score with decision.csv; iris one-vs-rest with each class's probabilities.
  struct Case {
    std::string name, suffix;
    std::int64_t pos_label;
  };
  const std::vector<Case> cases = {{"breast_cancer", "", 1},
                                   {"ties", "", 1},
                                   {"iris", "_ovr0", 0},
                                   {"iris", "_ovr1", 1},
                                   {"iris", "_ovr2", 2}};
  for (const Case& c : cases) {
    const std::string dir = "metrics/" + c.name + "/";
    const Labels y = arma::conv_to<Labels>::from(reference_vector(dir + "y_true.csv"));
    const Vector w = reference_vector(dir + "sample_weight.csv");
    const Vector score = c.name == "iris"
                             ? Vector(reference_matrix(dir + "proba.csv").col(c.pos_label))
                             : reference_vector(dir + "decision.csv");
    for (const std::string weighting : {"", "_weighted", "_all"}) {
      INFO(dir << weighting << c.suffix);
      const Vector weights = weighting == "_weighted" ? w : Vector();
      const fitkit::RocCurve roc =
          fitkit::roc_curve(y, score, weights, c.pos_label, weighting != "_all");
      const Matrix want_roc = reference_matrix(dir + "roc_curve" + weighting + c.suffix + ".csv");
      check_close(roc.fpr, want_roc.col(0));
      check_close(roc.tpr, want_roc.col(1));
      check_close(roc.thresholds, want_roc.col(2));
      if (weighting == "_all") continue;
      const fitkit::PrecisionRecallCurve pr =
          fitkit::precision_recall_curve(y, score, weights, c.pos_label);
      const Matrix want_pr = reference_matrix(dir + "pr_curve" + weighting + c.suffix + ".csv");
      check_close(pr.precision, want_pr.col(0));
      check_close(pr.recall, want_pr.col(1));
      check_close(pr.thresholds,
                  reference_vector(dir + "pr_thresholds" + weighting + c.suffix + ".csv"));
    }
  }
  // A class absent from y_true: its rate is NaN, as scikit-learn's (which warns).
  const fitkit::RocCurve one_class = fitkit::roc_curve(Labels{1, 1, 1}, Vector{0.1, 0.2, 0.3});
  CHECK(std::isnan(one_class.fpr(1)));
  CHECK(one_class.tpr(one_class.tpr.n_elem - 1) == 1.0);
  CHECK_THROWS_AS(fitkit::roc_curve(Labels{0, 1}, Vector{0.1}), fitkit::DimensionMismatch);
  CHECK_THROWS_AS(fitkit::precision_recall_curve(Labels{0, 1}, Vector{0.1, 0.2}, Vector{0, 0}),
                  fitkit::DataError);
}
