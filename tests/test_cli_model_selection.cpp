// `fitkit cv` and `fitkit search` against scikit-learn's cross_val_score and GridSearchCV
// (tests/reference/make_model_selection.py: the same default folds), the saved winner, and the
// command lines they refuse without writing a model.

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"

using Catch::Matchers::Contains;
using fitkit::test::lines_of;
using fitkit::test::printed_score;
using fitkit::test::reference_matrix;
using fitkit::test::reference_vector;
using fitkit::test::require_failure;
using fitkit::test::require_success;
using fitkit::test::Result;
using fitkit::test::run;
using fitkit::test::ScratchDir;
using fitkit::test::source_path;

namespace {

// The whitespace-separated cells of a printed table's rows after its header.
std::vector<std::vector<std::string>> table_rows(const std::string& out, std::size_t n_rows) {
  const std::vector<std::string> lines = lines_of(out);
  REQUIRE(lines.size() >= n_rows + 1);
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 1; i <= n_rows; ++i) {
    std::istringstream cells(lines[i]);
    rows.emplace_back();
    for (std::string cell; cells >> cell;) rows.back().push_back(cell);
  }
  return rows;
}

}  // namespace

TEST_CASE("fitkit cv prints scikit-learn's cross_val_score", "[cli][model_selection]") {
  ScratchDir dir;
  const Result cv = run(dir, "fitkit",
                        {"cv", "--algorithm", "ridge", "--data",
                         source_path("datasets/diabetes.csv"), "--alpha", "0.5"});
  require_success(cv);
  const fitkit::Vector want =
      reference_vector("model_selection/ridge_diabetes/cross_val_score.csv");
  const auto rows = table_rows(cv.out, 5);
  for (std::size_t k = 0; k < 5; ++k)
    CHECK(std::stod(rows[k].at(1)) == Approx(want(k)).margin(5e-7));
  CHECK(printed_score(cv.out, "R2") == Approx(arma::mean(want)).margin(5e-7));

  // A classifier's folds are stratified; --param sets a parameter the verb's own options hide.
  const Result knn =
      run(dir, "fitkit",
          {"cv", "--algorithm", "kneighbors-classifier", "--data", source_path("datasets/iris.csv"),
           "--n-neighbors", "7", "--param", "algorithm=brute", "--scoring", "f1_macro"});
  require_success(knn);
  const fitkit::Matrix f1 = reference_matrix("model_selection/knn_iris_f1/cv_results.csv");
  // Candidate 6 of that grid is n_neighbors=7, weights=uniform.
  CHECK(printed_score(knn.out, "f1_macro") == Approx(f1(6, 5)).margin(5e-7));
}

TEST_CASE("fitkit search ranks scikit-learn's candidates and saves the best",
          "[cli][model_selection]") {
  ScratchDir dir;
  const std::string model = dir.file("best.bin");
  const std::string iris = source_path("datasets/iris.csv");
  const Result search =
      run(dir, "fitkit",
          {"search", "--algorithm", "kneighbors-classifier", "--data", iris, "--grid",
           "n_neighbors=1,3,5,7,9,15;weights=uniform,distance", "--model", model});
  require_success(search);
  const fitkit::Matrix want = reference_matrix("model_selection/knn_iris/cv_results.csv");
  const auto rows = table_rows(search.out, want.n_rows);
  for (std::size_t c = 0; c < want.n_rows; ++c) {
    INFO("candidate " << c);
    CHECK(std::stod(rows[c].at(0)) == want(c, 7));                       // rank
    CHECK(std::stod(rows[c].at(1)) == Approx(want(c, 5)).margin(5e-7));  // mean
  }
  CHECK_THAT(search.out, Contains("best: n_neighbors=7 weights=uniform (accuracy 0.98)"));
  // The saved winner is a KNeighborsClassifier with those parameters, fitted on everything.
  const Result info = run(dir, "fitkit", {"info", model});
  require_success(info);
  CHECK_THAT(info.out, Contains("n_neighbors: 7"));
  CHECK_THAT(info.out, Contains("feature names: sepal_length"));
  CHECK(printed_score(run(dir, "fitkit", {"score", "--model", model, "--data", iris}).out,
                      "accuracy") == Approx(0.973333).margin(5e-7));

  // --random draws distinct candidates of the grid, the same ones for a seed whatever the
  // thread count.
  const auto random = [&](const std::string& threads) {
    const Result result =
        run(dir, "fitkit",
            {"search", "--algorithm", "kneighbors-classifier", "--data", iris, "--grid",
             "n_neighbors=1,3,5,7,9,15;weights=uniform,distance", "--random", "4", "--folds-seed",
             "3", "--model", dir.file("random.bin"), "--threads", threads});
    require_success(result);
    std::vector<std::string> candidates;  // rank, mean, std and parameters: not the time
    for (const auto& row : table_rows(result.out, 4)) {
      REQUIRE(row.size() == 6);
      candidates.push_back(row[0] + " " + row[1] + " " + row[2] + " " + row[4] + " " + row[5]);
    }
    return candidates;
  };
  const std::vector<std::string> one = random("1"), two = random("2");
  CHECK(one == two);
  CHECK(std::set<std::string>(one.begin(), one.end()).size() == 4);
}

