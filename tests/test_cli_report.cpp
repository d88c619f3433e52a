// `fitkit report` on the bundled data: the page parses as XML, and what it draws is what the
// metrics say: the score table is `score`'s, the confusion heat map's cells the confusion
// matrix, the ROC and precision-recall polylines roc_curve's and precision_recall_curve's
// points in the plot's scale, one scatter point per row at (true, predicted), the bars the
// model's coefficients or importances in decreasing magnitude, the clusters on the data's
// first two principal components. And the command lines it refuses, leaving no file.

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bundled_data.hpp"
#include "cli_support.hpp"
#include "fitkit/decomposition/pca.hpp"
#include "fitkit/linear/linear_model.hpp"
#include "fitkit/linear/logistic_regression.hpp"
#include "fitkit/metrics/classification.hpp"
#include "fitkit/model/model_io.hpp"
#include "fitkit/pipeline/pipeline.hpp"
#include "fitkit/tree/decision_tree_classifier.hpp"
#include "xml_support.hpp"

using fitkit::Index;
using fitkit::Labels;
using fitkit::Matrix;
using fitkit::Vector;
using fitkit::test::bundled;
using fitkit::test::printed_score;
using fitkit::test::require_failure;
using fitkit::test::require_success;
using fitkit::test::Result;
using fitkit::test::run;
using fitkit::test::ScratchDir;
using fitkit::test::source_path;
namespace xml = fitkit::test::xml;

namespace {

// Coordinates are written with two decimals.
constexpr double pixel = 0.006;

// Runs `fitkit report` and parses the page it wrote.
std::unique_ptr<xml::Element> report(const ScratchDir& dir, const std::string& model,
                                     const std::string& data,
                                     const std::vector<std::string>& extra = {}) {
  const std::string page = dir.file("report.html");
  std::vector<std::string> args = {"report", "--model", model, "--data", data, "--output", page};
  args.insert(args.end(), extra.begin(), extra.end());
  const Result result = run(dir, "fitkit", args);
  require_success(result);
  CHECK(result.out.empty());
  const std::string text = fitkit::test::read_file(page);
  REQUIRE_THAT(text, Catch::Matchers::StartsWith("<!DOCTYPE html>"));
  // Self-contained: nothing fetched, no script.
  CHECK(text.find("<script") == std::string::npos);
  CHECK(text.find("href=") == std::string::npos);
  CHECK(text.find("src=") == std::string::npos);
  CHECK(text.find("url(") == std::string::npos);
  std::unique_ptr<xml::Element> root;
  REQUIRE_NOTHROW(root = xml::parse(text));
  REQUIRE(root->name == "html");
  return root;
}

// The chart whose <title> is `title`.
const xml::Element& chart(const xml::Element& root, const std::string& title) {
  for (const xml::Element* svg : root.all("svg", "chart"))
    for (const auto& child : svg->children)
      if (child->name == "title" && child->text == title) return *svg;
  FAIL("no chart titled " << title);
  throw std::logic_error("unreachable");
}

// The score table's rows, by name.
std::map<std::string, std::string> score_table(const xml::Element& root) {
  std::map<std::string, std::string> out;
  const auto tables = root.find_all([](const xml::Element& e) { return e.has("id", "scores"); });
  REQUIRE(tables.size() == 1);
  for (const xml::Element* row : tables[0]->all("tr")) {
    const auto th = row->all("th"), td = row->all("td");
    if (td.size() == 1) out[th.at(0)->text] = td[0]->text;
  }
  return out;
}

double number(const xml::Element& e, const std::string& key) {
  return std::stod(e.attribute(key));
}

// A plot area's mapping of data onto pixels.
struct PlotScale {
  double xmin, xmax, left, right, ymin, ymax, bottom, top;
  explicit PlotScale(const xml::Element& chart) {
    const auto plots = chart.all("g", "plot");
    REQUIRE(plots.size() == 1);
    const xml::Element& g = *plots[0];
    xmin = number(g, "data-xmin"), xmax = number(g, "data-xmax");
    left = number(g, "data-left"), right = number(g, "data-right");
    ymin = number(g, "data-ymin"), ymax = number(g, "data-ymax");
    bottom = number(g, "data-bottom"), top = number(g, "data-top");
  }
  double x(double v) const { return left + (v - xmin) / (xmax - xmin) * (right - left); }
  double y(double v) const { return bottom + (v - ymin) / (ymax - ymin) * (top - bottom); }
};

// A polyline's points as two columns.
Matrix polyline_points(const xml::Element& line) {
  std::istringstream in(line.attribute("points"));
  std::vector<std::pair<double, double>> points;
  for (std::string pair; in >> pair;) {
    const std::size_t comma = pair.find(',');
    points.emplace_back(std::stod(pair.substr(0, comma)), std::stod(pair.substr(comma + 1)));
  }
  Matrix out(points.size(), 2);
  for (std::size_t i = 0; i < points.size(); ++i) out.row(i) = {points[i].first, points[i].second};
  return out;
}

void check_curve(const xml::Element& line, const PlotScale& scale, const Vector& x,
                 const Vector& y) {
  const Matrix points = polyline_points(line);
  REQUIRE(points.n_rows == x.n_elem);
  for (Index i = 0; i < x.n_elem; ++i) {
    INFO(line.attribute("data-name") << " point " << i);
    CHECK(points(i, 0) == Approx(scale.x(x(i))).margin(pixel));
    CHECK(points(i, 1) == Approx(scale.y(y(i))).margin(pixel));
  }
}

void check_points(const xml::Element& chart, const Vector& x, const Vector& y) {
  const PlotScale scale(chart);
  const auto points = chart.all("circle", "point");
  REQUIRE(points.size() == x.n_elem);
  for (Index i = 0; i < x.n_elem; ++i) {
    INFO("row " << i);
    CHECK(number(*points[i], "cx") == Approx(scale.x(x(i))).margin(pixel));
    CHECK(number(*points[i], "cy") == Approx(scale.y(y(i))).margin(pixel));
  }
}

// The bars: one per feature, decreasing in magnitude, each the model's value for its name.
void check_bars(const xml::Element& chart, const std::vector<std::string>& names,
                const Vector& values) {
  const auto bars = chart.all("rect", "bar");
  REQUIRE(bars.size() == values.n_elem);
  double previous = INFINITY;
  for (const xml::Element* bar : bars) {
    const double value = number(*bar, "data-value");
    CHECK(std::abs(value) <= previous);
    previous = std::abs(value);
    const auto at = std::find(names.begin(), names.end(), bar->attribute("data-name"));
    REQUIRE(at != names.end());
    CHECK(value == values(at - names.begin()));
  }
  // Lengths in the chart's scale: the value range [xmin, xmax] over the pixels [left, right].
  const auto groups = chart.all("g", "bars");
  REQUIRE(groups.size() == 1);
  const xml::Element& g = *groups[0];
  const double scale = (number(g, "data-right") - number(g, "data-left")) /
                       (number(g, "data-xmax") - number(g, "data-xmin"));
  for (const xml::Element* bar : bars)
    CHECK(number(*bar, "width") ==
          Approx(scale * std::abs(number(*bar, "data-value"))).margin(pixel));
}

}  // namespace

