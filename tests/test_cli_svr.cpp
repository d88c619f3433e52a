// fitkit-svr, fitkit-nu-svr and fitkit-one-class-svm run as a user runs them: fit, predict
// (values, labels, --decision), score, against the scikit-learn fixtures of
// tests/reference/make_svr.py; and bad parameters answered with an error, a non-zero exit and no
// model file.

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "cli_support.hpp"
#include "fitkit/io/csv.hpp"

using fitkit::Index;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

// Columns to mean 0 and population deviation 1, as make_svr.py.
Matrix standardised(Matrix X) {
  for (Index j = 0; j < X.n_cols; ++j) {
    const double mean = arma::mean(X.col(j));
    const double sd = std::sqrt(arma::mean(arma::square(X.col(j) - mean)));
    X.col(j) = (X.col(j) - mean) / sd;
  }
  return X;
}

struct Files {
  std::string fit, held;
  Vector held_y;
};

// diabetes standardised (features and target), as the fixtures: the fit rows and the held-out
// rows as CSV files with the target in the last column "y".
Files diabetes_files(const ScratchDir& dir) {
  fitkit::io::CsvOptions options;
  options.target = "progression";
  const auto data = fitkit::io::read_csv(source_path("datasets/diabetes.csv"), options);
  const Matrix all = standardised(arma::join_rows(data.X, data.y));
  std::vector<std::string> names;
  for (Index j = 0; j < data.X.n_cols; ++j) names.push_back("x" + std::to_string(j));
  names.push_back("y");
  const Matrix held = all.rows(342, all.n_rows - 1);
  return {dir.write("fit.csv", matrix_csv(all.rows(0, 341), names)),
          dir.write("held.csv", matrix_csv(held, names)), held.col(held.n_cols - 1)};
}

}  // namespace

TEST_CASE("fitkit-svr fits, predicts and scores as scikit-learn", "[cli][svr][reference]") {
  ScratchDir dir;
  const Files files = diabetes_files(dir);
  const std::string& fit = files.fit;
  const std::string& held = files.held;
  for (const std::string model : {dir.file("m.bin"), dir.file("m.json")}) {
    require_success(
        run(dir, "fitkit-svr",
            {"fit", "--data", fit, "--target", "y", "--model", model, "--tol", "1e-8"}));
    const Result predict = run(dir, "fitkit-svr", {"predict", "--model", model, "--data", held});
    require_success(predict);
    const Vector pred = predictions_in(predict.out);
    const Vector expected = reference_vector("svr/diabetes_rbf/pred.csv");
    REQUIRE(pred.n_elem == expected.n_elem);
    CHECK(arma::abs(pred - expected).max() < 1e-5);
    const Result score = run(dir, "fitkit-svr", {"score", "--model", model, "--data", held});
    require_success(score);
    const Vector& yt = files.held_y;
    const double r2 =
        1 - arma::accu(arma::square(yt - expected)) / arma::accu(arma::square(yt - arma::mean(yt)));
    CHECK(printed_score(score.out, "R2") == Approx(r2).margin(1e-5));
  }
}

TEST_CASE("fitkit-nu-svr fits and predicts as scikit-learn", "[cli][nu_svr][reference]") {
  ScratchDir dir;
  const Files files = diabetes_files(dir);
  const std::string model = dir.file("m.json");
  require_success(
      run(dir, "fitkit-nu-svr",
          {"fit", "--data", files.fit, "--target", "y", "--model", model, "--tol", "1e-8"}));
  const Result predict =
      run(dir, "fitkit-nu-svr", {"predict", "--model", model, "--data", files.held});
  require_success(predict);
  const Vector pred = predictions_in(predict.out);
  const Vector expected = reference_vector("svr/nu_diabetes_rbf/pred.csv");
  REQUIRE(pred.n_elem == expected.n_elem);
  CHECK(arma::abs(pred - expected).max() < 1e-5);
  const Result zero_nu =
      run(dir, "fitkit-nu-svr",
          {"fit", "--data", files.fit, "--target", "y", "--model", dir.file("z.bin"), "--nu", "0"});
  CHECK(zero_nu.status != 0);
  CHECK_THAT(zero_nu.err, Catch::Matchers::Contains("nu"));
  CHECK_FALSE(exists(dir.file("z.bin")));
}

