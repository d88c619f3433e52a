// fitkit-svc and fitkit-nu-svc run as a user runs them: fit, predict (labels, --decision,
// --proba), score and info on a CSV file and on a LIBSVM file, against the same estimator
// fitted in the test; and the bad inputs answered with an error and no model file.

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/io/libsvm.hpp"
#include "fitkit/svm/nu_svc.hpp"
#include "fitkit/svm/svc.hpp"

using fitkit::Index;
using fitkit::Labels;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

// The first `rows` rows of breast_cancer as a LIBSVM file (1-based indices, label 0 or 1).
std::string cancer_libsvm(Index rows) {
  fitkit::io::CsvOptions options;
  options.target = "diagnosis";
  const fitkit::Dataset data =
      fitkit::io::read_csv(source_path("datasets/breast_cancer.csv"), options);
  std::ostringstream out;
  out.precision(17);
  for (Index i = 0; i < rows; ++i) {
    out << data.y(i);
    for (Index j = 0; j < data.X.n_cols; ++j) out << " " << j + 1 << ":" << data.X(i, j);
    out << "\n";
  }
  return out.str();
}

// The header's class names of a --proba or --decision table.
std::vector<std::string> header_of(const std::string& text) {
  std::vector<std::string> names;
  std::istringstream line(lines_of(text).at(0));
  for (std::string cell; std::getline(line, cell, ',');) names.push_back(cell);
  return names;
}

}  // namespace

TEST_CASE("fitkit-svc with probability: predict is the argmax of --proba, and matches the library",
          "[cli][svc]") {
  ScratchDir dir;
  const std::string iris = source_path("datasets/iris.csv");
  const std::string model = dir.file("m.bin");
  require_success(run(dir, "fitkit-svc",
                      {"fit", "--data", iris, "--model", model, "--probability", "true", "--seed",
                       "3", "--C", "2"}));
  const Result predict = run(dir, "fitkit-svc", {"predict", "--model", model, "--data", iris});
  require_success(predict);
  const std::vector<std::string> labels = lines_of(predict.out);
  REQUIRE(labels.size() == 151);
  const Result proba =
      run(dir, "fitkit-svc", {"predict", "--model", model, "--data", iris, "--proba"});
  require_success(proba);
  const Matrix P = numbers_table(proba.out);
  REQUIRE(P.n_rows == 150);
  REQUIRE(P.n_cols == 3);
  const std::vector<std::string> names = header_of(proba.out);
  REQUIRE(names.size() == 3);
  for (Index i = 0; i < 150; ++i) {
    CHECK(std::abs(arma::accu(P.row(i)) - 1.0) < 1e-9);
    CHECK(labels[i + 1] == names[P.row(i).index_max()]);
  }
  // The same as the library's, fitted on the same file.
  fitkit::io::CsvOptions options;
  options.target = "species";
  const fitkit::Dataset data = fitkit::io::read_csv(iris, options);
  fitkit::SVC svc({.C = 2.0, .probability = true, .seed = 3});
  svc.fit(data.X, arma::conv_to<Labels>::from(data.y));
  CHECK(arma::abs(P - svc.predict_proba(data.X)).max() < 1e-12);
  const Result decision =
      run(dir, "fitkit-svc", {"predict", "--model", model, "--data", iris, "--decision"});
  require_success(decision);
  CHECK(arma::abs(numbers_table(decision.out) - svc.decision_function(data.X)).max() < 1e-12);
  const Result score = run(dir, "fitkit-svc", {"score", "--model", model, "--data", iris});
  require_success(score);
  CHECK(printed_score(score.out, "accuracy") ==
        Approx(svc.score(data.X, arma::conv_to<Labels>::from(data.y))).epsilon(1e-5));
  const Result info = run(dir, "fitkit-svc", {"info", "--model", model});
  require_success(info);
  CHECK_THAT(info.out, Catch::Matchers::Contains("probA:"));
  CHECK_THAT(info.out, Catch::Matchers::Contains("support vectors:"));
}

TEST_CASE("fitkit-svc without probability has no --proba", "[cli][svc]") {
  ScratchDir dir;
  const std::string iris = source_path("datasets/iris.csv");
  const std::string model = dir.file("m.json");
  require_success(run(dir, "fitkit-svc", {"fit", "--data", iris, "--model", model}));
  const Result proba =
      run(dir, "fitkit-svc", {"predict", "--model", model, "--data", iris, "--proba"});
  CHECK(proba.status != 0);
  CHECK_THAT(proba.err, Catch::Matchers::Contains("predict_proba"));
  const Result decision =
      run(dir, "fitkit-svc", {"predict", "--model", model, "--data", iris, "--decision"});
  require_success(decision);
  CHECK(numbers_table(decision.out).n_cols == 3);
}

