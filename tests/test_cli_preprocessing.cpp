// --scale and --impute on an estimator's program: the preprocessing is fitted with the model
// and saved in its file (a Pipeline), so that predict on raw data gives scikit-learn's
// Pipeline's predictions (tests/reference/make_pipeline.py); and the command lines refused.

#include <catch2/catch.hpp>
#include <cmath>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "bundled_data.hpp"
#include "cli_support.hpp"
#include "fitkit/model/registry.hpp"

using Catch::Matchers::Contains;
using fitkit::test::exists;
using fitkit::test::matrix_csv;
using fitkit::test::predictions_in;
using fitkit::test::printed_score;
using fitkit::test::reference_vector;
using fitkit::test::require_failure;
using fitkit::test::require_success;
using fitkit::test::Result;
using fitkit::test::run;
using fitkit::test::ScratchDir;
using fitkit::test::source_path;

namespace {

// Diabetes as make_pipeline.py's with_holes: every 7th cell of X (row-major) empty.
std::string diabetes_with_holes() {
  const fitkit::Dataset data = fitkit::test::bundled("diabetes");
  fitkit::Matrix table = arma::join_rows(data.X, data.y);
  for (fitkit::Index k = 0; k < data.X.n_elem; k += 7)
    table(k / data.X.n_cols, k % data.X.n_cols) = std::nan("");
  std::vector<std::string> names = data.feature_names;
  names.push_back(data.target_name);
  std::string text = matrix_csv(table, names);
  for (std::size_t at; (at = text.find("nan")) != std::string::npos;) text.erase(at, 3);
  return text;
}

bool close_to(const fitkit::Vector& got, const fitkit::Vector& want) {
  return got.n_elem == want.n_elem && arma::approx_equal(got, want, "reldiff", 1e-12);
}

}  // namespace

TEST_CASE("scaling and imputing options are fitted with the model and applied at predict",
          "[cli][pipeline]") {
  ScratchDir dir;
  const std::string diabetes = source_path("datasets/diabetes.csv");
  const std::string model = dir.file("m.bin");
  require_success(
      run(dir, "fitkit-ridge",
          {"fit", "--data", diabetes, "--scale", "standard", "--alpha", "0.5", "--model", model}));
  const Result predicted =
      run(dir, "fitkit-ridge", {"predict", "--model", model, "--data", diabetes});
  require_success(predicted);
  CHECK(close_to(predictions_in(predicted.out),
                 reference_vector("pipeline/ridge_diabetes/predict.csv")));
  // The umbrella program reads it too, and info shows the steps.
  const Result info = run(dir, "fitkit", {"info", "--model", model});
  require_success(info);
  CHECK_THAT(info.out, Contains("standardscaler"));
  CHECK_THAT(info.out, Contains("ridge__alpha"));

  const std::string holes = dir.write("holes.csv", diabetes_with_holes());
  const std::string imputed = dir.file("imputed.json");
  require_success(run(dir, "fitkit-ridge",
                      {"fit", "--data", holes, "--impute", "median", "--scale", "robust", "--alpha",
                       "2", "--model", imputed}));
  const Result filled = run(dir, "fitkit-ridge", {"predict", "--model", imputed, "--data", holes});
  require_success(filled);
  CHECK(close_to(predictions_in(filled.out),
                 reference_vector("pipeline/impute_ridge_diabetes/predict.csv")));
}

TEST_CASE("scaling and imputing options refuse what they cannot do, and write no model",
          "[cli][pipeline]") {
  ScratchDir dir;
  const std::string diabetes = source_path("datasets/diabetes.csv");
  const std::string model = dir.file("m.bin");
  require_failure(
      run(dir, "fitkit-ridge", {"fit", "--data", diabetes, "--scale", "zscore", "--model", model}),
      2, "fitkit-ridge", "'zscore' is not a scaler");
  require_failure(
      run(dir, "fitkit-ridge", {"fit", "--data", diabetes, "--impute", "mode", "--model", model}),
      2, "fitkit-ridge", "--impute");
  require_failure(run(dir, "fitkit-ridge",
                      {"fit", "--data", diabetes, "--impute-fill-value", "3", "--model", model}),
                  2, "fitkit-ridge", "--impute-fill-value is the value of --impute constant");
  // Missing values without --impute are still refused where they are.
  const std::string holes = dir.write("holes.csv", diabetes_with_holes());
  require_failure(run(dir, "fitkit-ridge", {"fit", "--data", holes, "--model", model}), 1,
                  "fitkit-ridge", "holes.csv:2");
  CHECK_FALSE(exists(model));

  // Another program does not take the pipeline's model: it says what the file holds.
  require_success(
      run(dir, "fitkit-ridge", {"fit", "--data", diabetes, "--scale", "minmax", "--model", model}));
  require_failure(run(dir, "fitkit-lasso", {"predict", "--model", model, "--data", diabetes}), 1,
                  "fitkit-lasso", "holds a Pipeline ending in a Ridge model, not a Lasso");
}

