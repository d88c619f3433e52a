// fitkit-kneighbors-classifier, fitkit-kneighbors-regressor and fitkit-nearest-neighbors, run
// as a user runs them: fit, predict, score, transform and info, against the scikit-learn
// fixtures of tests/reference/make_neighbors.py, both model formats, and the errors.

#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/neighbors/nearest_neighbors.hpp"

using Catch::Matchers::Contains;
using fitkit::Index;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

const std::string kClassifier = "fitkit-kneighbors-classifier";
const std::string kRegressor = "fitkit-kneighbors-regressor";
const std::string kNeighbors = "fitkit-nearest-neighbors";

// The header and the rows i % 3 != 0 (train) or i % 3 == 0 (queries) of a bundled data set,
// as make_neighbors.py splits it.
std::string rows_of(const std::string& name, bool train) {
  const std::vector<std::string> lines = lines_of(read_file(source_path("datasets/" + name)));
  std::string out = lines.at(0) + "\n";
  for (std::size_t i = 1; i < lines.size(); ++i)
    if (((i - 1) % 3 != 0) == train) out += lines[i] + "\n";
  return out;
}

std::vector<std::string> data_lines(const std::string& out) {
  std::vector<std::string> lines = lines_of(out);
  lines.erase(lines.begin());  // the header
  return lines;
}

}  // namespace

TEST_CASE("fitkit-kneighbors-classifier predicts scikit-learn's classes by name",
          "[cli][knn][reference]") {
  ScratchDir dir;
  const std::string train = dir.write("train.csv", rows_of("iris.csv", true));
  const std::string queries = dir.write("queries.csv", rows_of("iris.csv", false));
  const Vector expected = reference_vector("neighbors/knn_iris_uniform_kd/pred.csv");
  const Vector boundary = reference_vector("neighbors/knn_iris_uniform_kd/boundary_tie.csv");
  const std::vector<std::string> names = {"setosa", "versicolor", "virginica"};
  for (const std::string model : {dir.file("m.bin"), dir.file("m.json")}) {
    const Result fit =
        run(dir, kClassifier, {"fit", "--data", train, "--model", model, "--algorithm", "kd_tree"});
    INFO(fit.err);
    REQUIRE(fit.status == 0);
    const Result predict = run(dir, kClassifier, {"predict", "--model", model, "--data", queries});
    INFO(predict.err);
    REQUIRE(predict.status == 0);
    const std::vector<std::string> labels = data_lines(predict.out);
    REQUIRE(labels.size() == expected.n_elem);
    for (Index i = 0; i < expected.n_elem; ++i)
      if (boundary(i) == 0) CHECK(labels[i] == names.at(static_cast<std::size_t>(expected(i))));
    // Probabilities: one column per class, rows summing to 1.
    const Result proba =
        run(dir, kClassifier, {"predict", "--model", model, "--data", queries, "--proba"});
    REQUIRE(proba.status == 0);
    CHECK_THAT(lines_of(proba.out).at(0), Contains("setosa"));
    const Result score = run(dir, kClassifier, {"score", "--model", model, "--data", queries});
    REQUIRE(score.status == 0);
    CHECK(printed_score(score.out, "accuracy") > 0.9);
    const Result info = run(dir, kClassifier, {"info", "--model", model});
    REQUIRE(info.status == 0);
    CHECK_THAT(info.out, Contains("n_samples_fit: 100") && Contains("fit_method: kd_tree"));
  }
}

TEST_CASE("fitkit-kneighbors-regressor predicts scikit-learn's values", "[cli][knn][reference]") {
  ScratchDir dir;
  const std::string train = dir.write("train.csv", rows_of("diabetes.csv", true));
  const std::string queries = dir.write("queries.csv", rows_of("diabetes.csv", false));
  const Vector expected = reference_vector("neighbors/knn_diabetes_distance_brute/pred.csv");
  for (const std::string model : {dir.file("m.bin"), dir.file("m.json")}) {
    const Result fit = run(dir, kRegressor,
                           {"fit", "--data", train, "--model", model, "--weights", "distance",
                            "--algorithm", "brute"});
    INFO(fit.err);
    REQUIRE(fit.status == 0);
    const Result predict = run(dir, kRegressor, {"predict", "--model", model, "--data", queries});
    REQUIRE(predict.status == 0);
    CHECK(relative_error(predictions_in(predict.out), expected) <= 1e-12);
    const Result score = run(dir, kRegressor, {"score", "--model", model, "--data", queries});
    REQUIRE(score.status == 0);
    CHECK(std::isfinite(printed_score(score.out, "R2")));
  }
}