TEST_CASE("fitkit-nu-svc reads a LIBSVM file and gives the library's model", "[cli][nu_svc]") {
  ScratchDir dir;
  const std::string data = dir.write("cancer.svm", cancer_libsvm(300));
  const std::string model = dir.file("m.bin");
  require_success(run(dir, "fitkit-nu-svc",
                      {"fit", "--data", data, "--model", model, "--nu", "0.3", "--kernel", "linear",
                       "--probability", "true"}));
  const Result decision =
      run(dir, "fitkit-nu-svc", {"predict", "--model", model, "--data", data, "--decision"});
  require_success(decision);
  const fitkit::Dataset read = fitkit::io::read_libsvm(data);
  fitkit::NuSVC nu({.nu = 0.3, .kernel = fitkit::SvmKernel::linear, .probability = true});
  nu.fit(read.X, arma::conv_to<Labels>::from(read.y));
  const Vector d = predictions_in(decision.out);
  REQUIRE(d.n_elem == 300);
  CHECK(arma::abs(d - Vector(nu.decision_function(read.X))).max() < 1e-9);
  const Result predict = run(dir, "fitkit-nu-svc", {"predict", "--model", model, "--data", data});
  require_success(predict);
  CHECK(arma::all(predictions_in(predict.out) == arma::conv_to<Vector>::from(nu.predict(read.X))));
  const Result proba =
      run(dir, "fitkit-nu-svc", {"predict", "--model", model, "--data", data, "--proba"});
  require_success(proba);
  CHECK(arma::abs(numbers_table(proba.out) - nu.predict_proba(read.X)).max() < 1e-9);
  const Result score = run(dir, "fitkit-nu-svc", {"score", "--model", model, "--data", data});
  require_success(score);
  CHECK(printed_score(score.out, "accuracy") > 0.9);
}

TEST_CASE("fitkit-svc and fitkit-nu-svc refuse bad inputs and write no model",
          "[cli][svc][nu_svc]") {
  ScratchDir dir;
  const std::string iris = source_path("datasets/iris.csv");
  const std::string model = dir.file("m.bin");
  struct Bad {
    std::string program;
    std::vector<std::string> options;
    std::string message;
  };
  const std::string one_class = dir.write("one.csv", "a,b,label\n1,2,0\n2,1,0\n3,3,0\n0,1,0\n");
  const std::vector<Bad> cases = {
      {"fitkit-svc", {"--C", "0"}, "C"},
      {"fitkit-svc", {"--C", "-1"}, "C"},
      {"fitkit-svc", {"--gamma", "0"}, "gamma"},
      {"fitkit-svc", {"--gamma", "-0.5"}, "gamma"},
      {"fitkit-svc", {"--kernel", "precomputed"}, "square"},
      {"fitkit-nu-svc", {"--nu", "0"}, "nu"},
      {"fitkit-nu-svc", {"--nu", "1.5"}, "nu"},
      {"fitkit-nu-svc", {"--gamma", "0"}, "gamma"},
      {"fitkit-nu-svc", {"--kernel", "precomputed"}, "square"},
      // iris has 50 of each class: every nu in (0, 1] is feasible; 0.9 of a 3:1 split is not.
  };
  for (const Bad& bad : cases) {
    std::vector<std::string> args = {"fit", "--data", iris, "--model", model};
    args.insert(args.end(), bad.options.begin(), bad.options.end());
    const Result result = run(dir, bad.program, args);
    INFO(bad.program << " " << bad.options.at(0) << " " << bad.options.at(1) << ": " << result.err);
    CHECK(result.status != 0);
    CHECK_THAT(result.err, Catch::Matchers::StartsWith(bad.program + ": error: "));
    CHECK_THAT(result.err, Catch::Matchers::Contains(bad.message));
    CHECK_FALSE(exists(model));
  }
  // An infeasible nu: 3 samples of one class against 9 of the other allow nu up to 0.5.
  std::string skewed = "a,b,label\n";
  for (int i = 0; i < 12; ++i)
    skewed += std::to_string(i) + "," + std::to_string(i % 5) + "," + (i < 3 ? "1" : "0") + "\n";
  const std::string skewed_path = dir.write("skewed.csv", skewed);
  const Result infeasible =
      run(dir, "fitkit-nu-svc", {"fit", "--data", skewed_path, "--model", model, "--nu", "0.6"});
  CHECK(infeasible.status != 0);
  CHECK_THAT(infeasible.err, Catch::Matchers::Contains("specified nu is infeasible"));
  CHECK_FALSE(exists(model));
  // At the edge (nu 0.5 here) libsvm's r is 0 and scikit-learn fails too; below it, a model.
  const Result edge =
      run(dir, "fitkit-nu-svc", {"fit", "--data", skewed_path, "--model", model, "--nu", "0.5"});
  CHECK(edge.status != 0);
  CHECK_THAT(edge.err, Catch::Matchers::Contains("smaller nu"));
  CHECK_FALSE(exists(model));
  require_success(
      run(dir, "fitkit-nu-svc", {"fit", "--data", skewed_path, "--model", model, "--nu", "0.4"}));
  std::filesystem::remove(model);
  // Labels all of one class.
  for (const std::string program : {"fitkit-svc", "fitkit-nu-svc"}) {
    const Result result = run(dir, program, {"fit", "--data", one_class, "--model", model});
    INFO(result.err);
    CHECK(result.status != 0);
    CHECK_THAT(result.err, Catch::Matchers::Contains("class"));
    CHECK_FALSE(exists(model));
  }
}
