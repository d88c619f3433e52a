// fitkit-sgd-classifier and fitkit-sgd-regressor, run as a user runs them: fit, predict,
// score, info and partial-fit over chunk files, against the scikit-learn fixtures of
// tests/reference/make_sgd.py (shuffle false, so the models are scikit-learn's).

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "fitkit/metrics/regression.hpp"

using Catch::Matchers::Contains;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

const std::string kClassifier = "fitkit-sgd-classifier";
const std::string kRegressor = "fitkit-sgd-regressor";

// Rows lo..hi-1 of a stored problem as a CSV with a header (x0, x1, ..., target); `labels`
// turns the target's class indices into text.
std::string csv_of(const std::string& name, fitkit::Index lo, fitkit::Index hi,
                   const std::vector<std::string>& labels = {}) {
  const Matrix X = reference_matrix("sgd/data/" + name + "_X.csv");
  const Vector y = reference_vector("sgd/data/" + name + "_y.csv");
  std::ostringstream out;
  out.precision(17);
  for (fitkit::Index j = 0; j < X.n_cols; ++j) out << "x" << j << ",";
  out << "target\n";
  for (fitkit::Index i = lo; i < hi; ++i) {
    for (fitkit::Index j = 0; j < X.n_cols; ++j) out << X(i, j) << ",";
    if (labels.empty())
      out << y(i) << "\n";
    else
      out << labels.at(static_cast<std::size_t>(y(i))) << "\n";
  }
  return out.str();
}

double accuracy_of(const Vector& predicted, const Vector& y) {
  return arma::accu(predicted == y) / static_cast<double>(y.n_elem);
}

}  // namespace

TEST_CASE("fitkit-sgd-classifier fit, predict, score and info give scikit-learn's model",
          "[cli][sgd][reference]") {
  ScratchDir dir;
  const std::string data = dir.write("cancer.csv", csv_of("cancer", 0, 569));
  const std::string model = dir.file("m.bin");
  const Result fit =
      run(dir, kClassifier, {"fit", "--data", data, "--model", model, "--shuffle", "false"});
  INFO(fit.err);
  REQUIRE(fit.status == 0);

  const Vector expected = reference_vector("sgd/cancer_hinge/pred.csv");
  const Result predict = run(dir, kClassifier, {"predict", "--model", model, "--data", data});
  REQUIRE(predict.status == 0);
  CHECK(arma::all(predictions_in(predict.out) == expected));

  const Vector y = reference_vector("sgd/data/cancer_y.csv");
  const Result score = run(dir, kClassifier, {"score", "--model", model, "--data", data});
  REQUIRE(score.status == 0);
  CHECK(printed_score(score.out, "accuracy") == Approx(accuracy_of(expected, y)).margin(1e-6));

  const Result info = run(dir, kClassifier, {"info", model});
  REQUIRE(info.status == 0);
  CHECK_THAT(info.out, Contains("type: SGDClassifier"));
  CHECK_THAT(info.out, Contains("loss: hinge"));
  const std::string epochs =
      std::to_string(static_cast<int>(reference_scalar("sgd/cancer_hinge/n_iter.csv")));
  CHECK_THAT(info.out, Contains("binary, " + epochs + " epochs"));

  SECTION("predict --proba needs a loss with probabilities") {
    require_failure(run(dir, kClassifier, {"predict", "--model", model, "--data", data, "--proba"}),
                    1, kClassifier, "predict_proba");
  }
}

TEST_CASE("fitkit-sgd-regressor fit and score give scikit-learn's R2", "[cli][sgd][reference]") {
  ScratchDir dir;
  const std::string data = dir.write("diabetes.csv", csv_of("diabetes", 0, 442));
  const std::string model = dir.file("m.json");
  const Result fit =
      run(dir, kRegressor, {"fit", "--data", data, "--model", model, "--shuffle", "false", "-q"});
  INFO(fit.err);
  REQUIRE(fit.status == 0);
  CHECK(fit.err.empty());  // -q silences the convergence warning
  const Vector y = reference_vector("sgd/data/diabetes_y.csv");
  const double expected =
      fitkit::r2_score(y, reference_vector("sgd/diabetes_squared_error/pred.csv"));
  const Result score = run(dir, kRegressor, {"score", "--model", model, "--data", data});
  REQUIRE(score.status == 0);
  CHECK(printed_score(score.out, "R2") == Approx(expected).margin(1e-6));

  const Result warned =
      run(dir, kRegressor, {"fit", "--data", data, "--model", model, "--max-iter", "2"});
  REQUIRE(warned.status == 0);
  CHECK_THAT(warned.err, Contains("did not converge in 2 iterations"));
}

