// fitkit-polynomial-features and the transform verb, run as a user runs them: the output CSV
// (names, numbers, the target passed through), the pipeline into fitkit-ridge against
// scikit-learn, and the failures (exit 1 for data, 2 for usage, nothing left behind).

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/metrics/regression.hpp"
#include "fitkit/model/model_io.hpp"
#include "fitkit/preprocessing/polynomial_features.hpp"

using Catch::Matchers::Contains;
using fitkit::test::exists;
using fitkit::test::lines_of;
using fitkit::test::predictions_in;
using fitkit::test::printed_score;
using fitkit::test::read_file;
using fitkit::test::reference_scalar;
using fitkit::test::require_failure;
using fitkit::test::Result;
using fitkit::test::run;
using fitkit::test::ScratchDir;
using fitkit::test::source_path;

namespace {

const std::string kApp = "fitkit-polynomial-features";

std::string diabetes() {
  return source_path("datasets/diabetes.csv");
}

std::string fitted_model(const ScratchDir& dir, const std::string& name,
                         std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"fit", "--data", diabetes(), "--model", dir.file(name)};
  args.insert(args.end(), extra.begin(), extra.end());
  const Result fit = run(dir, kApp, args);
  INFO("stderr: " << fit.err);
  REQUIRE(fit.status == 0);
  REQUIRE(fit.out.empty());
  return dir.file(name);
}

std::string header_of(const std::vector<std::string>& names) {
  std::string line;
  for (const std::string& name : names) line += (line.empty() ? "" : ",") + name;
  return line;
}

}  // namespace

TEST_CASE("transform writes scikit-learn's names and the features, the target passed through",
          "[cli][polynomial_features][reference]") {
  const std::string format = GENERATE(as<std::string>{}, "p.bin", "p.json");
  ScratchDir dir;
  const std::string model = fitted_model(dir, format, {"--target", "progression", "--degree", "2"});

  const std::string output = dir.file("features.csv");
  const Result transform =
      run(dir, kApp, {"transform", "--model", model, "--data", diabetes(), "--output", output});
  INFO("stderr: " << transform.err);
  REQUIRE(transform.status == 0);
  REQUIRE(transform.out.empty());
  const std::string written = read_file(output);
  const std::vector<std::string> lines = lines_of(written);
  REQUIRE(lines.size() == 443);

  const auto poly = fitkit::load<fitkit::PolynomialFeatures>(model);
  std::vector<std::string> names = poly.feature_names_out();
  REQUIRE(names.size() == 66);
  CHECK(names[11] == "age^2");
  CHECK(names[12] == "age sex");
  names.push_back("progression");
  CHECK(lines[0] == header_of(names));

  // The numbers read back exactly (shortest round-trip form), the target unchanged.
  const fitkit::Dataset data = fitkit::io::read_csv(diabetes());
  const fitkit::Dataset back = fitkit::io::read_csv(output, {.target = "progression"});
  CHECK(arma::approx_equal(back.X, poly.transform(data.X), "absdiff", 0.0));
  CHECK(arma::approx_equal(back.y, data.y, "absdiff", 0.0));

  SECTION("stdout without --output, and the umbrella program writes the same") {
    CHECK(run(dir, kApp, {"transform", "--model", model, "--data", diabetes()}).out == written);
    CHECK(run(dir, "fitkit", {"transform", "--model", model, "--data", diabetes()}).out == written);
  }
  SECTION("a file without the target column gives the features alone") {
    const fitkit::Dataset features = fitkit::io::read_csv(diabetes());
    std::string text = "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6\n";
    for (const std::string& line : lines_of(read_file(diabetes())))
      if (!line.starts_with("age")) text += line.substr(0, line.rfind(',')) + "\n";
    const std::string no_target = dir.write("no_target.csv", text);
    const Result out = run(dir, kApp, {"transform", "--model", model, "--data", no_target});
    REQUIRE(out.status == 0);
    const std::vector<std::string> rows = lines_of(out.out);
    CHECK(rows[0] == header_of(poly.feature_names_out()));
    CHECK(rows[1] + ",151" == lines[1]);
  }
}

