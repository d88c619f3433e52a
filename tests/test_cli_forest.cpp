// The forest programs run as a user runs them: fit, predict (--proba, --contributions), score
// and info (the importances table and the out-of-bag score) against the fixtures of
// tests/reference/make_forest.py; text columns as categories; bad parameters answered with an
// error, a non-zero exit and no model file.

#include <catch2/catch.hpp>
#include <string>

#include "cli_support.hpp"
#include "fitkit/core/params.hpp"

using fitkit::Index;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

TEST_CASE("fitkit-random-forest-classifier fits iris as scikit-learn and explains it",
          "[cli][forest][reference]") {
  ScratchDir dir;
  const std::string data = source_path("datasets/iris.csv");
  const std::string program = "fitkit-random-forest-classifier";
  for (const std::string model : {dir.file("m.bin"), dir.file("m.json")}) {
    require_success(run(dir, program,
                        {"fit", "--data", data, "--target", "species", "--model", model,
                         "--n-estimators", "10", "--max-bins", "none"}));
    const std::string proba_file = dir.file("proba.csv");
    require_success(
        run(dir, program,
            {"predict", "--model", model, "--data", data, "--proba", "--output", proba_file}));
    const Matrix proba = numbers_table(read_file(proba_file));
    CHECK(arma::approx_equal(proba, reference_matrix("forest/rfc_iris/predict.csv"), "absdiff",
                             1e-12));
    const std::string phi_file = dir.file("phi.csv");
    require_success(run(
        dir, program,
        {"predict", "--model", model, "--data", data, "--contributions", "--output", phi_file}));
    const Matrix phi = numbers_table(read_file(phi_file));
    REQUIRE(phi.n_cols == 15);
    for (Index k = 0; k < 3; ++k)
      CHECK(arma::approx_equal(Vector(arma::sum(phi.cols(5 * k, 5 * k + 4), 1)),
                               Vector(proba.col(k)), "absdiff", 1e-9));
    const Result info = run(dir, program, {"info", "--model", model});
    require_success(info);
    CHECK_THAT(info.out, Catch::Matchers::Contains("10 trees, depth"));
    const auto table = info.out.find("feature importances");
    REQUIRE(table != std::string::npos);
    CHECK(info.out.find("petal", table) < info.out.find("sepal_width", table));
  }
}

TEST_CASE("fitkit-random-forest-regressor reports its out-of-bag score",
          "[cli][forest][reference]") {
  ScratchDir dir;
  const std::string data = source_path("datasets/diabetes.csv");
  const std::string model = dir.file("m.bin");
  const std::string program = "fitkit-random-forest-regressor";
  require_success(run(dir, program, {"fit",         "--data",         data,   "--target",
                                     "progression", "--model",        model,  "--n-estimators",
                                     "10",          "--max-bins",     "none", "--oob-score",
                                     "true",        "--max-features", "sqrt", "--min-samples-leaf",
                                     "5",           "--seed",         "7",    "-q"}));
  const Result info = run(dir, program, {"info", "--model", model});
  require_success(info);
  const double oob = reference_vector("forest/rfr_diabetes_oob/oob.csv")(0);
  CHECK_THAT(info.out,
             Catch::Matchers::Contains("out-of-bag score: " + fitkit::detail::format_double(oob)));
  const Result predict = run(dir, program, {"predict", "--model", model, "--data", data});
  require_success(predict);
  CHECK(relative_error(predictions_in(predict.out),
                       reference_vector("forest/rfr_diabetes_oob/predict.csv")) < 1e-12);
}