TEST_CASE("fitkit-one-class-svm predicts labels and decision values as scikit-learn",
          "[cli][one_class_svm][reference]") {
  ScratchDir dir;
  const Matrix X = reference_matrix("svr/generated_outliers/X.csv");
  const std::string fit = dir.write("fit.csv", matrix_csv(X.rows(0, 199)));
  const std::string held = dir.write("held.csv", matrix_csv(X.rows(200, 259)));
  const std::string model = dir.file("m.bin");
  require_success(run(
      dir, "fitkit-one-class-svm",
      {"fit", "--data", fit, "--model", model, "--nu", "0.15", "--gamma", "0.5", "--tol", "1e-8"}));
  const Result predict =
      run(dir, "fitkit-one-class-svm", {"predict", "--model", model, "--data", held});
  require_success(predict);
  CHECK(
      arma::all(predictions_in(predict.out) == reference_vector("svr/oc_generated_rbf/pred.csv")));
  const Result decision =
      run(dir, "fitkit-one-class-svm", {"predict", "--model", model, "--data", held, "--decision"});
  require_success(decision);
  const Vector d = predictions_in(decision.out);
  const Vector expected = reference_vector("svr/oc_generated_rbf/decision.csv");
  REQUIRE(d.n_elem == expected.n_elem);
  CHECK(arma::abs(d - expected).max() < 1e-5 * std::max(1.0, arma::abs(expected).max()));
}

TEST_CASE("fitkit-one-class-svm leaves a text target out and writes +1 / -1, not its classes",
          "[cli][one_class_svm]") {
  ScratchDir dir;
  const std::string data = source_path("datasets/breast_cancer.csv");
  const std::string model = dir.file("m.bin");
  require_success(run(dir, "fitkit-one-class-svm",
                      {"fit", "--data", data, "--target", "diagnosis", "--model", model}));
  const Result predict =
      run(dir, "fitkit-one-class-svm", {"predict", "--model", model, "--data", data});
  require_success(predict);
  CHECK(predict.out.rfind("inlier\n", 0) == 0);
  const Vector labels = predictions_in(predict.out);
  CHECK(labels.n_elem == 569);
  CHECK(arma::all((labels == 1.0) + (labels == -1.0) == 1));
  CHECK(arma::any(labels == -1.0));
}

TEST_CASE("fitkit-svr and fitkit-one-class-svm refuse bad parameters and inputs",
          "[cli][svr][one_class_svm]") {
  ScratchDir dir;
  const std::string diabetes = source_path("datasets/diabetes.csv");
  const std::string model = dir.file("m.bin");
  const auto refused = [&](const std::string& program, const std::vector<std::string>& options,
                           const std::string& message) {
    std::vector<std::string> args = {"fit", "--data", diabetes, "--model", model};
    args.insert(args.end(), options.begin(), options.end());
    const Result r = run(dir, program, args);
    INFO(program << " " << message << ": " << r.err);
    CHECK(r.status != 0);
    CHECK_THAT(r.err, Catch::Matchers::Contains(message));
    CHECK_FALSE(exists(model));
  };
  refused("fitkit-svr", {"--C", "0"}, "C");
  refused("fitkit-svr", {"--C", "-2"}, "C");
  refused("fitkit-svr", {"--epsilon", "-0.1"}, "epsilon");
  refused("fitkit-svr", {"--gamma", "0"}, "gamma");
  refused("fitkit-svr", {"--kernel", "precomputed"}, "square");
  refused("fitkit-one-class-svm", {"--nu", "0"}, "nu");
  refused("fitkit-one-class-svm", {"--nu", "1.5"}, "nu");
  refused("fitkit-one-class-svm", {"--gamma", "-1"}, "gamma");
  refused("fitkit-one-class-svm", {"--kernel", "precomputed"}, "square");
  // A NaN in the data, and a width mismatch at predict.
  const std::string nan = dir.write("nan.csv", "a,b,y\n1,2,3\n4,nan,6\n7,8,9\n");
  const Result r = run(dir, "fitkit-svr", {"fit", "--data", nan, "--model", model});
  CHECK(r.status != 0);
  CHECK_FALSE(exists(model));
  require_success(run(dir, "fitkit-svr", {"fit", "--data", diabetes, "--model", model}));
  const std::string narrow = dir.write("narrow.csv", "a,b,y\n1,2,3\n4,5,6\n");
  const Result width = run(dir, "fitkit-svr", {"predict", "--model", model, "--data", narrow});
  CHECK(width.status != 0);
  CHECK_THAT(width.err, Catch::Matchers::Contains("no column named 'age'"));
}