TEST_CASE("fitkit report draws a classifier's confusion matrix, curves and coefficients",
          "[cli][report]") {
  ScratchDir dir;
  const std::string iris = source_path("datasets/iris.csv"), model = dir.file("lr.bin");
  require_success(run(dir, "fitkit-logistic-regression",
                      {"fit", "--data", iris, "--model", model, "--max-iter", "500"}));
  const auto root = report(dir, model, iris);

  // The score table holds what `score` prints.
  const Result score = run(dir, "fitkit", {"score", "--model", model, "--data", iris});
  require_success(score);
  const auto scores = score_table(*root);
  REQUIRE(scores.size() == 2);
  CHECK(std::stod(scores.at("accuracy")) == printed_score(score.out, "accuracy"));
  CHECK(std::stod(scores.at("f1_macro")) == printed_score(score.out, "f1_macro"));

  const fitkit::Dataset data = bundled("iris");
  const auto loaded = fitkit::load_any(model);
  const Labels truth = arma::conv_to<Labels>::from(data.y);
  const Labels pred = arma::conv_to<Labels>::from(loaded->predict(data.X));
  const Matrix confusion = fitkit::confusion_matrix(truth, pred);
  const auto cells = chart(*root, "Confusion matrix").all("text", "cell");
  REQUIRE(cells.size() == 9);
  for (Index i = 0; i < 3; ++i)
    for (Index j = 0; j < 3; ++j) CHECK(std::stod(cells[3 * i + j]->text) == confusion(i, j));

  // One-vs-rest curves of predict_proba, one per class.
  const Matrix proba = loaded->predict_proba(data.X);
  const xml::Element& roc = chart(*root, "ROC curve");
  const xml::Element& pr = chart(*root, "Precision-recall curve");
  const auto roc_lines = roc.all("polyline", "series"), pr_lines = pr.all("polyline", "series");
  REQUIRE(roc_lines.size() == 3);
  REQUIRE(pr_lines.size() == 3);
  const std::vector<std::string> species = {"setosa", "versicolor", "virginica"};
  for (Index k = 0; k < 3; ++k) {
    const Labels positive = arma::conv_to<Labels>::from(truth == k);
    const fitkit::RocCurve r = fitkit::roc_curve(positive, proba.col(k));
    const fitkit::PrecisionRecallCurve p = fitkit::precision_recall_curve(positive, proba.col(k));
    CHECK_THAT(roc_lines[k]->attribute("data-name"), Catch::Matchers::StartsWith(species[k]));
    check_curve(*roc_lines[k], PlotScale(roc), r.fpr, r.tpr);
    check_curve(*pr_lines[k], PlotScale(pr), p.recall, p.precision);
  }

  // The coefficients, one chart per class.
  const auto& coef = dynamic_cast<const fitkit::LogisticRegression&>(*loaded).coef();
  for (Index k = 0; k < 3; ++k)
    check_bars(chart(*root, "coefficients (class " + species[k] + ")"), loaded->feature_names(),
               coef.row(k).t());
}