TEST_CASE("PolynomialFeatures(2) then fitkit-ridge gives scikit-learn's pipeline R2",
          "[cli][polynomial_features][reference]") {
  ScratchDir dir;
  const std::string model = fitted_model(dir, "p.bin", {"--target", "progression"});
  const std::string features = dir.file("features.csv");
  REQUIRE(
      run(dir, kApp, {"transform", "--model", model, "--data", diabetes(), "--output", features})
          .status == 0);
  const std::string ridge = dir.file("ridge.bin");
  const Result fit = run(dir, "fitkit-ridge",
                         {"fit", "--data", features, "--target", "progression", "--model", ridge});
  INFO("stderr: " << fit.err);
  REQUIRE(fit.status == 0);

  // scikit-learn 1.2.1: make_pipeline(PolynomialFeatures(2), Ridge()) on diabetes.csv.
  const double expected = reference_scalar("polynomial_features/pipeline/score.csv");
  const Result predict =
      run(dir, "fitkit-ridge", {"predict", "--model", ridge, "--data", features});
  REQUIRE(predict.status == 0);
  const fitkit::Dataset data = fitkit::io::read_csv(diabetes());
  CHECK(fitkit::r2_score(data.y, predictions_in(predict.out)) == Approx(expected).epsilon(1e-9));
  const Result score = run(dir, "fitkit", {"score", "--model", ridge, "--data", features});
  REQUIRE(score.status == 0);
  CHECK(printed_score(score.out, "R2") == Approx(expected).margin(1e-6));
}

TEST_CASE("transform passes a text target through as text", "[cli][polynomial_features]") {
  ScratchDir dir;
  const std::string iris = source_path("datasets/iris.csv");
  const std::string model = dir.file("p.json");
  REQUIRE(run(dir, kApp,
              {"fit", "--data", iris, "--target", "species", "--model", model, "--degree", "1",
               "--include-bias", "false"})
              .status == 0);
  const Result out = run(dir, "fitkit", {"transform", "--model", model, "--data", iris});
  REQUIRE(out.status == 0);
  const std::vector<std::string> input = lines_of(read_file(iris));
  const std::vector<std::string> rows = lines_of(out.out);
  REQUIRE(rows.size() == input.size());
  CHECK(rows[0] == input[0]);
  CHECK(rows[1].ends_with(",setosa"));
  CHECK(rows.back().ends_with(",virginica"));
}

TEST_CASE("fitkit-polynomial-features: fit, transform and info, no predict or score",
          "[cli][polynomial_features]") {
  ScratchDir dir;
  SECTION("--help lists the transformer's verbs and parameters") {
    const Result help = run(dir, kApp, {"--help"});
    REQUIRE(help.status == 0);
    for (const char* verb : {"\n  fit ", "\n  transform ", "\n  info "})
      CHECK_THAT(help.out, Contains(verb));
    CHECK_THAT(help.out, !Contains("\n  predict "));
    const Result fit_help = run(dir, kApp, {"fit", "--help"});
    for (const char* piece : {"--degree int", "--min-degree int",
                              "--interaction-only [=bool(=true)]", "--include-bias [=bool(=true)]"})
      CHECK_THAT(fit_help.out, Contains(piece));
    CHECK_THAT(run(dir, "fitkit", {"--help"}).out, Contains("\n  transform "));
  }
  SECTION("info describes the model") {
    const std::string model = fitted_model(dir, "p.bin", {"--degree", "3", "--min-degree", "2"});
    const Result info = run(dir, kApp, {"info", model});
    REQUIRE(info.status == 0);
    for (const char* piece : {"type: PolynomialFeatures", "min_degree: 2", "n_features_in: 11",
                              "n_output_features: 353", "feature names out: 1, age^2, age sex"})
      CHECK_THAT(info.out, Contains(piece));
  }
  SECTION("predict and score on a transformer's model say to use transform") {
    const std::string model = fitted_model(dir, "p.bin");
    for (const char* verb : {"predict", "score"})
      require_failure(run(dir, "fitkit", {verb, "--model", model, "--data", diabetes()}), 1,
                      "fitkit", "PolynomialFeatures is a transformer: use transform");
    require_failure(run(dir, kApp, {"predict", "--model", model, "--data", diabetes()}), 2, kApp,
                    "unknown verb 'predict'");
  }
  SECTION("transform on another estimator's model says to use predict") {
    const std::string ridge = dir.file("ridge.bin");
    REQUIRE(run(dir, "fitkit-ridge", {"fit", "--data", diabetes(), "--model", ridge}).status == 0);
    const std::string output = dir.file("out.csv");
    require_failure(run(dir, "fitkit",
                        {"transform", "--model", ridge, "--data", diabetes(), "--output", output}),
                    1, "fitkit", "Ridge is not a transformer: use predict");
    CHECK_FALSE(exists(output));
  }
}