TEST_CASE("partial-fit over chunk files equals scikit-learn's partial_fit",
          "[cli][sgd][reference]") {
  ScratchDir dir;
  SECTION("regressor: three chunks, four passes") {
    const std::vector<std::string> chunks = {dir.write("c0.csv", csv_of("diabetes", 0, 150)),
                                             dir.write("c1.csv", csv_of("diabetes", 150, 300)),
                                             dir.write("c2.csv", csv_of("diabetes", 300, 442))};
    const std::string model = dir.file("m.bin");
    for (int pass = 0; pass < 4; ++pass)
      for (const std::string& chunk : chunks) {
        std::vector<std::string> args = {"partial-fit", "--model", model, "--data", chunk};
        if (pass == 0 && chunk == chunks[0]) args.insert(args.end(), {"--shuffle", "false"});
        const Result r = run(dir, kRegressor, args);
        INFO(r.err);
        REQUIRE(r.status == 0);
      }
    const std::string all = dir.write("all.csv", csv_of("diabetes", 0, 442));
    const Result predict = run(dir, kRegressor, {"predict", "--model", model, "--data", all});
    REQUIRE(predict.status == 0);
    CHECK(relative_error(predictions_in(predict.out),
                         reference_vector("sgd/diabetes_partial/pred.csv")) < 1e-8);
    require_failure(
        run(dir, kRegressor, {"partial-fit", "--model", model, "--data", all, "--classes", "0,1"}),
        2, kRegressor, "--classes");
  }
  SECTION("classifier with text labels: chunks hold some of the classes") {
    const std::vector<std::string> names = {"setosa", "versicolor", "virginica"};
    const std::vector<std::string> chunks = {dir.write("c0.csv", csv_of("iris", 0, 40, names)),
                                             dir.write("c1.csv", csv_of("iris", 40, 100, names)),
                                             dir.write("c2.csv", csv_of("iris", 100, 150, names))};
    const std::string model = dir.file("m.bin");
    require_failure(run(dir, kClassifier, {"partial-fit", "--model", model, "--data", chunks[0]}),
                    2, kClassifier, "--classes is required");
    CHECK_FALSE(exists(model));
    // A chunk with only two of the classes, in another order in --classes.
    const std::string two = dir.write("two.csv",
                                      "x0,x1,x2,x3,target\n1,2,3,4,virginica\n"
                                      "2,1,0,1,setosa\n");
    for (int pass = 0; pass < 3; ++pass)
      for (const std::string& chunk : chunks) {
        std::vector<std::string> args = {"partial-fit", "--model", model, "--data", chunk};
        if (pass == 0 && chunk == chunks[0])
          args.insert(args.end(),
                      {"--classes", "virginica,setosa,versicolor", "--shuffle", "false"});
        const Result r = run(dir, kClassifier, args);
        INFO(r.err);
        REQUIRE(r.status == 0);
      }
    const std::string all = dir.write("all.csv", csv_of("iris", 0, 150, names));
    const Result predict = run(dir, kClassifier, {"predict", "--model", model, "--data", all});
    REQUIRE(predict.status == 0);
    const std::vector<std::string> lines = lines_of(predict.out);
    const Vector expected = reference_vector("sgd/iris_partial/pred.csv");
    REQUIRE(lines.size() == 151);
    for (std::size_t i = 1; i < lines.size(); ++i)
      CHECK(lines[i] == names.at(static_cast<std::size_t>(expected(i - 1))));

    const std::string before = read_file(model);
    const std::string unknown = dir.write("bad.csv", "x0,x1,x2,x3,target\n1,2,3,4,rose\n");
    require_failure(run(dir, kClassifier, {"partial-fit", "--model", model, "--data", unknown}), 1,
                    kClassifier, "class 'rose'");
    require_failure(
        run(dir, kClassifier, {"partial-fit", "--model", model, "--data", two, "--alpha", "1"}), 2,
        kClassifier, "--alpha");
    REQUIRE(read_file(model) == before);
    REQUIRE(run(dir, kClassifier, {"partial-fit", "--model", model, "--data", two}).status == 0);
    CHECK(read_file(model) != before);
  }
}