TEST_CASE("fitkit-nearest-neighbors transform writes the neighbours and their distances",
          "[cli][nearest_neighbors]") {
  ScratchDir dir;
  const std::string train = dir.write("train.csv", rows_of("wine.csv", true));
  const std::string queries = dir.write("queries.csv", rows_of("wine.csv", false));
  const std::string model = dir.file("nn.json");
  const Result fit = run(dir, kNeighbors,
                         {"fit", "--data", train, "--model", model, "--n-neighbors", "3",
                          "--metric", "manhattan", "--target", "cultivar"});
  INFO(fit.err);
  REQUIRE(fit.status == 0);
  const Result transform = run(dir, kNeighbors, {"transform", "--model", model, "--data", queries});
  INFO(transform.err);
  REQUIRE(transform.status == 0);
  const std::vector<std::string> lines = lines_of(transform.out);
  REQUIRE_THAT(lines.at(0), Contains("neighbor_0,neighbor_1,neighbor_2,distance_0"));
  // The same table as the library's, on the same rows (the target column ignored).
  fitkit::io::CsvOptions options;
  options.target = "cultivar";
  const fitkit::Dataset tr = fitkit::io::read_csv(train, options);
  const fitkit::Dataset q = fitkit::io::read_csv(queries, options);
  fitkit::NearestNeighbors nn({.n_neighbors = 3, .metric = fitkit::DistanceMetric::manhattan});
  nn.fit(tr.X);
  const Matrix expected = nn.transform(q.X);
  REQUIRE(lines.size() == expected.n_rows + 1);
  for (Index i = 0; i < expected.n_rows; ++i) {
    std::istringstream row(lines[i + 1]);
    std::string cell;
    for (Index j = 0; j < expected.n_cols; ++j) {
      REQUIRE(std::getline(row, cell, ','));
      CHECK(std::stod(cell) == expected(i, j));
    }
  }
}

TEST_CASE("the kNN programs refuse bad options and data clearly", "[cli][knn]") {
  ScratchDir dir;
  const std::string train = dir.write("train.csv", rows_of("iris.csv", true));
  const std::string model = dir.file("m.bin");
  // More neighbours than rows.
  const Result many =
      run(dir, kClassifier, {"fit", "--data", train, "--model", model, "--n-neighbors", "500"});
  require_failure(many, 1, kClassifier, "Expected n_neighbors <= n_samples_fit");
  CHECK_FALSE(exists(model));
  // n_neighbors 0, p below 1, an unknown metric or algorithm.
  const std::string diabetes = dir.write("diabetes.csv", rows_of("diabetes.csv", true));
  for (const auto& [option, value] :
       std::vector<std::pair<std::string, std::string>>{{"--n-neighbors", "0"},
                                                        {"--p", "0.5"},
                                                        {"--metric", "cosine"},
                                                        {"--algorithm", "ball_tree"}}) {
    const Result bad =
        run(dir, kRegressor, {"fit", "--data", diabetes, "--model", model, option, value});
    INFO(option << " " << value << ": " << bad.err);
    CHECK(bad.status != 0);
    std::string name = option.substr(2);
    std::replace(name.begin(), name.end(), '-', '_');
    CHECK_THAT(bad.err, Contains("'" + name + "'"));
    CHECK_FALSE(exists(model));
  }
  // A query file of another width.
  REQUIRE(run(dir, kNeighbors, {"fit", "--data", train, "--model", model, "--target", "species"})
              .status == 0);
  const std::string narrow = dir.write("narrow.csv", "a,b\n1,2\n");
  const Result width = run(dir, kNeighbors, {"transform", "--model", model, "--data", narrow});
  CHECK(width.status == 1);
  CHECK_FALSE(width.err.empty());
}