TEST_CASE("the forest programs take text columns as categories", "[cli][forest]") {
  ScratchDir dir;
  std::string csv = "colour,size,y\n";
  const char* colours[] = {"red", "green", "blue", "grey", "pink", "teal"};
  for (int i = 0; i < 120; ++i) {
    const int c = i % 6;
    const bool member = c == 1 || c == 4 || c == 5;
    csv += std::string(colours[c]) + "," + std::to_string((i * 7) % 11) + "," +
           (member ? "1" : "0") + "\n";
  }
  const std::string data = dir.write("colours.csv", csv);
  for (const std::string program :
       {"fitkit-extra-trees-classifier", "fitkit-random-forest-classifier"}) {
    INFO(program);
    const std::string model = dir.file(program + ".bin");
    require_success(run(dir, program,
                        {"fit", "--data", data, "--target", "y", "--model", model, "--n-estimators",
                         "10", "--max-features", "1.0", "--max-depth", "2"}));
    const Result score = run(dir, program, {"score", "--model", model, "--data", data});
    require_success(score);
    CHECK(printed_score(score.out, "accuracy") == 1.0);
  }
}

TEST_CASE("the forest programs refuse bad parameters", "[cli][forest]") {
  ScratchDir dir;
  const std::string data = source_path("datasets/iris.csv");
  const std::string model = dir.file("m.bin");
  for (const std::string program :
       {"fitkit-random-forest-classifier", "fitkit-extra-trees-regressor"}) {
    for (const auto& [option, value] :
         std::vector<std::pair<std::string, std::string>>{{"--n-estimators", "0"},
                                                          {"--max-depth", "0"},
                                                          {"--min-samples-leaf", "0"},
                                                          {"--max-samples", "1.5"},
                                                          {"--max-features", "9"},
                                                          {"--bootstrap", "maybe"}}) {
      INFO(program << " " << option << " " << value);
      const Result r =
          run(dir, program,
              {"fit", "--data", data, "--target",
               program.find("regressor") != std::string::npos ? "petal_width" : "species",
               "--model", model, option, value});
      CHECK(r.status != 0);
      CHECK_THAT(r.err, Catch::Matchers::StartsWith(program + ": error: "));
      CHECK(!exists(model));
    }
  }
  require_failure(run(dir, "fitkit-random-forest-classifier",
                      {"fit", "--data", data, "--target", "species", "--model", model,
                       "--oob-score", "true", "--bootstrap", "false"}),
                  2, "fitkit-random-forest-classifier", "bootstrap");
  CHECK(!exists(model));
}

TEST_CASE("the forest programs export one of their trees as scikit-learn's export_text",
          "[cli][forest][reference]") {
  ScratchDir dir;
  const std::string model = dir.file("m.bin");
  require_success(run(dir, "fitkit-extra-trees-classifier",
                      {"fit", "--data", source_path("datasets/iris.csv"), "--target", "species",
                       "--model", model, "--n-estimators", "10"}));
  const Result tree3 =
      run(dir, "fitkit-extra-trees-classifier", {"export", "--model", model, "--tree", "3"});
  require_success(tree3);
  CHECK(tree3.out == read_file(source_path("tests/reference/forest/etc_iris_tree3.txt")));
  const Result dot = run(dir, "fitkit-extra-trees-classifier",
                         {"export", "--model", model, "--tree", "9", "--format", "dot"});
  require_success(dot);
  CHECK_THAT(dot.out, Catch::Matchers::StartsWith("digraph Tree {"));
  require_failure(
      run(dir, "fitkit-extra-trees-classifier", {"export", "--model", model, "--tree", "10"}), 2,
      "fitkit-extra-trees-classifier", "holds 10 trees (0..9)");

  require_success(
      run(dir, "fitkit-random-forest-regressor",
          {"fit", "--data", source_path("datasets/diabetes.csv"), "--target", "progression",
           "--model", model, "--n-estimators", "10", "--max-bins", "none"}));
  const Result tree2 = run(dir, "fitkit-random-forest-regressor",
                           {"export", "--model", model, "--tree", "2", "--max-depth", "3"});
  require_success(tree2);
  CHECK(tree2.out == read_file(source_path("tests/reference/forest/rfr_diabetes_tree2.txt")));
}
