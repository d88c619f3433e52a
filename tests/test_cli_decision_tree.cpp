// fitkit-decision-tree-classifier and fitkit-decision-tree-regressor run as a user runs them:
// fit, predict (labels, --proba), score, info (the importances table) and export (text as
// scikit-learn's export_text, Graphviz dot), against the fixtures of
// tests/reference/make_decision_tree.py; missing cells read as NaN; bad parameters answered
// with an error, a non-zero exit and no model file.

#include <catch2/catch.hpp>
#include <string>

#include "cli_support.hpp"

using fitkit::Index;
using fitkit::Vector;
using namespace fitkit::test;

TEST_CASE("fitkit-decision-tree-classifier fits, predicts, scores, describes and exports iris",
          "[cli][decision_tree][reference]") {
  ScratchDir dir;
  const std::string data = source_path("datasets/iris.csv");
  for (const std::string model : {dir.file("m.bin"), dir.file("m.json")}) {
    require_success(run(dir, "fitkit-decision-tree-classifier",
                        {"fit", "--data", data, "--target", "species", "--model", model}));
    const Result predict =
        run(dir, "fitkit-decision-tree-classifier", {"predict", "--model", model, "--data", data});
    require_success(predict);
    const std::vector<std::string> lines = lines_of(predict.out);
    REQUIRE(lines.size() == 151);
    const Vector expected = reference_vector("decision_tree/iris_gini/predict.csv");
    const std::vector<std::string> names = {"setosa", "versicolor", "virginica"};
    for (Index i = 0; i < expected.n_elem; ++i)
      REQUIRE(lines[i + 1] == names[static_cast<Index>(expected(i))]);
    const Result score =
        run(dir, "fitkit-decision-tree-classifier", {"score", "--model", model, "--data", data});
    require_success(score);
    CHECK(printed_score(score.out, "accuracy") == 1.0);
    const Result info = run(dir, "fitkit-decision-tree-classifier", {"info", "--model", model});
    require_success(info);
    const auto table = info.out.find("feature importances");
    REQUIRE(table != std::string::npos);
    // The largest importance first: petal_width carries most of iris.
    CHECK(info.out.find("petal_width", table) < info.out.find("sepal_width", table));
    const Result text = run(dir, "fitkit-decision-tree-classifier",
                            {"export", "--model", model, "--format", "text"});
    require_success(text);
    CHECK(text.out == read_file(source_path("tests/reference/decision_tree/iris_export.txt")));
    const Result dot = run(dir, "fitkit-decision-tree-classifier",
                           {"export", "--model", model, "--format", "dot"});
    require_success(dot);
    CHECK_THAT(dot.out, Catch::Matchers::StartsWith("digraph Tree {"));
    CHECK_THAT(dot.out, Catch::Matchers::Contains("class = virginica"));
  }
}

TEST_CASE("export prints the tree of a pipeline model, on its preprocessed features",
          "[cli][decision_tree][reference]") {
  // --scale standard fits a StandardScaler + DecisionTreeClassifier pipeline: its tree is
  // scikit-learn's export_text(pipeline[-1]), thresholds in standardised units.
  ScratchDir dir;
  const std::string model = dir.file("m.bin");
  require_success(run(dir, "fitkit-decision-tree-classifier",
                      {"fit", "--data", source_path("datasets/iris.csv"), "--target", "species",
                       "--scale", "standard", "--max-depth", "3", "--model", model}));
  const Result text = run(dir, "fitkit-decision-tree-classifier", {"export", "--model", model});
  require_success(text);
  CHECK(text.out == read_file(source_path("tests/reference/decision_tree/iris_scaled_export.txt")));
}

TEST_CASE("fitkit-decision-tree-regressor fits and predicts diabetes as scikit-learn",
          "[cli][decision_tree][reference]") {
  ScratchDir dir;
  const std::string data = source_path("datasets/diabetes.csv");
  const std::string model = dir.file("m.bin");
  require_success(run(dir, "fitkit-decision-tree-regressor",
                      {"fit", "--data", data, "--target", "progression", "--model", model,
                       "--criterion", "poisson", "--min-samples-leaf", "4"}));
  const Result predict =
      run(dir, "fitkit-decision-tree-regressor", {"predict", "--model", model, "--data", data});
  require_success(predict);
  const Vector pred = predictions_in(predict.out);
  const Vector expected = reference_vector("decision_tree/diabetes_poisson/predict.csv");
  REQUIRE(pred.n_elem == expected.n_elem);
  CHECK(relative_error(pred, expected) < 1e-12);
  const Result text =
      run(dir, "fitkit-decision-tree-regressor", {"export", "--model", model, "--max-depth", "1"});
  require_success(text);
  CHECK_THAT(text.out, Catch::Matchers::StartsWith("|--- s5 <= "));
  CHECK_THAT(text.out, Catch::Matchers::Contains("truncated branch of depth"));
}

TEST_CASE("the tree programs read missing cells as NaN and fit on them", "[cli][decision_tree]") {
  ScratchDir dir;
  const std::string data = dir.write("missing.csv",
                                     "a,b,y\n"
                                     "1,,0\n"
                                     "2,5,0\n"
                                     "NA,6,1\n"
                                     "4,7,1\n"
                                     "5,NaN,1\n"
                                     "0,1,0\n");
  const std::string model = dir.file("m.bin");
  require_success(run(dir, "fitkit-decision-tree-classifier",
                      {"fit", "--data", data, "--target", "y", "--model", model}));
  const Result predict =
      run(dir, "fitkit-decision-tree-classifier", {"predict", "--model", model, "--data", data});
  require_success(predict);
  const std::vector<std::string> lines = lines_of(predict.out);
  REQUIRE(lines.size() == 7);
  CHECK(lines[1] == "0");
  CHECK(lines[3] == "1");
}

TEST_CASE("the tree programs refuse bad parameters", "[cli][decision_tree]") {
  ScratchDir dir;
  const std::string data = source_path("datasets/iris.csv");
  const std::string model = dir.file("m.bin");
  const std::string program = "fitkit-decision-tree-classifier";
  for (const auto& [option, value] :
       std::vector<std::pair<std::string, std::string>>{{"--max-depth", "0"},
                                                        {"--min-samples-leaf", "0"},
                                                        {"--min-samples-split", "1"},
                                                        {"--max-features", "0"},
                                                        {"--max-features", "1.5"},
                                                        {"--max-features", "9"},
                                                        {"--criterion", "squared_error"},
                                                        {"--max-leaf-nodes", "1"},
                                                        {"--ccp-alpha", "-1"}}) {
    INFO(option << " " << value);
    const Result r =
        run(dir, program,
            {"fit", "--data", data, "--target", "species", "--model", model, option, value});
    CHECK(r.status != 0);
    CHECK_THAT(r.err, Catch::Matchers::StartsWith(program + ": error: "));
    CHECK(!exists(model));
  }
  require_success(
      run(dir, program, {"fit", "--data", data, "--target", "species", "--model", model}));
  require_failure(run(dir, program, {"export", "--model", model, "--format", "png"}), 2, program,
                  "--format must be text or dot");
}
