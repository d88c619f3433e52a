// fitkit-ridge-cv run as a user runs it: fit with a list of alphas, predict, score, info, and
// failures that exit 2 (usage) or 1 (data) and leave no model behind.

#include <catch2/catch.hpp>
#include <string>

#include "cli_support.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/linear/ridge_cv.hpp"
#include "fitkit/model/model_io.hpp"

using Catch::Matchers::Contains;
using namespace fitkit::test;

namespace {

const std::string kApp = "fitkit-ridge-cv";

std::string diabetes() {
  return source_path("datasets/diabetes.csv");
}

}  // namespace

TEST_CASE("fitkit-ridge-cv fits a list of alphas, predicts, scores and describes",
          "[ridge_cv][cli][reference]") {
  ScratchDir dir;
  const std::string model = dir.file("cv.json");
  const Result fit = run(dir, kApp,
                         {"fit", "--data", diabetes(), "--target", "progression", "--model", model,
                          "--alphas", "0.1,1,10", "--gcv-mode", "svd"});
  INFO(fit.err);
  REQUIRE(fit.status == 0);

  const auto data = fitkit::io::read_csv(diabetes());
  fitkit::RidgeCV expected({.alphas = {0.1, 1.0, 10.0}});
  expected.fit(data.X, data.y);
  const auto loaded = fitkit::load<fitkit::RidgeCV>(model);
  CHECK(loaded.alpha() == expected.alpha());
  // svd against auto (eigen) on diabetes, cond(X'X) 7.6e4: up to 1.7e-11 apart (Prescott).
  CHECK(relative_error(loaded.coef(), expected.coef()) < 1e-9);
  // scikit-learn 1.2.1 (tests/reference/ridge_cv/diabetes_default): alpha_ 0.1.
  CHECK(loaded.alpha() == 0.1);

  const Result info = run(dir, kApp, {"info", "--model", model});
  REQUIRE(info.status == 0);
  CHECK_THAT(info.out, Contains("type: RidgeCV") && Contains("alphas: 0.1,1,10") &&
                           Contains("gcv_mode: svd") && Contains(" alpha: 0.1\n") &&
                           Contains("best_score: -3001.66") && Contains("bmi: "));

  const Result predict = run(dir, kApp, {"predict", "--model", model, "--data", diabetes()});
  REQUIRE(predict.status == 0);
  CHECK(lines_of(predict.out)[0] == "progression");
  CHECK(relative_error(predictions_in(predict.out), expected.predict(data.X)) < 1e-10);

  const Result score = run(dir, "fitkit", {"score", "--model", model, "--data", diabetes()});
  REQUIRE(score.status == 0);
  CHECK(printed_score(score.out, "R2") == Approx(expected.score(data.X, data.y)).epsilon(1e-5));
}

TEST_CASE("fitkit-ridge-cv usage and data errors write no model", "[ridge_cv][cli]") {
  ScratchDir dir;
  const std::string model = dir.file("m.bin");
  SECTION("a non-positive alpha is a usage error") {
    require_failure(
        run(dir, kApp, {"fit", "--data", diabetes(), "--model", model, "--alphas", "1,0"}), 2, kApp,
        "parameter 'alphas': every value must be greater than 0, got 0");
  }
  SECTION("an empty list or text in it is a usage error") {
    require_failure(run(dir, kApp, {"fit", "--data", diabetes(), "--model", model, "--alphas", ""}),
                    2, kApp, "alphas");
    require_failure(
        run(dir, kApp, {"fit", "--data", diabetes(), "--model", model, "--alphas", "1,x"}), 2, kApp,
        "alphas");
  }
  SECTION("scikit-learn's cv is not offered") {
    require_failure(run(dir, kApp, {"fit", "--data", diabetes(), "--model", model, "--cv", "5"}), 2,
                    kApp, "unrecognised option '--cv'");
  }
  SECTION("one row is a data error") {
    const std::string one = dir.write("one.csv", "a,b,y\n1,2,3\n");
    require_failure(run(dir, kApp, {"fit", "--data", one, "--model", model}), 1, kApp,
                    "RidgeCV needs at least 2 samples, got 1");
  }
  SECTION("a NaN in X is a data error, read as missing or not") {
    const std::string bad = dir.write("nan.csv", "a,b,y\n1,2,3\n2,NaN,4\n3,1,5\n");
    require_failure(run(dir, kApp, {"fit", "--data", bad, "--model", model}), 1, kApp,
                    "nan.csv:3:2: missing value in column 'b'");
    require_failure(run(dir, kApp, {"fit", "--data", bad, "--model", model, "--missing"}), 1, kApp,
                    "nan.csv:3:2: missing value in column 'b' (found 'NaN'); RidgeCV does not "
                    "accept missing values, even with --missing");
  }
  REQUIRE_FALSE(exists(model));
}
