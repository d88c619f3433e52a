// Data files as pandas and scikit-learn write them, read by the programs as pandas and
// scikit-learn read them back (fixtures from tests/reference/make_io.py): a header of numbers,
// class labels that differ only in blanks, 0-based LIBSVM indices; and missing values refused
// at their cell.

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "cli_support.hpp"

using Catch::Matchers::Contains;
using fitkit::test::lines_of;
using fitkit::test::predictions_in;
using fitkit::test::printed_score;
using fitkit::test::read_file;
using fitkit::test::reference_scalar;
using fitkit::test::require_failure;
using fitkit::test::require_success;
using fitkit::test::Result;
using fitkit::test::run;
using fitkit::test::ScratchDir;
using fitkit::test::source_path;

namespace {

std::string fixture(const std::string& name) {
  return source_path("tests/reference/io/" + name);
}

// A cell written by fitkit's predictions: quoted when blanks would otherwise be lost, so the
// quotes are dropped here (these labels hold no quote of their own).
std::string unquoted(const std::string& cell) {
  if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"')
    return cell.substr(1, cell.size() - 2);
  return cell;
}

}  // namespace

TEST_CASE("a header of numbers written by pandas is the header, as pandas reads it",
          "[cli][reference]") {
  ScratchDir dir;
  const std::string app = "fitkit-linear-regression";
  const std::string data = fixture("diabetes_pandas.csv");
  const std::string model = dir.file("m.bin");
  const Result fit = run(dir, app, {"fit", "--data", data, "--model", model, "-v"});
  require_success(fit);
  const auto n_rows = static_cast<std::size_t>(reference_scalar("io/diabetes_pandas/n_rows.csv"));
  CHECK_THAT(fit.err, Contains("fitted LinearRegression on " + std::to_string(n_rows) + " x 10"));
  CHECK_THAT(fit.err, Contains("note: the first line of " + data +
                               " holds only numbers and was read as the header"));

  // scikit-learn's LinearRegression on pandas' rows of the file.
  const Result score = run(dir, app, {"score", "--model", model, "--data", data});
  require_success(score);
  CHECK(printed_score(score.out, "R2") ==
        Approx(reference_scalar("io/diabetes_pandas/score.csv")).margin(1e-6));

  // One prediction per row, under the target's name from the header.
  const Result predict = run(dir, app, {"predict", "--model", model, "--data", data});
  require_success(predict);
  const std::vector<std::string> lines = lines_of(predict.out);
  REQUIRE(lines.size() == n_rows + 1);
  CHECK(lines[0] == "10");
  CHECK(predictions_in(predict.out).n_elem == n_rows);
}

TEST_CASE("class labels keep their blanks, as pandas reads them, through fit and predict",
          "[cli][reference]") {
  ScratchDir dir;
  const std::string app = "fitkit-logistic-regression";
  const std::string data = fixture("labels.csv");
  const std::string model = dir.file("m.json");
  require_success(run(dir, app, {"fit", "--data", data, "--model", model}));

  const std::vector<std::string> classes = lines_of(read_file(fixture("labels_classes.txt")));
  const Result proba = run(dir, app, {"predict", "--model", model, "--data", data, "--proba"});
  require_success(proba);
  std::vector<std::string> columns;
  std::string header = lines_of(proba.out).at(0);
  for (std::size_t start = 0, comma; start <= header.size(); start = comma + 1) {
    comma = std::min(header.find(',', start), header.size());
    columns.push_back(unquoted(header.substr(start, comma - start)));
  }
  CHECK(columns == classes);

  // scikit-learn predicts each row's own label; fitkit must print it back byte for byte.
  const std::vector<std::string> expected = lines_of(read_file(fixture("labels_read.txt")));
  const Result predict = run(dir, app, {"predict", "--model", model, "--data", data});
  require_success(predict);
  const std::vector<std::string> lines = lines_of(predict.out);
  REQUIRE(lines.size() == expected.size() + 1);
  for (std::size_t i = 0; i < expected.size(); ++i) CHECK(unquoted(lines[i + 1]) == expected[i]);
  const Result score = run(dir, app, {"score", "--model", model, "--data", data});
  CHECK_THAT(score.out, Catch::StartsWith("accuracy: 1\nf1_macro: 1\n"));
}