TEST_CASE("fitkit cv and search refuse bad command lines and write nothing",
          "[cli][model_selection]") {
  ScratchDir dir;
  const std::string iris = source_path("datasets/iris.csv");
  const std::string model = dir.file("m.bin");
  const auto search = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {
        "search", "--algorithm", "kneighbors-classifier", "--data", iris, "--model", model};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(dir, "fitkit", args);
  };
  require_failure(search({"--grid", "n_neighbours=1,2"}), 2, "fitkit", "n_neighbours");
  require_failure(search({"--grid", "n_neighbors=3,0"}), 2, "fitkit", "n_neighbors");
  require_failure(search({"--grid", "n_neighbors"}), 2, "fitkit", "--grid");
  require_failure(search({"--grid", "n_neighbors=3", "--scoring", "f1_mac"}), 2, "fitkit",
                  "unknown scorer 'f1_mac'");
  require_failure(search({"--grid", "n_neighbors=3", "--folds", "151"}), 1, "fitkit",
                  "n_splits=151");
  CHECK_FALSE(std::filesystem::exists(model));
  require_failure(run(dir, "fitkit", {"cv", "--data", iris}), 2, "fitkit", "--algorithm");
  require_failure(run(dir, "fitkit", {"cv", "--algorithm", "svm", "--data", iris}), 2, "fitkit",
                  "unknown --algorithm 'svm'");
  require_failure(run(dir, "fitkit", {"cv", "--algorithm", "svc", "--data", iris, "--folds", "1"}),
                  2, "fitkit", "n_splits");
  require_failure(run(dir, "fitkit", {"cv", "--algorithm", "svc", "--data", iris, "--param", "C"}),
                  2, "fitkit", "NAME=VALUE");
}

TEST_CASE("fitkit split copies scikit-learn's train_test_split rows", "[cli][model_selection]") {
  ScratchDir dir;
  const std::string iris = source_path("datasets/iris.csv");
  const std::vector<std::string> rows = lines_of(fitkit::test::read_file(iris));
  const auto check = [&](const std::string& fixture, std::vector<std::string> options) {
    INFO(fixture);
    const std::string train = dir.file(fixture + "_train.csv"),
                      test = dir.file(fixture + "_test.csv");
    std::vector<std::string> args = {"split", "--data", iris, "--train", train, "--test", test};
    args.insert(args.end(), options.begin(), options.end());
    require_success(run(dir, "fitkit", args));
    for (const auto& [path, part] : {std::pair{train, "_train"}, {test, "_test"}}) {
      const fitkit::Vector want =
          reference_vector("model_selection/split/" + fixture + part + ".csv");
      const std::vector<std::string> got = lines_of(fitkit::test::read_file(path));
      REQUIRE(got.size() == want.n_elem + 1);
      CHECK(got[0] == rows[0]);  // the header
      for (std::size_t i = 0; i < want.n_elem; ++i)
        CHECK(got[i + 1] == rows[static_cast<std::size_t>(want(i)) + 1]);
    }
  };
  check("iris_stratified", {"--test-size", "0.2", "--stratify", "--seed", "1"});
  check("iris_count", {"--test-size", "30", "--seed", "5"});

  const auto refused = [&](std::vector<std::string> options, int status, const std::string& what) {
    std::vector<std::string> args = {"split",  "--data",         iris, "--train", dir.file("t.csv"),
                                     "--test", dir.file("v.csv")};
    args.insert(args.end(), options.begin(), options.end());
    require_failure(run(dir, "fitkit", args), status, "fitkit", what);
    CHECK_FALSE(std::filesystem::exists(dir.file("t.csv")));
  };
  refused({"--test-size", "1.5"}, 2, "test_size");
  refused({"--test-size", "two"}, 2, "--test-size");
  refused({"--stratify", "--no-shuffle"}, 2, "--stratify");
  // A class of one member cannot be stratified.
  const std::string lonely = dir.write("lonely.csv", "a,label\n1,x\n2,x\n3,x\n4,y\n5,x\n6,x\n");
  require_failure(run(dir, "fitkit",
                      {"split", "--data", lonely, "--stratify", "--test-size", "2", "--train",
                       dir.file("t.csv"), "--test", dir.file("v.csv")}),
                  1, "fitkit", "least populated class");
  CHECK_FALSE(std::filesystem::exists(dir.file("t.csv")));
}