TEST_CASE("fitkit-polynomial-features failures write nothing", "[cli][polynomial_features]") {
  ScratchDir dir;
  const std::string model = dir.file("p.bin");
  SECTION("usage errors exit 2") {
    require_failure(
        run(dir, kApp, {"fit", "--data", diabetes(), "--model", model, "--degree", "-1"}), 2, kApp,
        "parameter 'degree': must be at least 0");
    require_failure(
        run(dir, kApp,
            {"fit", "--data", diabetes(), "--model", model, "--degree", "2", "--min-degree", "3"}),
        2, kApp, "must be at most degree (2), got 3");
    require_failure(
        run(dir, kApp, {"fit", "--data", diabetes(), "--model", model, "--degree", "40"}), 2, kApp,
        "output features");
    require_failure(run(dir, kApp, {"transform", "--data", diabetes()}), 2, kApp,
                    "missing --model");
    CHECK_FALSE(exists(model));
  }
  SECTION("a bad data file exits 1 and leaves no model") {
    const std::string bad = dir.write("bad.csv", "a,b\n1,2\n3,x\n");
    require_failure(run(dir, kApp, {"fit", "--data", bad, "--model", model}), 1, kApp, "bad.csv:3");
    const std::string with_nan = dir.write("nan.csv", "a,b\n1,2\n3,NaN\n");
    require_failure(run(dir, kApp, {"fit", "--data", with_nan, "--model", model, "--missing"}), 1,
                    kApp,
                    "nan.csv:3:2: missing value in column 'b' (found 'NaN'); PolynomialFeatures "
                    "does not accept missing values, even with --missing");
    CHECK_FALSE(exists(model));
  }
  SECTION("transform of a file without the model's features, or with NaN, writes nothing") {
    fitted_model(dir, "p.bin", {"--target", "progression"});
    const std::string output = dir.file("out.csv");
    const std::string narrow = dir.write("narrow.csv", "age,sex\n1,2\n3,4\n");
    require_failure(
        run(dir, kApp, {"transform", "--model", model, "--data", narrow, "--output", output}), 1,
        kApp, "no column named");
    std::string text = read_file(diabetes());
    text.replace(text.find("\n59,2,"), 6, "\n59,NA,");
    const std::string missing = dir.write("missing.csv", text);
    require_failure(
        run(dir, kApp,
            {"transform", "--model", model, "--data", missing, "--missing", "--output", output}),
        1, kApp, "missing.csv:2:2: missing value in column 'sex' (found 'NA')");
    require_failure(run(dir, kApp,
                        {"transform", "--model", model, "--data", diabetes(), "--output",
                         dir.file("no/such/dir/out.csv")}),
                    1, kApp, "no/such/dir");
    CHECK_FALSE(exists(output));
  }
}