TEST_CASE("fit --warm-start true continues from the model at --model, as scikit-learn's fit",
          "[cli][sgd][reference]") {
  ScratchDir dir;
  SECTION("regressor: two fits of 3 epochs") {
    const std::string data = dir.write("diabetes.csv", csv_of("diabetes", 0, 442));
    const std::string model = dir.file("m.json");
    const std::vector<std::string> fit = {"fit", "--data",    data,           "--model",
                                          model, "--shuffle", "false",        "--max-iter",
                                          "3",   "-q",        "--warm-start", "true"};
    REQUIRE(run(dir, kRegressor, fit).status == 0);  // no model yet: a fit from scratch
    const std::string first = read_file(model);
    REQUIRE(run(dir, kRegressor, fit).status == 0);
    CHECK(read_file(model) != first);
    const Result predict = run(dir, kRegressor, {"predict", "--model", model, "--data", data});
    REQUIRE(predict.status == 0);
    const Vector expected = reference_vector("sgd/diabetes_warm_start/pred.csv");
    CHECK(arma::approx_equal(predictions_in(predict.out), expected, "reldiff", 1e-9));
  }
  SECTION("classifier with text labels: two fits of 2 epochs, parameters given again") {
    const std::string data = dir.write("cancer.csv", csv_of("cancer", 0, 569, {"B", "M"}));
    const std::string model = dir.file("m.bin");
    std::vector<std::string> fit = {"fit",       "--data", data,         "--model", model,
                                    "--shuffle", "false",  "--max-iter", "2",       "-q"};
    REQUIRE(run(dir, kClassifier, fit).status == 0);
    fit.insert(fit.end(), {"--warm-start", "true"});
    REQUIRE(run(dir, kClassifier, fit).status == 0);
    const Result predict = run(dir, kClassifier, {"predict", "--model", model, "--data", data});
    REQUIRE(predict.status == 0);
    const std::vector<std::string> lines = lines_of(predict.out);
    const Vector expected = reference_vector("sgd/cancer_warm_start/pred.csv");
    REQUIRE(lines.size() == expected.n_elem + 1);
    for (fitkit::Index i = 0; i < expected.n_elem; ++i)
      CHECK(lines[i + 1] == (expected(i) == 1 ? "M" : "B"));
  }
  SECTION("a model that cannot be continued is refused, and left as it was") {
    const std::string data = dir.write("diabetes.csv", csv_of("diabetes", 0, 442));
    const std::string model = dir.write("m.bin", "not a model");
    require_failure(
        run(dir, kRegressor, {"fit", "--data", data, "--model", model, "--warm-start", "true"}), 1,
        kRegressor, "m.bin");
    CHECK(read_file(model) == "not a model");
    const std::string other = dir.file("other.bin");
    REQUIRE(run(dir, kClassifier,
                {"fit", "--data", source_path("datasets/iris.csv"), "--model", other, "-q"})
                .status == 0);
    const std::string saved = read_file(other);
    require_failure(
        run(dir, kRegressor, {"fit", "--data", data, "--model", other, "--warm-start", "true"}), 1,
        kRegressor, "SGDClassifier");
    CHECK(read_file(other) == saved);
  }
}

TEST_CASE("fitkit-sgd-classifier usage and data errors", "[cli][sgd]") {
  ScratchDir dir;
  const std::string iris = source_path("datasets/iris.csv");
  const std::string model = dir.file("m.bin");
  require_failure(
      run(dir, kClassifier, {"fit", "--data", iris, "--model", model, "--loss", "hinges"}), 2,
      kClassifier, "expected one of hinge");
  require_failure(run(dir, kClassifier,
                      {"fit", "--data", iris, "--model", model, "--learning-rate", "constant"}),
                  2, kClassifier, "eta0");
  CHECK_FALSE(exists(model));
  const std::string nan = dir.write("nan.csv", "a,b,y\n1,2,0\n4,nan,1\n");
  require_failure(run(dir, kClassifier, {"fit", "--data", nan, "--model", model}), 1, kClassifier,
                  "nan.csv:3:2");
  CHECK_FALSE(exists(model));
  const std::string one_class = dir.write("one.csv", "a,b,y\n1,2,0\n4,5,0\n");
  require_failure(run(dir, kClassifier, {"fit", "--data", one_class, "--model", model}), 1,
                  kClassifier, "only one");
  const std::string continuous = dir.write("cont.csv", "a,b,y\n1,2,0.5\n4,5,1.5\n");
  require_failure(run(dir, kClassifier, {"fit", "--data", continuous, "--model", model}), 1,
                  kClassifier, "continuous");
  CHECK_FALSE(exists(model));
}

TEST_CASE("fitkit-sgd-regressor refuses bad files and bad models, writing nothing", "[cli][sgd]") {
  ScratchDir dir;
  struct Case {
    std::string name, contents, message;
  };
  const Case bad = GENERATE(values<Case>({
      {"empty file", "", "empty file"},
      {"header only", "a,b,y\n", "only a header"},
      {"ragged row", "a,b,y\n1,2,3\n4,5\n", "data.csv:3: expected 3 fields, found 2"},
      {"non-numeric cell", "a,b,y\n1,2,3\n4,x,5\n", "data.csv:3:2: expected a number"},
      {"only the target column", "y\n1\n2\n", "no feature columns"},
  }));
  INFO(bad.name);
  const std::string data = dir.write("data.csv", bad.contents);
  const std::string model = dir.file("m.bin");
  require_failure(run(dir, kRegressor, {"fit", "--data", data, "--model", model}), 1, kRegressor,
                  bad.message);
  require_failure(run(dir, kRegressor, {"partial-fit", "--data", data, "--model", model}), 1,
                  kRegressor, bad.message);
  CHECK_FALSE(exists(model));

  const std::string good = dir.write("good.csv", csv_of("diabetes", 0, 100));
  REQUIRE(run(dir, kRegressor, {"fit", "--data", good, "--model", model, "-q"}).status == 0);
  const std::string bytes = read_file(model);
  dir.write("cut.bin", bytes.substr(0, bytes.size() / 2));
  require_failure(run(dir, kRegressor, {"predict", "--model", dir.file("cut.bin"), "--data", good}),
                  1, kRegressor, "cut.bin");
  require_failure(run(dir, kClassifier, {"predict", "--model", model, "--data", good}), 1,
                  kClassifier, "SGDRegressor");
  require_failure(
      run(dir, kRegressor,
          {"predict", "--model", model, "--data", dir.write("narrow.csv", "x0,x1\n1,2\n")}),
      1, kRegressor, "x2");
}
