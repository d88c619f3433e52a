// The programs' verbs and options from the estimator interface: verbs chosen by the tags,
// --sample-weight, predict --decision, and the umbrella refusing what a model does not offer.

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/linear/logistic_regression.hpp"
#include "fitkit/linear/ridge.hpp"
#include "fitkit/model/model_io.hpp"

using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;
using Catch::Matchers::Contains;

namespace {

// diabetes.csv with a weight column "w" (1, 2, 3, 1, ...) after the target.
std::string weighted_diabetes(const ScratchDir& dir) {
  const std::vector<std::string> lines = lines_of(read_file(source_path("datasets/diabetes.csv")));
  std::string text = lines[0] + ",w\n";
  for (std::size_t i = 1; i < lines.size(); ++i)
    text += lines[i] + "," + std::to_string(1 + (i - 1) % 3) + "\n";
  return dir.write("weighted.csv", text);
}

std::vector<std::string> verbs_in_help(const std::string& help) {
  std::vector<std::string> verbs;
  bool in_verbs = false;
  for (const std::string& line : lines_of(help)) {
    if (line == "Verbs:") {
      in_verbs = true;
      continue;
    }
    if (in_verbs && line.empty()) break;
    if (in_verbs) verbs.push_back(line.substr(2, line.find(' ', 2) - 2));
  }
  return verbs;
}

}  // namespace

TEST_CASE("cli: each program offers the verbs its estimator's tags give", "[cli][interface]") {
  ScratchDir dir;
  using V = std::vector<std::string>;
  CHECK(verbs_in_help(run(dir, "fitkit-ridge", {"--help"}).out) ==
        V{"fit", "predict", "score", "info"});
  CHECK(verbs_in_help(run(dir, "fitkit-sgd-classifier", {"--help"}).out) ==
        V{"fit", "partial-fit", "predict", "score", "info"});
  CHECK(verbs_in_help(run(dir, "fitkit-polynomial-features", {"--help"}).out) ==
        V{"fit", "transform", "info"});
  CHECK_THAT(run(dir, "fitkit-logistic-regression", {"predict", "--help"}).out,
             Contains("--decision"));
}

TEST_CASE("cli: --sample-weight fits and scores with the weights of a column", "[cli][interface]") {
  ScratchDir dir;
  const std::string data = weighted_diabetes(dir);
  const std::string model = dir.file("ridge.bin");
  REQUIRE(run(dir, "fitkit-ridge",
              {"fit", "--data", data, "--target", "progression", "--sample-weight", "w", "--model",
               model})
              .status == 0);
  fitkit::io::CsvOptions options;
  options.target = "progression";
  options.sample_weight = "w";
  const fitkit::Dataset d = fitkit::io::read_csv(data, options);
  REQUIRE(d.sample_weight.n_elem == d.n_samples());
  CHECK(d.n_features() == 10);  // the weights are no feature
  fitkit::Ridge expected;
  expected.fit(d.X, d.y, d.sample_weight);
  const auto saved = fitkit::load<fitkit::Ridge>(model);
  CHECK(arma::approx_equal(saved.coef(), expected.coef(), "reldiff", 1e-12));

  const Result score = run(dir, "fitkit-ridge",
                           {"score", "--model", model, "--data", data, "--target", "progression",
                            "--sample-weight", "w"});
  REQUIRE(score.status == 0);
  CHECK(printed_score(score.out, "R2") ==
        Approx(expected.score(d.X, d.y, d.sample_weight)).epsilon(1e-6));
  // predict leaves the weight column out, by name or by position.
  const Result predict = run(dir, "fitkit-ridge", {"predict", "--model", model, "--data", data});
  REQUIRE(predict.status == 0);
  CHECK(predictions_in(predict.out).n_elem == d.n_samples());

  // An estimator that takes no weights refuses them before reading anything.
  require_failure(
      run(dir, "fitkit-polynomial-features",
          {"fit", "--data", data, "--sample-weight", "w", "--model", dir.file("p.bin")}),
      2, "fitkit-polynomial-features", "takes no sample weights");
  CHECK_FALSE(exists(dir.file("p.bin")));
  // A weight column that is not there, or not numbers.
  require_failure(run(dir, "fitkit-ridge",
                      {"fit", "--data", data, "--sample-weight", "nope", "--model", model}),
                  1, "fitkit-ridge", "no column named 'nope' for the sample weight");
  require_failure(run(dir, "fitkit-ridge",
                      {"fit", "--data", source_path("datasets/iris.csv"), "--target", "0",
                       "--sample-weight", "species", "--model", model}),
                  1, "fitkit-ridge", "expected a number in sample weight column 'species'");
}

