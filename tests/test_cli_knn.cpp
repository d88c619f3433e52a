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
#include "neighbors_support.hpp"

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
      CHECK(labels[i] == names.at(static_cast<std::size_t>(expected(i))));
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

namespace {

// kneighbors' table (neighbor_0.., then distance_0..) as the library's answer.
fitkit::KNeighbors neighbours_in(const std::string& out) {
  const Matrix table = numbers_table(out);
  REQUIRE(table.n_cols % 2 == 0);
  const Index k = table.n_cols / 2;
  return {arma::conv_to<arma::Mat<arma::uword>>::from(table.cols(0, k - 1)),
          table.cols(k, 2 * k - 1)};
}

// Standardised wine (make_neighbors.py's nn_wine cases) as train.csv and queries.csv, and a
// NearestNeighbors fitted on it at `model` as those cases were: 4 neighbours, radius 2.5.
void fit_wine_neighbours(const ScratchDir& dir, const std::string& model) {
  const Split s = standardised_wine();
  dir.write("train.csv", matrix_csv(s.X));
  dir.write("queries.csv", matrix_csv(s.Q));
  require_success(run(dir, kNeighbors,
                      {"fit", "--data", dir.file("train.csv"), "--model", model, "--n-neighbors",
                       "4", "--radius", "2.5", "--algorithm", "kd_tree"}));
}

}  // namespace

TEST_CASE("fitkit-nearest-neighbors kneighbors writes scikit-learn's neighbours and distances",
          "[cli][nearest_neighbors][reference]") {
  const std::string reference = "neighbors/nn_wine_kd_tree/";
  ScratchDir dir;
  for (const std::string name : {"nn.bin", "nn.json"}) {
    INFO(name);
    const std::string model = dir.file(name);
    fit_wine_neighbours(dir, model);
    const std::string queries = dir.file("queries.csv");

    const Result of_queries =
        run(dir, kNeighbors, {"kneighbors", "--model", model, "--data", queries});
    require_success(of_queries);
    CHECK(
        lines_of(of_queries.out).at(0) ==
        "neighbor_0,neighbor_1,neighbor_2,neighbor_3,distance_0,distance_1,distance_2,distance_3");
    check_neighbours(neighbours_in(of_queries.out), reference, Arithmetic::exact);

    // Without --data: each training row's neighbours, itself excluded, as kneighbors().
    const std::string out = dir.file("self.csv");
    require_success(run(dir, kNeighbors, {"kneighbors", "--model", model, "--output", out}));
    const fitkit::KNeighbors self = neighbours_in(read_file(out));
    const Matrix want_indices = reference_matrix(reference + "self_indices.csv");
    const Matrix want_distances = reference_matrix(reference + "self_distances.csv");
    REQUIRE(self.indices.n_rows == want_indices.n_rows);
    REQUIRE(self.indices.n_cols == want_indices.n_cols);
    CHECK(arma::all(arma::vectorise(arma::conv_to<Matrix>::from(self.indices) == want_indices)));
    CHECK(arma::abs(self.distances - want_distances).max() <= 1e-12 * want_distances.max());

    // --n-neighbors 2: the first two of scikit-learn's four, where the second and third differ.
    const Result two = run(
        dir, kNeighbors, {"kneighbors", "--model", model, "--data", queries, "--n-neighbors", "2"});
    require_success(two);
    const fitkit::KNeighbors first_two = neighbours_in(two.out);
    const Matrix want = reference_matrix(reference + "distances.csv");
    const Matrix want_rows = reference_matrix(reference + "indices.csv");
    REQUIRE(first_two.indices.n_cols == 2);
    CHECK(arma::abs(first_two.distances - want.cols(0, 1)).max() <= 1e-12 * want.max());
    for (Index i = 0; i < want.n_rows; ++i)
      if (want(i, 2) > want(i, 1) * (1 + 1e-9))
        for (Index r = 0; r < 2; ++r)
          CHECK(static_cast<double>(first_two.indices(i, r)) == want_rows(i, r));
  }
}

