#include "common/report_command.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "common/charts.hpp"
#include "common/model_weights.hpp"
#include "common/report_page.hpp"
#include "fitkit/core/classifier.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/output_file.hpp"
#include "fitkit/core/timer.hpp"
#include "fitkit/decomposition/pca.hpp"
#include "fitkit/metrics/classification.hpp"
#include "fitkit/metrics/clustering.hpp"
#include "fitkit/metrics/regression.hpp"

namespace fitkit::apps {
namespace {

using Section = ReportPage::Section;

// The area under a curve's points by trapezoids (scikit-learn's auc).
double area_under(const Vector& x, const Vector& y) {
  double area = 0;
  for (Index i = 1; i < x.n_elem; ++i) area += (x(i) - x(i - 1)) * (y(i) + y(i - 1)) / 2;
  return area;
}

std::string fixed3(double value) {
  std::ostringstream out;
  out.precision(3);
  out << std::fixed << value;
  return out.str();
}

// The scores for the curves: predict_proba's columns, else decision_function's; one column per
// class, or for two classes one, the second class's. Empty when the model has neither.
Matrix ranking_scores(const Estimator& model, const Matrix& X, std::string& source) {
  const Tags tags = model.tags();
  if (tags.predict_proba) {
    source = "predict_proba";
    return model.predict_proba(X);
  }
  if (tags.decision_function) {
    source = "decision_function";
    return model.decision_function(X);
  }
  return {};
}

// ROC and precision-recall curves: for two classes the second one's, else one-vs-rest for each
// class present in the data with some row outside it.
Section curves(const Estimator& model, const Matrix& X, const Labels& truth, const Vector& w) {
  std::string source;
  const Matrix scores = ranking_scores(model, X, source);
  Section section{"ROC and precision-recall curves", "", {}};
  if (scores.is_empty()) {
    section.note = model.type_name() + " has neither predict_proba nor decision_function.";
    return section;
  }
  const Labels classes = model.class_labels();
  XyChart roc{
      "ROC curve", {"false positive rate", 0, 1}, {"true positive rate", 0, 1}, {}, {}, {}, {}, {},
      {}};
  XyChart pr{
      "Precision-recall curve", {"recall", 0, 1}, {"precision", 0, 1}, {}, {}, {}, {}, {}, {}};
  roc.guides.push_back({"chance", Vector{0, 1}, Vector{0, 1}});
  const bool binary = classes.n_elem == 2;
  // One column per class, or one for two classes; not one per pair of classes (an SVC's
  // decision_function_shape=ovo, whose three columns for three classes are pairs too).
  const ParamMap params = model.get_params();
  const auto shape = params.find("decision_function_shape");
  const bool pairs =
      source == "decision_function" && shape != params.end() && shape->second == "ovo";
  if (pairs || (scores.n_cols != classes.n_elem && !(binary && scores.n_cols == 1))) {
    section.note = model.type_name() + "'s " + source + " has " + std::to_string(scores.n_cols) +
                   " columns for " + std::to_string(classes.n_elem) +
                   " classes, not one per class: no curves drawn.";
    return section;
  }
  for (Index k = binary ? 1 : 0; k < classes.n_elem; ++k) {
    const Vector score =
        scores.n_cols == classes.n_elem ? Vector(scores.col(k)) : Vector(scores.col(0));
    const Labels positive = arma::conv_to<Labels>::from(truth == classes(k));
    if (!arma::any(positive) || arma::all(positive)) continue;
    const std::string name = class_text(model, classes(k));
    const RocCurve r = roc_curve(positive, score, w, 1);
    const PrecisionRecallCurve p = precision_recall_curve(positive, score, w, 1);
    roc.lines.push_back({name + " (AUC " + fixed3(area_under(r.fpr, r.tpr)) + ")", r.fpr, r.tpr});
    pr.lines.push_back(
        {name + " (AP " + fixed3(average_precision_score(positive, score, w, 1)) + ")", p.recall,
         p.precision});
  }
  section.note = (binary ? "The positive class " + class_text(model, classes(1))
                         : std::string("Each class against the rest")) +
                 ", ranked by " + source + ".";
  section.charts = {xy_chart(roc), xy_chart(pr)};
  return section;
}

// The rows a scatter chart draws: all of them up to max_points, else every step-th, so that a
// large file's page stays a few megabytes; `note` says which.
constexpr Index max_points = 20000;
arma::uvec drawn_rows(Index n_rows, std::string& note) {
  if (n_rows <= max_points) {
    note = "One point per row";
    return arma::regspace<arma::uvec>(0, 1, n_rows - 1);
  }
  const Index step = (n_rows + max_points - 1) / max_points;
  const arma::uvec rows = arma::regspace<arma::uvec>(0, step, n_rows - 1);
  note = "One point per " + std::to_string(step) + " rows (" + std::to_string(rows.n_elem) +
         " of " + std::to_string(n_rows) + ")";
  return rows;
}

void classifier_report(const Estimator& model, const Dataset& data, ReportPage& page,
                       const CommonOptions& common) {
  const Labels truth = data.labels();
  Labels pred;
  {
    ScopedTimer timer("predict", common.log());
    pred = labels_from_values(model.predict(data.X), model.type_name());
  }
  const Vector& w = data.sample_weight;
  page.scores = {{"accuracy", accuracy_score(truth, pred, w)},
                 {"f1_macro", f1_score(truth, pred, Average::macro, w)}};
  const Labels labels = unique_labels(truth, pred);
  std::vector<std::string> names;
  for (const std::int64_t label : labels) names.push_back(class_text(model, label));
  page.sections.push_back({"Confusion matrix",
                           "",
                           {heat_map("Confusion matrix", confusion_matrix(truth, pred, w), names,
                                     names, "true class", "predicted class")}});
  ScopedTimer timer("curves", common.log());
  page.sections.push_back(curves(model, data.X, truth, w));
}

void regressor_report(const Estimator& model, const Dataset& data, ReportPage& page,
                      const CommonOptions& common) {
  Vector pred;
  {
    ScopedTimer timer("predict", common.log());
    pred = model.predict(data.X);
  }
  const Vector& w = data.sample_weight;
  page.scores = {{model.score_name(), r2_score(data.y, pred, w)},
                 {"RMSE", root_mean_squared_error(data.y, pred, w)},
                 {"MAE", mean_absolute_error(data.y, pred, w)}};
  const std::string target = model.target_name().empty() ? "target" : model.target_name();
  std::string note;
  const arma::uvec rows = drawn_rows(pred.n_elem, note);
  XyChart versus{"Predicted against true",
                 {"true " + target, 0, 0},
                 {"predicted " + target, 0, 0},
                 {},
                 {},
                 data.y.elem(rows),
                 pred.elem(rows),
                 {},
                 {}};
  // The identity where both axes show it: the overlap of the two ranges.
  const double low = std::max(data.y.min(), pred.min()), high = std::min(data.y.max(), pred.max());
  if (low < high) versus.guides.push_back({"identity", Vector{low, high}, Vector{low, high}});
  const Vector residual = data.y - pred;
  XyChart residuals{"Residuals",
                    {"predicted " + target, 0, 0},
                    {"true - predicted", 0, 0},
                    {},
                    {},
                    pred.elem(rows),
                    residual.elem(rows),
                    {},
                    {}};
  residuals.guides.push_back({"zero", Vector{pred.min(), pred.max()}, Vector{0, 0}});
  page.sections.push_back({"Predictions", note + ".", {xy_chart(versus), xy_chart(residuals)}});
}

void clusterer_report(const Estimator& model, const Dataset& data, ReportPage& page,
                      const CommonOptions& common) {
  const Tags tags = model.tags();
  if (tags.score) {
    ScopedTimer timer("score", common.log());
    page.scores.emplace_back(model.score_name(), model.score(data.X, data.y, data.sample_weight));
  }
  if (!tags.predict) {
    page.sections.push_back({"Clusters",
                             model.type_name() +
                                 " labels only the rows it was fitted on: no clusters "
                                 "to draw for new data.",
                             {}});
    return;
  }
  Labels clusters;
  {
    ScopedTimer timer("predict", common.log());
    clusters = arma::conv_to<Labels>::from(model.predict(data.X));
  }
  if (data.has_target()) {
    const Labels truth = data.labels();
    page.scores.emplace_back("adjusted_rand_score", adjusted_rand_score(truth, clusters));
    page.scores.emplace_back("normalized_mutual_info_score",
                             normalized_mutual_info_score(truth, clusters));
  }
  if (data.X.n_cols < 2 || data.X.n_rows < 2) {
    page.sections.push_back(
        {"Clusters", "Fewer than two features or rows: no projection drawn.", {}});
    return;
  }
  ScopedTimer timer("PCA", common.log());
  PCA pca({.n_components = std::int64_t{2}});
  const Matrix Z = pca.fit_transform(data.X);
  const Vector& ratio = pca.explained_variance_ratio();
  std::string note;
  const arma::uvec rows = drawn_rows(clusters.n_elem, note);
  std::vector<std::size_t> group(rows.n_elem);
  const Labels distinct = arma::unique(clusters);
  std::vector<std::string> names;
  for (const std::int64_t c : distinct) names.push_back("cluster " + std::to_string(c));
  for (Index r = 0; r < rows.n_elem; ++r)  // the cluster's place among the sorted distinct ones
    group[r] = static_cast<std::size_t>(
        std::lower_bound(distinct.begin(), distinct.end(), clusters(rows(r))) - distinct.begin());
  XyChart chart{"Clusters on the first two principal components",
                {"PC1 (" + fixed3(100 * ratio(0)) + "% of the variance)", 0, 0},
                {"PC2 (" + fixed3(100 * ratio(1)) + "% of the variance)", 0, 0},
                {},
                {},
                Vector(Z.col(0)).elem(rows),
                Vector(Z.col(1)).elem(rows),
                group,
                names};
  page.sections.push_back(
      {"Clusters", note + ", coloured by its predicted cluster.", {xy_chart(chart)}});
}

void weights_report(const Estimator& model, ReportPage& page) {
  const std::vector<FeatureWeights> weights = feature_weights(model);
  if (weights.empty()) return;
  Section section{
      weights.front().title == "feature importances" ? "Feature importances" : "Coefficients",
      "Sorted by magnitude, largest first.",
      {}};
  const std::vector<std::string> names = feature_labels(model);
  for (const FeatureWeights& set : weights)
    section.charts.push_back(bar_chart(set.title, names, set.values));
  page.sections.push_back(std::move(section));
}

int report(const VerbCall& call, const ModelLoader& load) {
  ModelOnData args;
  std::string output = "-";
  po::options_description options = model_option(args.model_path);
  options.add(output_option(output, "the HTML page"));
  if (!parse_model_on_data(call, options, args)) return 0;
  const auto& [model_path, data, common] = args;

  check_output_path(output);  // before the work that ends in writing it
  const std::unique_ptr<Estimator> model = load_timed(load, model_path, common);
  const EstimatorKind kind = model->kind();
  if (kind != EstimatorKind::classifier && kind != EstimatorKind::regressor &&
      kind != EstimatorKind::clusterer)
    throw Error(model->type_name() + " is a " + kind_name(kind) +
                ": report covers classifiers, regressors and clusterers");
  const TargetColumn target =
      kind == EstimatorKind::clusterer ? TargetColumn::passed_through : TargetColumn::required;
  const Dataset dataset = read_timed(data, *model, target, common);

  ReportPage page;
  page.title = "fitkit report: " + model->type_name();
  page.facts = {{"model", model_path},
                {"type", model->type_name() + " (" + kind_name(kind) + ")"},
                {"data", data.path},
                {"rows", std::to_string(dataset.X.n_rows)},
                {"features", std::to_string(dataset.X.n_cols)}};
  if (kind == EstimatorKind::classifier) classifier_report(*model, dataset, page, common);
  if (kind == EstimatorKind::regressor) regressor_report(*model, dataset, page, common);
  if (kind == EstimatorKind::clusterer) clusterer_report(*model, dataset, page, common);
  weights_report(*model, page);

  ScopedTimer timer("write report", common.log());
  write_output_file(output, render_report(page));
  return 0;
}

}  // namespace

Verb report_verb(ModelLoader load) {
  return {"report",
          "write a model's scores and charts on a data file as one self-contained HTML page: "
          "confusion matrix, ROC and precision-recall curves (classifiers), predicted against "
          "true and residuals (regressors), clusters on two principal components (clusterers), "
          "coefficients or feature importances",
          "--model FILE --data FILE [--output FILE] [options]",
          [load](const VerbCall& call) { return report(call, load); }};
}

}  // namespace fitkit::apps
