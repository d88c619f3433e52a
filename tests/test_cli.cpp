// The command-line programs, run as a user runs them: output, exit codes (0 ok, 1 error in
// the data or model, 2 usage), and no model or prediction file left behind by a failure.

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "fitkit/core/version.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/linear/lasso.hpp"
#include "fitkit/metrics/regression.hpp"
#include "fitkit/model/model_io.hpp"
#include "forged_models.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using fitkit::test::binary_with_fixed_checksum;
using fitkit::test::exists;
using fitkit::test::json_with_fixed_checksum;
using fitkit::test::lines_of;
using fitkit::test::predictions_in;
using fitkit::test::printed_score;
using fitkit::test::read_file;
using fitkit::test::require_failure;
using fitkit::test::Result;
using fitkit::test::run;
using fitkit::test::ScratchDir;
using fitkit::test::source_path;

namespace {

const std::string kApp = "fitkit-linear-regression";
// scikit-learn 1.2.1: LinearRegression().fit(X, y).score(X, y) on datasets/diabetes.csv.
constexpr double kDiabetesTrainingR2 = 0.5177484222203498;

std::string diabetes() {
  return source_path("datasets/diabetes.csv");
}

// The rows of diabetes.csv without its header line, each split into its cells.
std::vector<std::vector<std::string>> diabetes_cells() {
  std::vector<std::vector<std::string>> rows;
  const std::vector<std::string> lines = lines_of(read_file(diabetes()));
  for (std::size_t i = 1; i < lines.size(); ++i) {
    std::vector<std::string> cells;
    std::istringstream row(lines[i]);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

std::string joined_line(const std::vector<std::string>& cells) {
  std::string line;
  for (const std::string& cell : cells) line += (line.empty() ? "" : ",") + cell;
  return line + "\n";
}

// A .bin model rewritten by `edit` (on its body: the envelope, then the payload), with the
// length and checksum in its header made to match again, so only the edit is wrong.
std::string edited_binary_model(const std::string& bytes,
                                const std::function<void(std::string&)>& edit) {
  constexpr std::size_t header_size = 28;
  std::string body = bytes.substr(header_size);
  edit(body);
  return binary_with_fixed_checksum(bytes.substr(0, header_size) + body);
}

// Fits on diabetes.csv and returns the model's path.
std::string fitted_model(const ScratchDir& dir, const std::string& name) {
  const Result fit = run(dir, kApp, {"fit", "--data", diabetes(), "--model", dir.file(name)});
  INFO("stderr: " << fit.err);
  REQUIRE(fit.status == 0);
  return dir.file(name);
}

}  // namespace

TEST_CASE("fit, predict and score diabetes.csv give scikit-learn's R2", "[cli][reference]") {
  const std::string format = GENERATE(as<std::string>{}, "m.bin", "m.json");
  ScratchDir dir;
  const std::string model = dir.file(format);

  const Result fit = run(dir, kApp, {"fit", "--data", diabetes(), "--model", model});
  INFO("stderr: " << fit.err);
  REQUIRE(fit.status == 0);
  REQUIRE(fit.out.empty());
  REQUIRE(fit.err.empty());
  REQUIRE(exists(model));

  const std::string output = dir.file("predictions.csv");
  const Result predict =
      run(dir, kApp, {"predict", "--model", model, "--data", diabetes(), "--output", output});
  REQUIRE(predict.status == 0);
  REQUIRE(predict.out.empty());
  const std::string written = read_file(output);
  const std::vector<std::string> lines = lines_of(written);
  REQUIRE(lines.size() == 443);
  REQUIRE(lines[0] == "progression");

  const fitkit::Dataset data = fitkit::io::read_csv(diabetes());
  const double r2 = fitkit::r2_score(data.y, predictions_in(written));
  REQUIRE(r2 == Approx(kDiabetesTrainingR2).margin(1e-6));

  const Result score = run(dir, kApp, {"score", "--model", model, "--data", diabetes()});
  REQUIRE(score.status == 0);
  REQUIRE(printed_score(score.out, "R2") == Approx(r2).margin(1e-6));
  // scikit-learn 1.2.1: mean_squared_error(squared=False) and mean_absolute_error of the
  // training predictions, to the six digits printed.
  CHECK(printed_score(score.out, "RMSE") == Approx(53.476128764026576).margin(5e-5));
  CHECK(printed_score(score.out, "MAE") == Approx(43.27745202531505).margin(5e-5));

  SECTION("predictions go to stdout without --output, or with --output -") {
    REQUIRE(run(dir, kApp, {"predict", "--model", model, "--data", diabetes()}).out == written);
    REQUIRE(
        run(dir, kApp, {"predict", "--model", model, "--data", diabetes(), "--output", "-"}).out ==
        written);
  }
  SECTION("the umbrella program predicts and scores the same") {
    REQUIRE(run(dir, "fitkit", {"predict", "--model", model, "--data", diabetes()}).out == written);
    REQUIRE(run(dir, "fitkit", {"score", "--model", model, "--data", diabetes()}).out == score.out);
  }
}

TEST_CASE("predict matches a file's columns to the model's features", "[cli]") {
  ScratchDir dir;
  const std::string model = fitted_model(dir, "m.bin");
  const std::string expected =
      run(dir, kApp, {"predict", "--model", model, "--data", diabetes()}).out;
  REQUIRE_FALSE(expected.empty());

  std::string reordered = "progression,s6,s5,s4,s3,s2,s1,bp,bmi,sex,age,id\n";
  std::string without_header, features_only;
  std::size_t i = 0;
  for (std::vector<std::string> cells : diabetes_cells()) {
    without_header += joined_line(cells);
    std::vector<std::string> backwards(cells.rbegin(), cells.rend());
    backwards.push_back("row" + std::to_string(++i));
    reordered += joined_line(backwards);
    cells.pop_back();
    features_only += joined_line(cells);
  }

  SECTION("by name, in any order, with extra columns ignored") {
    const Result result =
        run(dir, kApp, {"predict", "--model", model, "--data", dir.write("r.csv", reordered)});
    INFO("stderr: " << result.err);
    REQUIRE(result.status == 0);
    REQUIRE(result.out == expected);
    const Result score = run(dir, kApp, {"score", "--model", model, "--data", dir.file("r.csv")});
    REQUIRE(printed_score(score.out, "R2") == Approx(kDiabetesTrainingR2).margin(1e-6));
  }
  SECTION("without a header: the features in order, and a target only where --target says") {
    const std::string features_file = dir.write("b.csv", features_only);
    const Result features =
        run(dir, kApp, {"predict", "--model", model, "--data", features_file, "--no-header"});
    INFO("stderr: " << features.err);
    REQUIRE(features.status == 0);
    REQUIRE(features.out == expected);
    // Without --no-header its first line is the header, as pandas reads it, and names no
    // feature of the model.
    require_failure(run(dir, kApp, {"predict", "--model", model, "--data", features_file}), 1, kApp,
                    "b.csv: no column named 'age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', "
                    "'s5', 's6' (columns: '59', '2', '32.1', '101', '157', '93.2', '38', '4', "
                    "'4.8598', '87'); if the first line is data, not a header, give --no-header");

    const std::string with_target = dir.write("a.csv", without_header);
    const Result predict =
        run(dir, kApp,
            {"predict", "--model", model, "--data", with_target, "--target", "-1", "--no-header"});
    REQUIRE(predict.status == 0);
    REQUIRE(predict.out == expected);
    const Result score =
        run(dir, kApp,
            {"score", "--model", model, "--data", with_target, "--target", "10", "--no-header"});
    REQUIRE(printed_score(score.out, "R2") == Approx(kDiabetesTrainingR2).margin(1e-6));

    // Where the target is in a file without a header is not guessed.
    require_failure(
        run(dir, kApp, {"predict", "--model", model, "--data", with_target, "--no-header"}), 1,
        kApp,
        "a.csv: the file has 11 columns, but the LinearRegression model was fitted "
        "on 10 features (age, sex, bmi, bp, s1, ...), and this file, without a header "
        "row, does not have them by name: 10 columns were expected (the features, in "
        "order), or 11 with --target naming the target column");
    require_failure(
        run(dir, kApp, {"score", "--model", model, "--data", with_target, "--no-header"}), 1, kApp,
        "11 columns were expected, the features in order and the target, with --target naming "
        "it");
  }
}

TEST_CASE("a model fitted on a headerless file finds its columns again, wherever the target was",
          "[cli]") {
  ScratchDir dir;
  const std::string reference = fitted_model(dir, "reference.bin");
  const fitkit::Vector expected =
      predictions_in(run(dir, kApp, {"predict", "--model", reference, "--data", diabetes()}).out);

  // diabetes.csv without its header, the target first, and its features alone.
  std::string target_first, features_only;
  for (std::vector<std::string> cells : diabetes_cells()) {
    std::vector<std::string> moved{cells.back()};
    moved.insert(moved.end(), cells.begin(), cells.end() - 1);
    target_first += joined_line(moved);
    cells.pop_back();
    features_only += joined_line(cells);
  }
  const std::string data = dir.write("target-first.csv", target_first);
  const std::string model = dir.file("m.json");
  const Result fit =
      run(dir, kApp, {"fit", "--data", data, "--no-header", "--target", "0", "--model", model});
  INFO("stderr: " << fit.err);
  REQUIRE(fit.status == 0);

  const Result info = run(dir, kApp, {"info", model});
  REQUIRE_THAT(info.out, Contains("feature names: x1, x2, x3, x4, x5, x6, x7, x8, x9, x10\n"));
  REQUIRE_THAT(info.out, Contains("target: x0\n"));

  SECTION("score and predict the same file: the target is x0, not the last column") {
    const Result score = run(dir, kApp, {"score", "--model", model, "--data", data, "--no-header"});
    INFO("stderr: " << score.err);
    REQUIRE(printed_score(score.out, "R2") == Approx(kDiabetesTrainingR2).margin(1e-6));
    const Result predict =
        run(dir, kApp, {"predict", "--model", model, "--data", data, "--no-header"});
    REQUIRE(predict.status == 0);
    REQUIRE(lines_of(predict.out)[0] == "x0");
    REQUIRE(fitkit::test::relative_error(predictions_in(predict.out), expected) < 1e-9);
  }
  SECTION("predict a file of the features alone") {
    const Result predict = run(
        dir, kApp,
        {"predict", "--model", model, "--data", dir.write("x.csv", features_only), "--no-header"});
    INFO("stderr: " << predict.err);
    REQUIRE(predict.status == 0);
    REQUIRE(fitkit::test::relative_error(predictions_in(predict.out), expected) < 1e-9);
    require_failure(
        run(dir, kApp, {"score", "--model", model, "--data", dir.file("x.csv"), "--no-header"}), 1,
        kApp,
        "x.csv: the file has 10 columns, but the LinearRegression model was fitted on "
        "10 features (x1, x2, x3, x4, x5, ...), and this file, without a header row, "
        "does not have them by name: 11 columns were expected");
  }
}

TEST_CASE("a regressor's target must be numbers: text there is an error, not classes", "[cli]") {
  ScratchDir dir;
  std::vector<std::vector<std::string>> rows = diabetes_cells();
  rows[3].back() += "x";  // line 5 of the file
  std::string text = "age,sex,bmi,bp,s1,s2,s3,s4,s5,s6,progression\n";
  for (const std::vector<std::string>& cells : rows) text += joined_line(cells);
  const std::string data = dir.write("data.csv", text);
  const std::string message = data +
                              ":5:11: expected a number in target column 'progression', "
                              "found '" +
                              rows[3].back() + "'";

  require_failure(run(dir, kApp, {"fit", "--data", data, "--model", dir.file("m.bin")}), 1, kApp,
                  message);
  REQUIRE_FALSE(exists(dir.file("m.bin")));
  const std::string model = fitted_model(dir, "good.bin");
  require_failure(run(dir, kApp, {"score", "--model", model, "--data", data}), 1, kApp, message);
  require_failure(run(dir, "fitkit", {"score", "--model", model, "--data", data}), 1, "fitkit",
                  message);
  // predict reads no target, so the cell does not matter there.
  REQUIRE(run(dir, kApp, {"predict", "--model", model, "--data", data}).status == 0);
}

TEST_CASE("LIBSVM files: --n-features and --zero-based", "[cli]") {
  ScratchDir dir;
  const std::string model = dir.file("m.json");
  SECTION("--n-features sets the width; predict takes the model's") {
    const std::string data =
        dir.write("train.svm", "1 1:1 2:0.5\n2 1:2 3:1\n3 2:3\n4 1:1 3:2\n5 1:4 2:1 3:1\n");
    const Result fit =
        run(dir, kApp, {"fit", "--data", data, "--n-features", "5", "--model", model});
    INFO("stderr: " << fit.err);
    REQUIRE(fit.status == 0);
    REQUIRE_THAT(run(dir, kApp, {"info", model}).out, Contains("n_features_in: 5\n"));
    const std::string narrow = dir.write("test.svm", "0 1:1\n0 2:1\n");
    const Result predict = run(dir, kApp, {"predict", "--model", model, "--data", narrow});
    INFO("stderr: " << predict.err);
    REQUIRE(predict.status == 0);
    REQUIRE(lines_of(predict.out).size() == 3);
    require_failure(
        run(dir, kApp, {"predict", "--model", model, "--data", dir.write("wide.svm", "0 6:1\n")}),
        1, kApp, "wide.svm:1:3: feature index 6 is beyond n_features = 5");
  }
  SECTION("--zero-based, or an index 0 in the file") {
    const std::string data = dir.write("train.svm", "1 1:1 2:0.5\n2 1:2\n3 2:3\n4 1:1 2:2\n");
    const Result fit = run(dir, kApp, {"fit", "--data", data, "--zero-based", "--model", model});
    INFO("stderr: " << fit.err);
    REQUIRE(fit.status == 0);
    REQUIRE_THAT(run(dir, kApp, {"info", model}).out, Contains("n_features_in: 3\n"));
    REQUIRE(run(dir, kApp, {"score", "--model", model, "--data", data, "--zero-based"}).status ==
            0);
    const std::string zero = dir.write("zero.svm", "1 0:1 1:0.5\n2 0:2\n3 1:3\n4 0:1 1:2\n");
    REQUIRE(run(dir, kApp, {"fit", "--data", zero, "--model", model}).status == 0);
    REQUIRE_THAT(run(dir, kApp, {"info", model}).out, Contains("n_features_in: 2\n"));
  }
  SECTION("a huge width from a few bytes is refused") {
    const std::string data = dir.write("far.svm", "1 3000000:1\n");
    require_failure(run(dir, kApp, {"fit", "--data", data, "--model", model}), 1, kApp,
                    "give --n-features (n_features in C++) to read it anyway");
  }
}

TEST_CASE("estimator parameters are options named after them", "[cli]") {
  ScratchDir dir;
  const std::string model = dir.file("m.json");
  const Result fit = run(dir, kApp,
                         {"fit", "--data", diabetes(), "--model", model, "--fit-intercept", "false",
                          "--solver", "svd", "--threads", "1", "-q"});
  INFO("stderr: " << fit.err);
  REQUIRE(fit.status == 0);

  const Result info = run(dir, kApp, {"info", "--model", model});
  REQUIRE(info.status == 0);
  REQUIRE_THAT(info.out, Contains("fit_intercept: false"));
  REQUIRE_THAT(info.out, Contains("solver: svd"));
  REQUIRE_THAT(info.out, Contains("intercept: 0\n"));
}

TEST_CASE("a boolean parameter given bare means true, as a GNU flag", "[cli]") {
  ScratchDir dir;
  const auto fit_lasso = [&](const std::string& model, std::vector<std::string> positive) {
    std::vector<std::string> args = {"fit", "--data", diabetes(), "--model", dir.file(model), "-q"};
    args.insert(args.begin() + 1, positive.begin(), positive.end());  // also before other options
    const Result fit = run(dir, "fitkit-lasso", args);
    INFO("stderr: " << fit.err);
    REQUIRE(fit.status == 0);
    return read_file(dir.file(model));
  };
  const std::string bare = fit_lasso("bare.json", {"--positive"});
  CHECK(fitkit::load<fitkit::Lasso>(dir.file("bare.json")).params().positive);
  CHECK(bare == fit_lasso("true.json", {"--positive", "true"}));
  CHECK(fit_lasso("false.json", {"--positive", "false"}) != bare);
  require_failure(
      run(dir, "fitkit-lasso",
          {"fit", "--data", diabetes(), "--model", dir.file("x.json"), "--positive", "maybe"}),
      2, "fitkit-lasso", "expected true or false");
}

TEST_CASE("info describes a model file", "[cli]") {
  ScratchDir dir;
  const std::string model = fitted_model(dir, "m.bin");
  const Result app = run(dir, kApp, {"info", "--model", model});
  const Result umbrella = run(dir, "fitkit", {"info", model});
  REQUIRE(app.status == 0);
  REQUIRE(umbrella.status == 0);
  REQUIRE(app.out == umbrella.out);
  for (const std::string& piece : std::vector<std::string>{
           "type: LinearRegression (regressor)\n", "class version: 1\n",
           "fitkit version: " + std::string(fitkit::version()) + "\n", "format: binary",
           "fit_intercept: true\n", "solver: auto\n", "n_features_in: 10\n",
           "feature names: age, sex, bmi, bp, s1, s2, s3, s4, s5, s6\n", "target: progression\n",
           "intercept: ", "coef:\n", "    bmi: "})
    REQUIRE_THAT(app.out, Contains(piece));
}

TEST_CASE("list, --version and --help", "[cli]") {
  ScratchDir dir;
  SECTION("fitkit list names every program once") {
    const Result list = run(dir, "fitkit", {"list"});
    REQUIRE(list.status == 0);
    // Names padded to the longest one, then the description.
    bool listed = false;
    for (const std::string& line : lines_of(list.out))
      listed = listed || (line.starts_with("fitkit-linear-regression  ") &&
                          line.ends_with("  Ordinary least squares linear regression"));
    REQUIRE(listed);
    for (const auto& entry : std::filesystem::directory_iterator(FITKIT_BIN_DIR)) {
      const std::string name = entry.path().filename().string();
      if (name.starts_with("fitkit-")) REQUIRE_THAT(list.out, Contains(name + "  "));
    }
  }
  SECTION("--version") {
    const std::string version = fitkit::version();
    REQUIRE(run(dir, kApp, {"--version"}).out == kApp + " (fitkit) " + version + "\n");
    REQUIRE(run(dir, "fitkit", {"--version"}).out == "fitkit (fitkit) " + version + "\n");
  }
  SECTION("the program's --help lists its verbs") {
    const Result help = run(dir, kApp, {"--help"});
    REQUIRE(help.status == 0);
    for (const char* verb : {"\n  fit ", "\n  predict ", "\n  score ", "\n  info "})
      REQUIRE_THAT(help.out, Contains(verb));
    const Result umbrella = run(dir, "fitkit", {"--help"});
    for (const char* verb : {"\n  list ", "\n  info ", "\n  predict ", "\n  score "})
      REQUIRE_THAT(umbrella.out, Contains(verb));
  }
  SECTION("fit --help lists the estimator's parameters with their defaults and choices") {
    const Result help = run(dir, kApp, {"fit", "--help"});
    REQUIRE(help.status == 0);
    for (const char* piece :
         {"--data FILE", "--model FILE", "--target COL", "--fit-intercept [=bool(=true)]",
          "(default: true)", "--solver auto|svd", "--threads N", "--verbose"})
      REQUIRE_THAT(help.out, Contains(piece));
    const Result predict_help = run(dir, kApp, {"predict", "--help"});
    REQUIRE(predict_help.status == 0);
    REQUIRE_THAT(predict_help.out, Contains("--output FILE"));
    REQUIRE_THAT(predict_help.out, !Contains("--fit-intercept"));
  }
}

TEST_CASE("verbose mode prints timers and a summary to stderr only", "[cli]") {
  ScratchDir dir;
  const Result fit =
      run(dir, kApp, {"fit", "--data", diabetes(), "--model", dir.file("m.bin"), "-v"});
  REQUIRE(fit.status == 0);
  REQUIRE(fit.out.empty());
  for (const char* piece : {"load data: ", "fit: ", "save model: ",
                            "fitted LinearRegression on "
                            "442 x 10"})
    REQUIRE_THAT(fit.err, Contains(piece));
}

TEST_CASE("bad data files are refused with the file and line, and no model is written", "[cli]") {
  ScratchDir dir;
  struct Case {
    std::string name, contents, message;
  };
  const Case bad = GENERATE(values<Case>({
      {"empty file", "", "empty file"},
      {"header only", "a,b,y\n", "only a header"},
      {"ragged row", "a,b,y\n1,2,3\n4,5\n6,7,8\n", "data.csv:3: expected 3 fields, found 2"},
      {"non-numeric cell", "a,b,y\n1,2,3\n4,x,5\n", "data.csv:3:2: expected a number"},
      {"NaN cell", "a,b,y\n1,2,3\n4,nan,5\n", "data.csv:3:2: missing value"},
      {"Inf cell", "a,b,y\n1,2,3\n4,-inf,5\n",
       "data.csv:3:2: non-finite value '-inf' in column 'b'"},
      {"missing target value", "a,b,y\n1,2,3\n4,5,\n", "data.csv:3:3: missing target value"},
      {"text in a regression target", "a,b,y\n1,2,3\n4,5,151x\n",
       "data.csv:3:3: expected a number in target column 'y', found '151x'"},
      {"only the target column", "y\n1\n2\n", "no feature columns"},
  }));
  INFO(bad.name);
  const std::string data = dir.write("data.csv", bad.contents);
  const std::string model = dir.file("m.bin");
  require_failure(run(dir, kApp, {"fit", "--data", data, "--model", model}), 1, kApp, bad.message);
  REQUIRE_FALSE(exists(model));

  // An existing model is left as it was.
  dir.write("old.bin", "old model");
  require_failure(run(dir, kApp, {"fit", "--data", data, "--model", dir.file("old.bin")}), 1, kApp,
                  bad.message);
  REQUIRE(read_file(dir.file("old.bin")) == "old model");
}

TEST_CASE("a missing or unreadable data file is an error naming it", "[cli]") {
  ScratchDir dir;
  const std::string missing = dir.file("missing.csv");
  require_failure(run(dir, kApp, {"fit", "--data", missing, "--model", dir.file("m.bin")}), 1, kApp,
                  missing + ": cannot open");
  const std::string directory = dir.file("folder.csv");
  std::filesystem::create_directory(directory);
  require_failure(run(dir, kApp, {"fit", "--data", directory, "--model", dir.file("m.bin")}), 1,
                  kApp, directory + ": cannot read: it is a directory");
  REQUIRE_FALSE(exists(dir.file("m.bin")));
  const std::string model = fitted_model(dir, "good.bin");
  require_failure(run(dir, "fitkit", {"predict", "--model", model, "--data", directory}), 1,
                  "fitkit", directory + ": cannot read: it is a directory");
}

TEST_CASE("a one-row file fits (the minimum-norm solution)", "[cli]") {
  ScratchDir dir;
  const std::string data = dir.write("one.csv", "a,b,y\n1,2,3\n");
  const Result fit = run(dir, kApp, {"fit", "--data", data, "--model", dir.file("m.bin")});
  INFO("stderr: " << fit.err);
  REQUIRE(fit.status == 0);
  REQUIRE(run(dir, kApp, {"predict", "--model", dir.file("m.bin"), "--data", data}).status == 0);
}

TEST_CASE("predict refuses data whose columns do not match the model", "[cli]") {
  ScratchDir dir;
  const std::string model = fitted_model(dir, "m.bin");
  const std::string output = dir.file("p.csv");
  SECTION("another width without a header") {
    const std::string data = dir.write("narrow.csv", "1,2,3\n4,5,6\n");
    require_failure(
        run(dir, kApp,
            {"predict", "--model", model, "--data", data, "--no-header", "--output", output}),
        1, kApp,
        "narrow.csv: the file has 3 columns, but the LinearRegression model was fitted on 10 "
        "features");
  }
  SECTION("a header without the model's columns") {
    const std::string data = dir.write("named.csv", "a,b,c\n1,2,3\n4,5,6\n");
    require_failure(
        run(dir, kApp, {"predict", "--model", model, "--data", data, "--output", output}), 1, kApp,
        "no column named 'age'");
  }
  SECTION("score without the target column") {
    const std::string data = dir.write("features.csv", "1,2,3,4,5,6,7,8,9,10\n");
    require_failure(run(dir, kApp, {"score", "--model", model, "--data", data, "--no-header"}), 1,
                    kApp, "the file has 10 columns");
  }
  REQUIRE_FALSE(exists(output));
}

TEST_CASE("damaged model files are refused", "[cli]") {
  ScratchDir dir;
  const std::string model = fitted_model(dir, "m.bin");
  const std::string bytes = read_file(model);
  const std::string output = dir.file("p.csv");

  SECTION("truncated") {
    const std::string truncated = dir.write("truncated.bin", bytes.substr(0, bytes.size() / 2));
    require_failure(
        run(dir, kApp, {"predict", "--model", truncated, "--data", diabetes(), "--output", output}),
        1, kApp, "truncated.bin: truncated");
    require_failure(run(dir, "fitkit", {"info", truncated}), 1, "fitkit", "truncated");
  }
  SECTION("one bit flipped") {
    std::string flipped = bytes;
    flipped[flipped.size() - 5] = static_cast<char>(flipped[flipped.size() - 5] ^ 0x10);
    const std::string path = dir.write("flipped.bin", flipped);
    require_failure(
        run(dir, kApp, {"predict", "--model", path, "--data", diabetes(), "--output", output}), 1,
        kApp, "flipped.bin: checksum mismatch");
    require_failure(run(dir, "fitkit", {"score", "--model", path, "--data", diabetes()}), 1,
                    "fitkit", "checksum mismatch");
  }
  SECTION("missing") {
    require_failure(run(dir, kApp, {"info", dir.file("none.bin")}), 1, kApp,
                    "none.bin: cannot open");
  }
  REQUIRE_FALSE(exists(output));
}

TEST_CASE("a model of another type is refused, naming the type", "[cli]") {
  ScratchDir dir;
  std::string json = read_file(fitted_model(dir, "m.json"));
  const std::string from = "\"type\": \"LinearRegression\"";
  REQUIRE(json.find(from) != std::string::npos);
  json.replace(json.find(from), from.size(), "\"type\": \"Absent\"");
  const std::string model = dir.write("absent.json", json_with_fixed_checksum(json));

  require_failure(run(dir, kApp, {"predict", "--model", model, "--data", diabetes()}), 1, kApp,
                  "holds a Absent model, not a LinearRegression");
  require_failure(run(dir, kApp, {"info", model}), 1, kApp, "Absent");
  require_failure(run(dir, "fitkit", {"info", model}), 1, "fitkit", "'Absent'");

  SECTION("binary, with a valid checksum") {
    const std::string bin =
        edited_binary_model(read_file(fitted_model(dir, "m.bin")), [](std::string& body) {
          const std::string name = "LinearRegression";
          const std::size_t at = body.find(name);
          REQUIRE(at >= 8);
          REQUIRE(body[at - 8] == static_cast<char>(name.size()));
          body.replace(at - 8, 8 + name.size(), std::string("\x06\0\0\0\0\0\0\0Absent", 14));
        });
    const std::string path = dir.write("absent.bin", bin);
    require_failure(run(dir, kApp, {"predict", "--model", path, "--data", diabetes()}), 1, kApp,
                    "absent.bin: the file holds a Absent model, not a LinearRegression");
    require_failure(run(dir, "fitkit", {"info", path}), 1, "fitkit", "'Absent'");
  }
}

TEST_CASE("a model from a newer version is refused", "[cli]") {
  ScratchDir dir;
  SECTION("json") {
    std::string json = read_file(fitted_model(dir, "m.json"));
    const std::string from = "\"class_version\": 1";
    REQUIRE(json.find(from) != std::string::npos);
    json.replace(json.find(from), from.size(), "\"class_version\": 99");
    const std::string model = dir.write("newer.json", json_with_fixed_checksum(json));
    require_failure(run(dir, kApp, {"predict", "--model", model, "--data", diabetes()}), 1, kApp,
                    "newer.json: LinearRegression model version 99 is newer");
    require_failure(run(dir, "fitkit", {"info", model}), 1, "fitkit", "newer");
  }
  SECTION("binary, with a valid checksum") {
    const std::string bin =
        edited_binary_model(read_file(fitted_model(dir, "m.bin")), [](std::string& body) {
          // The class version (u32) follows the type name.
          const std::size_t at = body.find("LinearRegression") + 16;
          REQUIRE(body.substr(at, 4) == std::string("\x01\0\0\0", 4));
          body[at] = 99;
        });
    const std::string model = dir.write("newer.bin", bin);
    require_failure(run(dir, kApp, {"score", "--model", model, "--data", diabetes()}), 1, kApp,
                    "newer.bin: LinearRegression model version 99 is newer");
  }
}

TEST_CASE("an output path that is a directory is refused before any work", "[cli]") {
  ScratchDir dir;
  const std::string folder = dir.file("models");
  std::filesystem::create_directory(folder);
  // Refused before the data is even read: the error names the model path, not the data.
  require_failure(run(dir, kApp, {"fit", "--data", dir.file("none.csv"), "--model", folder}), 1,
                  kApp, folder + ": cannot write: it is a directory");
  const Result verbose = run(dir, kApp, {"fit", "--data", diabetes(), "--model", folder, "-v"});
  require_failure(verbose, 1, kApp, folder + ": cannot write: it is a directory");
  REQUIRE_THAT(verbose.err, !Contains("load data"));
  const std::string model = fitted_model(dir, "m.bin");
  require_failure(
      run(dir, "fitkit", {"predict", "--model", model, "--data", diabetes(), "--output", folder}),
      1, "fitkit", folder + ": cannot write: it is a directory");
  REQUIRE(std::filesystem::is_empty(folder));
}

TEST_CASE("an output path in a missing directory is an error naming it", "[cli]") {
  ScratchDir dir;
  const std::string nowhere = dir.file("missing-dir");
  require_failure(run(dir, kApp, {"fit", "--data", diabetes(), "--model", nowhere + "/m.bin"}), 1,
                  kApp, nowhere + "/m.bin: cannot write: directory");
  const std::string model = fitted_model(dir, "m.bin");
  require_failure(
      run(dir, "fitkit",
          {"predict", "--model", model, "--data", diabetes(), "--output", nowhere + "/p.csv"}),
      1, "fitkit", nowhere + "/p.csv: cannot write");
  REQUIRE_FALSE(exists(nowhere));
}

TEST_CASE("usage errors exit 2 with a pointer to --help, and write nothing", "[cli]") {
  ScratchDir dir;
  const std::string data = diabetes();
  const std::string model = dir.file("m.bin");
  const std::string folder = dir.file("");  // an existing directory: a usage error wins
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const Case bad = GENERATE_COPY(values<Case>({
      {{"fit", "--data", data, "--model", model, "--bogus", "1"}, "unrecognised option '--bogus'"},
      {{"fit", "--data", data, "--model", model, "--fit", "false"}, "unrecognised option '--fit'"},
      {{"fit", "--data", data, "--model", model, "--fit-intercept", "maybe"},
       "parameter 'fit_intercept': expected true or false, found 'maybe'"},
      {{"fit", "--data", data, "--model", model, "--solver", "nope"},
       "parameter 'solver': expected one of auto, svd, found 'nope'"},
      {{"fit", "--data", data, "--model", model, "--threads", "-1"},
       "--threads must be in [1, 4095] (or 0 for the default), found -1"},
      {{"fit", "--data", data, "--model", model, "--threads", "4096"},
       "--threads must be in [1, 4095] (or 0 for the default), found 4096"},
      {{"score", "--model", model, "--data", data, "--threads", "100000"}, "--threads must be in"},
      {{"fit", "--data", data, "--model", model, "--n-features", "5"},
       "--n-features and --zero-based apply to LIBSVM files only; " + data + " is read as CSV"},
      {{"fit", "--data", data, "--model", model, "--zero-based"}, "apply to LIBSVM files only"},
      {{"fit", "--data", data, "--model", model, "--format", "libsvm", "--n-features", "0"},
       "--n-features must be at least 1, found 0"},
      {{"fit", "--data", data, "--model", model, "--format", "libsvm", "--target", "0"},
       "apply to CSV files only"},
      {{"fit", "--data", data, "--model", folder, "--zero-based"}, "LIBSVM files only"},
      {{"predict", "--model", model, "--data", data, "--n-features", "3"}, "LIBSVM files only"},
      {{"fit", "--data", data, "--model", model, "--threads", "abc"}, "'--threads' is invalid"},
      {{"fit", "--data", data, "--model", model, "--delimiter", "ab"}, "--delimiter"},
      {{"fit", "--data", data, "--model", model, "--format", "xls"},
       "--format must be csv or libsvm"},
      {{"fit", "--data", data, "--model", model, "--header", "--no-header"}, "--no-header"},
      {{"fit", "--data", data}, "missing --model"},
      {{"fit", "--model", model}, "missing --data"},
      {{"predict", "--model", model, "--data", data, "--solver", "svd"},
       "unrecognised option '--solver'"},
      {{}, "missing verb"},
      {{"train", "--data", data}, "unknown verb 'train'"},
      {{"--data", data, "fit"}, "expected a verb"},
  }));
  INFO("stderr of " << bad.message);
  require_failure(run(dir, kApp, bad.args), 2, kApp, bad.message);
  REQUIRE_FALSE(exists(model));
}

TEST_CASE("predict --proba is for classifiers", "[cli]") {
  ScratchDir dir;
  const std::string model = fitted_model(dir, "lr.bin");
  const std::string output = dir.file("proba.csv");
  require_failure(
      run(dir, kApp,
          {"predict", "--model", model, "--data", diabetes(), "--proba", "--output", output}),
      1, kApp, "LinearRegression has no predict_proba");
  REQUIRE_FALSE(exists(output));
}

TEST_CASE("a classifier prints class names back, and --proba writes one column per class",
          "[cli][reference]") {
  ScratchDir dir;
  const std::string app = "fitkit-logistic-regression";
  const std::string iris = source_path("datasets/iris.csv");
  const std::string model = dir.file("iris.json");
  REQUIRE(run(dir, app, {"fit", "--data", iris, "--model", model, "--max-iter", "1000"}).status ==
          0);

  const Result labels = run(dir, app, {"predict", "--model", model, "--data", iris});
  REQUIRE(labels.status == 0);
  const std::vector<std::string> predicted = lines_of(labels.out);
  REQUIRE(predicted.size() == 151);
  CHECK(predicted[0] == "species");
  CHECK(predicted[1] == "setosa");

  const Result proba = run(dir, app, {"predict", "--model", model, "--data", iris, "--proba"});
  REQUIRE(proba.status == 0);
  const std::vector<std::string> rows = lines_of(proba.out);
  REQUIRE(rows.size() == 151);
  CHECK(rows[0] == "setosa,versicolor,virginica");
  const std::vector<std::string> names = {"setosa", "versicolor", "virginica"};
  for (std::size_t i = 1; i < rows.size(); ++i) {
    std::istringstream cells(rows[i]);
    std::vector<double> p;
    for (std::string cell; std::getline(cells, cell, ',');) p.push_back(std::stod(cell));
    REQUIRE(p.size() == 3);
    CHECK(p[0] + p[1] + p[2] == Approx(1.0).epsilon(1e-12));
    const auto best = std::max_element(p.begin(), p.end()) - p.begin();
    CHECK(names[static_cast<std::size_t>(best)] == predicted[i]);
  }
  // scikit-learn 1.2.1 on iris, LogisticRegression(max_iter=1000).fit(X, y): score(X, y),
  // f1_score(y, predict(X), average="macro") and confusion_matrix(y, predict(X)).
  const Result score = run(dir, "fitkit", {"score", "--model", model, "--data", iris});
  CHECK(score.out ==
        "accuracy: 0.973333\n"
        "f1_macro: 0.973323\n"
        "confusion matrix (rows: true class, columns: predicted class):\n"
        "                setosa  versicolor   virginica\n"
        "    setosa          50           0           0\n"
        "versicolor           0          47           3\n"
        " virginica           0           1          49\n");
  // get_scorer's values: roc_auc_ovr 0.998333; neg_log_loss -0.119634, which fitkit's lbfgs,
  // stopping at its tolerance a little apart from scikit-learn's (and apart again with
  // another BLAS kernel: -0.119646 under Prescott), meets to 1e-3.
  const Result chosen =
      run(dir, "fitkit",
          {"score", "--model", model, "--data", iris, "--metrics", "roc_auc_ovr, neg_log_loss"});
  require_success(chosen);
  const std::vector<std::string> lines = lines_of(chosen.out);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "roc_auc_ovr: 0.998333");
  REQUIRE(lines[1].rfind("neg_log_loss: ", 0) == 0);
  CHECK(std::stod(lines[1].substr(14)) == Approx(-0.1196337519717491).epsilon(1e-3));
  const Result unknown =
      run(dir, "fitkit", {"score", "--model", model, "--data", iris, "--metrics", "f9"});
  CHECK(unknown.status == 2);
  CHECK_THAT(unknown.err, Contains("unknown scorer 'f9'"));
}