TEST_CASE("fitkit report draws a binary classifier's positive class", "[cli][report]") {
  ScratchDir dir;
  const std::string data = source_path("datasets/breast_cancer.csv"), model = dir.file("t.bin");
  require_success(run(dir, "fitkit-decision-tree-classifier",
                      {"fit", "--data", data, "--model", model, "--max-depth", "3"}));
  const auto root = report(dir, model, data);
  const auto loaded = fitkit::load_any(model);
  const fitkit::Dataset bc = bundled("breast_cancer");
  const Labels truth = arma::conv_to<Labels>::from(bc.y);
  const xml::Element& roc = chart(*root, "ROC curve");
  const auto lines = roc.all("polyline", "series");
  REQUIRE(lines.size() == 1);
  const fitkit::RocCurve r = fitkit::roc_curve(truth, loaded->predict_proba(bc.X).col(1));
  check_curve(*lines[0], PlotScale(roc), r.fpr, r.tpr);
  const auto& tree = dynamic_cast<const fitkit::DecisionTreeClassifier&>(*loaded);
  check_bars(chart(*root, "feature importances"), loaded->feature_names(),
             tree.feature_importances());
}

TEST_CASE("fitkit report draws a regressor's predictions and residuals", "[cli][report]") {
  ScratchDir dir;
  const std::string diabetes = source_path("datasets/diabetes.csv"), model = dir.file("ridge.bin");
  require_success(run(dir, "fitkit-ridge", {"fit", "--data", diabetes, "--model", model}));
  const auto root = report(dir, model, diabetes);

  const Result score = run(dir, "fitkit", {"score", "--model", model, "--data", diabetes});
  require_success(score);
  const auto scores = score_table(*root);
  for (const std::string name : {"R2", "RMSE", "MAE"})
    CHECK(std::stod(scores.at(name)) == printed_score(score.out, name));

  const fitkit::Dataset data = bundled("diabetes");
  const auto loaded = fitkit::load_any(model);
  const Vector pred = loaded->predict(data.X);
  check_points(chart(*root, "Predicted against true"), data.y, pred);
  check_points(chart(*root, "Residuals"), pred, data.y - pred);
  check_bars(chart(*root, "coefficients"), loaded->feature_names(),
             dynamic_cast<const fitkit::LinearRegressor&>(*loaded).coef());

  // Fitted with --scale: the pipeline's last step's coefficients, on the scaled features.
  const std::string scaled = dir.file("scaled.bin");
  require_success(run(dir, "fitkit-ridge",
                      {"fit", "--data", diabetes, "--scale", "standard", "--model", scaled}));
  const auto scaled_root = report(dir, scaled, diabetes);
  const auto pipeline = fitkit::load_any(scaled);
  const auto& last = dynamic_cast<const fitkit::Pipeline&>(*pipeline).final_estimator();
  check_points(chart(*scaled_root, "Predicted against true"), data.y, pipeline->predict(data.X));
  check_bars(chart(*scaled_root, "coefficients"), last.feature_names(),
             dynamic_cast<const fitkit::LinearRegressor&>(last).coef());
}

TEST_CASE("fitkit report draws a clusterer's clusters on two principal components",
          "[cli][report]") {
  ScratchDir dir;
  const std::string iris = source_path("datasets/iris.csv"), model = dir.file("km.bin");
  require_success(
      run(dir, "fitkit-kmeans",
          {"fit", "--data", iris, "--target", "species", "--model", model, "--n-clusters", "3"}));
  const auto root = report(dir, model, iris);
  const Result score = run(dir, "fitkit", {"score", "--model", model, "--data", iris});
  require_success(score);
  const auto scores = score_table(*root);
  CHECK(std::stod(scores.at("adjusted_rand_score")) ==
        printed_score(score.out, "adjusted_rand_score"));

  const fitkit::Dataset data = bundled("iris");
  const auto loaded = fitkit::load_any(model);
  const Vector clusters = loaded->predict(data.X);
  fitkit::PCA pca({.n_components = std::int64_t{2}});
  const Matrix Z = pca.fit_transform(data.X);
  const xml::Element& scatter = chart(*root, "Clusters on the first two principal components");
  check_points(scatter, Z.col(0), Z.col(1));
  const auto points = scatter.all("circle", "point");
  for (Index i = 0; i < clusters.n_elem; ++i)
    CHECK(points[i]->attribute("data-group") == std::to_string(static_cast<int>(clusters(i))));
}