TEST_CASE("one-hot encoding option encodes text columns and preprocesses the others",
          "[cli][pipeline][encoders]") {
  ScratchDir dir;
  const std::string mixed = source_path("tests/reference/encoders/mixed.csv");
  const std::string unknown = source_path("tests/reference/encoders/mixed_unknown.csv");
  const std::string model = dir.file("m.json");
  require_success(run(dir, "fitkit-ridge",
                      {"fit", "--data", mixed, "--target", "price", "--one-hot", "--impute", "mean",
                       "--scale", "standard", "--model", model}));
  const Result fitted = run(dir, "fitkit-ridge", {"predict", "--model", model, "--data", mixed});
  require_success(fitted);
  CHECK(
      close_to(predictions_in(fitted.out), reference_vector("pipeline/one_hot_mixed/predict.csv")));
  // Categories fit never saw (purple, XXL) are all zeros, as handle_unknown=ignore makes them.
  const Result unseen = run(dir, "fitkit-ridge", {"predict", "--model", model, "--data", unknown});
  require_success(unseen);
  CHECK(close_to(predictions_in(unseen.out),
                 reference_vector("pipeline/one_hot_mixed/predict_unknown.csv")));

  // Listed columns: the same when they are the text columns; a text column left out, or a
  // column the file does not have, is refused.
  const std::string listed = dir.file("listed.bin");
  require_success(run(dir, "fitkit-ridge",
                      {"fit", "--data", mixed, "--target", "price", "--one-hot=colour,1",
                       "--impute", "mean", "--scale", "standard", "--model", listed}));
  const Result same = run(dir, "fitkit-ridge", {"predict", "--model", listed, "--data", mixed});
  require_success(same);
  CHECK(close_to(predictions_in(same.out), reference_vector("pipeline/one_hot_mixed/predict.csv")));
  require_failure(run(dir, "fitkit-ridge",
                      {"fit", "--data", mixed, "--target", "price", "--one-hot=colour", "--impute",
                       "mean", "--model", listed + ".new"}),
                  1, "fitkit-ridge", "column 'size' holds text: list it in --one-hot");
  require_failure(run(dir, "fitkit-ridge",
                      {"fit", "--data", mixed, "--target", "price", "--one-hot=weight", "--impute",
                       "mean", "--model", listed + ".new"}),
                  2, "fitkit-ridge", "has no column 'weight'");
  CHECK_FALSE(exists(listed + ".new"));
  // Without --one-hot, text is refused as before.
  require_failure(run(dir, "fitkit-ridge",
                      {"fit", "--data", mixed, "--target", "price", "--impute", "mean", "--model",
                       listed + ".new"}),
                  1, "fitkit-ridge", "colour");
}

TEST_CASE("no program's own options clash with the preprocessing options", "[cli][pipeline]") {
  // An option given twice is ambiguous to the parser, and then refused whenever it is used.
  ScratchDir dir;
  const std::regex option(R"(^  (--[a-z0-9-]+))");
  for (const fitkit::EstimatorType& type : fitkit::registered_estimators()) {
    const Result help = run(dir, type.program, {"fit", "--help"});
    require_success(help);
    std::set<std::string> seen;
    for (const std::string& line : fitkit::test::lines_of(help.out)) {
      std::smatch found;
      if (!std::regex_search(line, found, option)) continue;
      INFO(type.program << " " << found[1]);
      CHECK(seen.insert(found[1]).second);
    }
    CHECK(seen.count("--scale") == 1);
  }
  // SimpleImputer's own --fill-value, next to --impute-fill-value.
  const std::string model = dir.file("imputer.bin");
  require_success(
      run(dir, "fitkit-simple-imputer",
          {"fit", "--data", source_path("datasets/diabetes.csv"), "--target", "progression",
           "--strategy", "constant", "--fill-value", "3", "--model", model}));
}

TEST_CASE("fitkit cv and search take the preprocessing options",
          "[cli][pipeline][model_selection]") {
  ScratchDir dir;
  const Result cv =
      run(dir, "fitkit",
          {"cv", "--algorithm", "ridge", "--data", source_path("datasets/diabetes.csv"), "--scale",
           "standard", "--alpha", "0.5"});
  require_success(cv);
  const fitkit::Vector scores = reference_vector("pipeline/cli_selection/ridge_cv_scores.csv");
  CHECK(printed_score(cv.out, "R2") == Approx(arma::mean(scores)).margin(5e-7));

  // The algorithm's own parameter names in --grid are its step's.
  const std::string model = dir.file("best.bin");
  const std::string iris = source_path("datasets/iris.csv");
  const Result search = run(dir, "fitkit",
                            {"search", "--algorithm", "svc", "--data", iris, "--scale", "standard",
                             "--grid", "C=0.1,1,10", "--model", model});
  require_success(search);
  const fitkit::Vector means = reference_vector("pipeline/cli_selection/svc_mean_test_score.csv");
  const std::vector<std::string> lines = fitkit::test::lines_of(search.out);
  REQUIRE(lines.size() >= 4);
  for (std::size_t c = 0; c < 3; ++c) {
    std::istringstream cells(lines[c + 1]);
    double rank = 0, mean = 0;
    cells >> rank >> mean;
    CHECK(mean == Approx(means(c)).margin(5e-7));
  }
  CHECK_THAT(search.out, Contains("best: svc__C=10"));
  const Result predicted = run(dir, "fitkit-svc", {"predict", "--model", model, "--data", iris});
  require_success(predicted);
}