TEST_CASE("fitkit-nearest-neighbors radius-neighbors writes scikit-learn's pairs",
          "[cli][nearest_neighbors][reference]") {
  const std::string reference = "neighbors/nn_wine_kd_tree/";
  ScratchDir dir;
  const std::string model = dir.file("nn.bin");
  fit_wine_neighbours(dir, model);
  const std::string queries = dir.file("queries.csv");
  const Result within =
      run(dir, kNeighbors, {"radius-neighbors", "--model", model, "--data", queries});
  require_success(within);
  CHECK(lines_of(within.out).at(0) == "query,neighbor,distance");
  const Matrix pairs = numbers_table(within.out);
  const Vector counts = reference_vector(reference + "radius_counts.csv");
  const Vector indices = reference_vector(reference + "radius_indices.csv");
  const Vector distances = reference_vector(reference + "radius_distances.csv");
  REQUIRE(pairs.n_rows == indices.n_elem);
  REQUIRE(pairs.n_cols == 3);
  Index at = 0;
  for (Index i = 0; i < counts.n_elem; ++i)
    for (Index r = 0; r < static_cast<Index>(counts(i)); ++r, ++at) {
      INFO("query " << i << ", neighbour " << r);
      CHECK(pairs(at, 0) == static_cast<double>(i));
      CHECK(pairs(at, 1) == indices(at));
      CHECK(std::abs(pairs(at, 2) - distances(at)) <= 1e-12 * (1 + distances(at)));
    }
  CHECK(arma::accu(counts) > 3 * counts.n_elem);  // the radius finds something

  // --radius at query time: a wider one finds every pair of the narrower and more.
  const Result wider = run(dir, kNeighbors,
                           {"radius-neighbors", "--model", model, "--data", queries, "--radius",
                            "3", "--output", dir.file("wider.csv")});
  require_success(wider);
  const Matrix more = numbers_table(read_file(dir.file("wider.csv")));
  CHECK(more.n_rows > pairs.n_rows);
  CHECK(more.col(2).max() <= 3.0);
  // Radius 0: only exact matches, and the queries are no training rows: a header alone.
  const Result none = run(
      dir, kNeighbors, {"radius-neighbors", "--model", model, "--data", queries, "--radius", "0"});
  require_success(none);
  CHECK(none.out == "query,neighbor,distance\n");
}

TEST_CASE("fitkit-nearest-neighbors kneighbors and radius-neighbors refuse bad inputs clearly",
          "[cli][nearest_neighbors]") {
  ScratchDir dir;
  const std::string model = dir.file("nn.bin");
  fit_wine_neighbours(dir, model);
  const std::string queries = dir.file("queries.csv");
  const std::string out = dir.file("out.csv");
  // More neighbours than training rows (118), with and without --data (each row itself excluded
  // asks for one more, as scikit-learn's kneighbors()).
  require_failure(run(dir, kNeighbors,
                      {"kneighbors", "--model", model, "--data", queries, "--n-neighbors", "119",
                       "--output", out}),
                  2, kNeighbors, "Expected n_neighbors <= n_samples_fit, but n_samples_fit = 118");
  require_failure(run(dir, kNeighbors,
                      {"kneighbors", "--model", model, "--n-neighbors", "118", "--output", out}),
                  2, kNeighbors, "n_samples_fit = 118, n_neighbors = 119");
  require_failure(
      run(dir, kNeighbors, {"kneighbors", "--model", model, "--n-neighbors", "0", "--output", out}),
      2, kNeighbors, "--n-neighbors must be at least 1, found 0");
  // A negative radius.
  require_failure(run(dir, kNeighbors,
                      {"radius-neighbors", "--model", model, "--data", queries, "--radius", "-1",
                       "--output", out}),
                  2, kNeighbors, "radius must be a finite number >= 0");
  // A query file of another width, with and without a header.
  const std::string narrow = dir.write("narrow.csv", "x0,x1\n1,2\n");
  const std::string plain = dir.write("plain.csv", "1,2\n3,4\n");
  for (const std::string verb : {"kneighbors", "radius-neighbors"}) {
    INFO(verb);
    require_failure(
        run(dir, kNeighbors, {verb, "--model", model, "--data", narrow, "--output", out}), 1,
        kNeighbors, "x2");
    require_failure(
        run(dir, kNeighbors,
            {verb, "--model", model, "--data", plain, "--no-header", "--output", out}),
        1, kNeighbors,
        "the file has 2 columns, but the NearestNeighbors model was fitted on 13 features");
    // A missing model, and none given.
    require_failure(
        run(dir, kNeighbors,
            {verb, "--model", dir.file("none.bin"), "--data", queries, "--output", out}),
        1, kNeighbors, "none.bin");
    require_failure(run(dir, kNeighbors, {verb, "--data", queries}), 2, kNeighbors,
                    "missing --model");
    // Another type's model.
    const std::string kmeans = dir.file("km.bin");
    require_success(
        run(dir, "fitkit-kmeans",
            {"fit", "--data", dir.file("train.csv"), "--model", kmeans, "--n-clusters", "2"}));
    require_failure(
        run(dir, kNeighbors, {verb, "--model", kmeans, "--data", queries, "--output", out}), 1,
        kNeighbors, "KMeans");
  }
  require_failure(run(dir, kNeighbors, {"radius-neighbors", "--model", model}), 2, kNeighbors,
                  "missing --data");
  CHECK_FALSE(exists(out));
}