TEST_CASE("a LIBSVM file from scikit-learn's dump_svmlight_file needs no --zero-based",
          "[cli][reference]") {
  ScratchDir dir;
  const std::string app = "fitkit-logistic-regression";
  const std::string data = fixture("iris_zero_based.svm");
  const std::string detected = dir.file("detected.bin");
  const std::string declared = dir.file("declared.bin");
  require_success(
      run(dir, app, {"fit", "--data", data, "--model", detected, "--max-iter", "1000"}));
  require_success(
      run(dir, app,
          {"fit", "--data", data, "--zero-based", "--model", declared, "--max-iter", "1000"}));
  CHECK_THAT(run(dir, app, {"info", detected}).out, Contains("n_features_in: 4\n"));

  const Result expected =
      run(dir, app, {"predict", "--model", declared, "--data", data, "--zero-based"});
  require_success(expected);
  const Result predict = run(dir, app, {"predict", "--model", detected, "--data", data});
  require_success(predict);
  CHECK(predict.out == expected.out);
  const Result score = run(dir, app, {"score", "--model", detected, "--data", data});
  require_success(score);
  // scikit-learn 1.2.1: LogisticRegression(max_iter=1000).fit(X, y).score(X, y) on iris.
  CHECK_THAT(score.out, Catch::StartsWith("accuracy: 0.973333\n"));
}

// A 0-based file that never stores feature 0 (every row has it zero) has no index 0 to detect
// the base from: read by itself, it would be 1-based, every feature shifted one place. The
// model keeps the base it was fitted with, so predict and score read it as fit did.
TEST_CASE("predict and score read a LIBSVM file with the index base the model was fitted on",
          "[cli]") {
  ScratchDir dir;
  const std::string app = "fitkit-logistic-regression";
  const std::string model = dir.file("m.bin");
  const std::string json_model = dir.file("m.json");
  for (const std::string& path : {model, json_model})
    require_success(run(
        dir, app,
        {"fit", "--data", fixture("iris_zero_based.svm"), "--model", path, "--max-iter", "1000"}));
  CHECK_THAT(run(dir, app, {"info", model}).out, Contains("LIBSVM feature indices: from 0"));
  // Rows of iris with their first feature set to 0, so that index 0 is never written.
  const std::string no_zero =
      dir.write("no_zero.svm", "0 1:3.5 2:1.4 3:0.2\n1 1:2.3 2:4.0 3:1.3\n2 1:3.0 2:5.8 3:2.2\n");
  const Result declared =
      run(dir, app, {"predict", "--model", model, "--data", no_zero, "--zero-based"});
  require_success(declared);
  for (const std::string& path : {model, json_model}) {
    const Result remembered = run(dir, app, {"predict", "--model", path, "--data", no_zero});
    require_success(remembered);
    CHECK(remembered.out == declared.out);
    CHECK(run(dir, app, {"score", "--model", path, "--data", no_zero}).out ==
          run(dir, app, {"score", "--model", path, "--data", no_zero, "--zero-based"}).out);
  }
  // A 1-based file is remembered as such; a model from before envelope version 3 says nothing.
  const std::string one_based = dir.file("one_based.bin");
  require_success(run(dir, app,
                      {"fit", "--data", dir.write("train.svm", "0 1:1 2:1\n1 1:2 2:5\n2 1:3 3:9\n"),
                       "--model", one_based}));
  CHECK_THAT(run(dir, app, {"info", one_based}).out, Contains("LIBSVM feature indices: from 1"));
  CHECK_THAT(run(dir, "fitkit-linear-regression",
                 {"info", source_path("tests/models/0.2.0/linear-regression.bin")})
                 .out,
             !Contains("LIBSVM"));
}

TEST_CASE("a missing value that --missing cannot let through is refused at its cell", "[cli]") {
  ScratchDir dir;
  const std::string data = dir.write("data.csv", "a,b,y\n1,2,3\n4,,5\n6,7,8\n");
  const std::string model = dir.file("m.bin");
  require_failure(
      run(dir, "fitkit-linear-regression", {"fit", "--data", data, "--missing", "--model", model}),
      1, "fitkit-linear-regression",
      data +
          ":3:2: missing value in column 'b' (found an empty cell); LinearRegression does not "
          "accept missing values, even with --missing");
  REQUIRE_FALSE(fitkit::test::exists(model));
}