TEST_CASE("fitkit report refuses bad inputs and leaves no page", "[cli][report]") {
  ScratchDir dir;
  const std::string iris = source_path("datasets/iris.csv"), model = dir.file("lr.bin");
  require_success(
      run(dir, "fitkit-logistic-regression", {"fit", "--data", iris, "--model", model}));
  const std::string page = dir.file("page.html");
  const auto no_page = [&] { CHECK_FALSE(std::filesystem::exists(page)); };

  require_failure(
      run(dir, "fitkit",
          {"report", "--model", dir.file("missing.bin"), "--data", iris, "--output", page}),
      1, "fitkit", "missing.bin");
  no_page();
  const std::string narrow = dir.write("narrow.csv", "sepal_length,species\n5.1,setosa\n");
  require_failure(
      run(dir, "fitkit", {"report", "--model", model, "--data", narrow, "--output", page}), 1,
      "fitkit", "sepal_width");
  no_page();
  // A directory that does not exist, and a directory: refused before any work.
  const std::string nowhere = dir.file("no/such/dir/page.html");
  require_failure(
      run(dir, "fitkit", {"report", "--model", model, "--data", iris, "--output", nowhere}), 1,
      "fitkit", "no/such/dir/page.html");
  require_failure(
      run(dir, "fitkit", {"report", "--model", model, "--data", iris, "--output", dir.file("")}), 1,
      "fitkit", "");
  // A transformer has nothing to report.
  const std::string scaler = dir.file("scaler.bin");
  require_success(run(dir, "fitkit-standard-scaler",
                      {"fit", "--data", iris, "--target", "species", "--model", scaler}));
  require_failure(
      run(dir, "fitkit", {"report", "--model", scaler, "--data", iris, "--output", page}), 1,
      "fitkit", "report covers classifiers, regressors and clusterers");
  no_page();
  // Only what the runs wrote: no temporary page left behind.
  for (const auto& entry : std::filesystem::directory_iterator(dir.file("")))
    CHECK_THAT(entry.path().filename().string(),
               Catch::Matchers::Matches("lr.bin|scaler.bin|narrow.csv|stdout|stderr"));
}

TEST_CASE("fitkit report draws every k-th row of a large file", "[cli][report]") {
  ScratchDir dir;
  // 25,000 rows: more than the 20,000 points a scatter chart draws, so every second row.
  const Index n = 25000;
  Matrix X(n, 2);
  for (Index i = 0; i < n; ++i) X.row(i) = {std::sin(0.37 * i), std::cos(0.11 * i)};
  Matrix table =
      arma::join_rows(X, X.col(0) * 3 - X.col(1) + 0.1 * arma::sin(arma::regspace(0, n - 1)));
  const std::string data = dir.write("big.csv", fitkit::test::matrix_csv(table, {"a", "b", "y"}));
  const std::string model = dir.file("ridge.bin");
  require_success(run(dir, "fitkit-ridge", {"fit", "--data", data, "--model", model}));
  const auto root = report(dir, model, data);
  const auto loaded = fitkit::load_any(model);
  const arma::uvec rows = arma::regspace<arma::uvec>(0, 2, n - 1);
  const Vector y = table.col(2), pred = loaded->predict(X);
  check_points(chart(*root, "Predicted against true"), y.elem(rows), pred.elem(rows));
  const auto notes = root->all("p", "note");
  REQUIRE_FALSE(notes.empty());
  CHECK(notes[0]->text == "One point per 2 rows (12500 of 25000).");
}

TEST_CASE("fitkit report draws no curves from scores that are not one per class", "[cli][report]") {
  ScratchDir dir;
  const std::string iris = source_path("datasets/iris.csv"), model = dir.file("svc.bin");
  require_success(
      run(dir, "fitkit-svc",
          {"fit", "--data", iris, "--model", model, "--decision-function-shape", "ovo"}));
  const auto root = report(dir, model, iris);
  // Three columns for three classes, but one per pair of classes.
  CHECK(root->all("polyline", "series").empty());
  bool said = false;
  for (const xml::Element* note : root->all("p", "note"))
    said = said || note->text ==
                       "SVC's decision_function has 3 columns for 3 classes, not one "
                       "per class: no curves drawn.";
  CHECK(said);
  CHECK(chart(*root, "Confusion matrix").all("text", "cell").size() == 9);
}