TEST_CASE("cli: predict --decision writes decision_function, and --proba where the tags allow",
          "[cli][interface]") {
  ScratchDir dir;
  const std::string iris = source_path("datasets/iris.csv");
  const std::string model = dir.file("clf.bin");
  REQUIRE(run(dir, "fitkit-logistic-regression",
              {"fit", "--data", iris, "--model", model, "--max-iter", "1000"})
              .status == 0);
  const Result decision = run(dir, "fitkit-logistic-regression",
                              {"predict", "--model", model, "--data", iris, "--decision"});
  REQUIRE(decision.status == 0);
  const std::vector<std::string> lines = lines_of(decision.out);
  CHECK(lines[0] == "setosa,versicolor,virginica");
  const auto clf = fitkit::load<fitkit::LogisticRegression>(model);
  fitkit::io::CsvOptions options;
  const fitkit::Dataset d = fitkit::io::read_csv(iris, options);
  const Matrix expected = clf.decision_function(d.X);
  const fitkit::Dataset written = fitkit::io::read_csv_text(decision.out, [] {
    fitkit::io::CsvOptions o;
    o.has_target = false;
    return o;
  }());
  CHECK(arma::approx_equal(written.X, expected, "reldiff", 1e-15));

  require_failure(run(dir, "fitkit-logistic-regression",
                      {"predict", "--model", model, "--data", iris, "--decision", "--proba"}),
                  2, "fitkit-logistic-regression", "cannot be used together");
  // SGD's hinge loss has no probabilities: its tags say so, and so does the program.
  const std::string hinge = dir.file("hinge.bin");
  REQUIRE(run(dir, "fitkit-sgd-classifier", {"fit", "--data", iris, "--model", hinge}).status == 0);
  require_failure(
      run(dir, "fitkit-sgd-classifier", {"predict", "--model", hinge, "--data", iris, "--proba"}),
      1, "fitkit-sgd-classifier", "SGDClassifier has no predict_proba");
  require_failure(run(dir, "fitkit-ridge",
                      {"predict", "--model", dir.file("none.bin"), "--data", iris, "--decision"}),
                  1, "fitkit-ridge", "none.bin");
}

TEST_CASE("cli: the umbrella refuses a verb the model's tags do not offer", "[cli][interface]") {
  ScratchDir dir;
  const std::string diabetes = source_path("datasets/diabetes.csv");
  const std::string poly = dir.file("poly.bin");
  REQUIRE(run(dir, "fitkit-polynomial-features",
              {"fit", "--data", diabetes, "--target", "progression", "--model", poly})
              .status == 0);
  require_failure(run(dir, "fitkit", {"predict", "--model", poly, "--data", diabetes}), 1, "fitkit",
                  "PolynomialFeatures is a transformer: use transform");
  require_failure(run(dir, "fitkit", {"score", "--model", poly, "--data", diabetes}), 1, "fitkit",
                  "PolynomialFeatures is a transformer: use transform");
  const std::string ridge = dir.file("ridge.bin");
  REQUIRE(run(dir, "fitkit-ridge", {"fit", "--data", diabetes, "--model", ridge}).status == 0);
  require_failure(run(dir, "fitkit", {"predict", "--model", ridge, "--data", diabetes, "--proba"}),
                  1, "fitkit", "Ridge has no predict_proba");
  require_failure(run(dir, "fitkit", {"transform", "--model", ridge, "--data", diabetes}), 1,
                  "fitkit", "Ridge is not a transformer");
}

TEST_CASE("cli: class weights by class name become the labels of those classes",
          "[cli][interface]") {
  ScratchDir dir;
  const std::string iris = source_path("datasets/iris.csv");
  const std::string model = dir.file("clf.json");
  REQUIRE(run(dir, "fitkit-logistic-regression",
              {"fit", "--data", iris, "--model", model, "--max-iter", "1000", "--class-weight",
               "versicolor:3,virginica:0.5"})
              .status == 0);
  const auto clf = fitkit::load<fitkit::LogisticRegression>(model);
  CHECK(clf.params().class_weight == fitkit::ClassWeight::given({{1, 3.0}, {2, 0.5}}));
  // The same as the library given the labels.
  fitkit::io::CsvOptions options;
  const fitkit::Dataset d = fitkit::io::read_csv(iris, options);
  fitkit::LogisticRegression expected(
      {.class_weight = fitkit::ClassWeight::given({{1, 3.0}, {2, 0.5}}), .max_iter = 1000});
  expected.fit(d.X, fitkit::labels_from_values(d.y, "test"));
  CHECK(arma::approx_equal(clf.coef(), expected.coef(), "reldiff", 1e-12));

  require_failure(run(dir, "fitkit-logistic-regression",
                      {"fit", "--data", iris, "--model", model, "--class-weight", "rose:2"}),
                  2, "fitkit-logistic-regression",
                  "--class-weight: 'rose' is not a class of the target (setosa, versicolor, "
                  "virginica)");
  require_failure(run(dir, "fitkit-logistic-regression",
                      {"fit", "--data", iris, "--model", model, "--class-weight", "heavy"}),
                  2, "fitkit-logistic-regression", "expected none, balanced or label:weight");
}

TEST_CASE("cli: every registered program runs, with fit and info among its verbs",
          "[cli][interface]") {
  ScratchDir dir;
  for (const fitkit::EstimatorType& type : fitkit::registered_estimators()) {
    INFO(type.program);
    const Result help = run(dir, type.program, {"--help"});
    REQUIRE(help.status == 0);
    CHECK_THAT(help.out, Contains(type.description));
    const std::vector<std::string> verbs = verbs_in_help(help.out);
    CHECK(std::find(verbs.begin(), verbs.end(), "fit") != verbs.end());
    CHECK(std::find(verbs.begin(), verbs.end(), "info") != verbs.end());
    CHECK(run(dir, type.program, {"fit", "--help"}).status == 0);
  }
}
