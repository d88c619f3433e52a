// fitkit-kmeans and fitkit-minibatch-kmeans, run as a user runs them: fit (with --init a file
// of centres, against the scikit-learn fixture), predict, transform, score, info, partial-fit
// over chunk files, and the errors of bad parameters and data.

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "fitkit/cluster/kmeans.hpp"
#include "fitkit/cluster/minibatch_kmeans.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/model/model_io.hpp"

using Catch::Matchers::Contains;
using fitkit::Index;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

const std::string kKMeans = "fitkit-kmeans";
const std::string kMiniBatch = "fitkit-minibatch-kmeans";

std::string csv_of(const Matrix& X, Index lo, Index hi, bool header = true) {
  std::ostringstream out;
  out.precision(17);
  if (header) {
    for (Index j = 0; j < X.n_cols; ++j) out << (j ? "," : "") << "x" << j;
    out << "\n";
  }
  for (Index i = lo; i < hi; ++i) {
    for (Index j = 0; j < X.n_cols; ++j) out << (j ? "," : "") << X(i, j);
    out << "\n";
  }
  return out.str();
}

}  // namespace

TEST_CASE(
    "fitkit-kmeans fit --init FILE gives scikit-learn's clusters, and predict, transform and score "
    "use them",
    "[cli][kmeans][reference]") {
  ScratchDir dir;
  // iris without its species column. (With --target species, fit keeps the species as the
  // model's class names, and predict, as apps/common writes labels today, would print cluster
  // k as the k-th species under a "species" header: a clusterer's labels need their own column
  // there, which the lead is adding with `score --target`.)
  fitkit::io::CsvOptions options;
  options.target = "species";
  const fitkit::Dataset iris = fitkit::io::read_csv(source_path("datasets/iris.csv"), options);
  std::string features = "sepal_length,sepal_width,petal_length,petal_width\n";
  features += csv_of(iris.X, 0, iris.X.n_rows, false);
  const std::string data = dir.write("iris.csv", features);
  const Matrix init = reference_matrix("kmeans/iris/init.csv");
  const std::string init_file = dir.write("init.csv", csv_of(init, 0, init.n_rows, false));
  const std::string model = dir.file("km.json");
  for (const std::string algorithm : {"lloyd", "elkan"}) {
    const Result fit = run(dir, kKMeans,
                           {"fit", "--data", data, "--model", model, "--n-clusters", "3", "--init",
                            init_file, "--algorithm", algorithm});
    INFO(fit.err);
    REQUIRE(fit.status == 0);
    const auto loaded = fitkit::load<fitkit::KMeans>(model);
    const Vector expected = reference_vector("kmeans/iris/labels.csv");
    CHECK(arma::approx_equal(Vector(arma::conv_to<Vector>::from(loaded.labels())), expected,
                             "absdiff", 0.0));
    const double inertia = reference_scalar("kmeans/iris/inertia.csv");
    CHECK(std::abs(loaded.inertia() - inertia) <= 1e-9 * inertia);
    CHECK(loaded.feature_names() ==
          std::vector<std::string>{"sepal_length", "sepal_width", "petal_length", "petal_width"});

    const Result predict = run(dir, kKMeans, {"predict", "--model", model, "--data", data});
    INFO(predict.err);
    REQUIRE(predict.status == 0);
    CHECK(arma::approx_equal(predictions_in(predict.out), expected, "absdiff", 0.0));

    const Result score = run(dir, kKMeans, {"score", "--model", model, "--data", data});
    REQUIRE(score.status == 0);
    CHECK(printed_score(score.out, "score") == Approx(-inertia).epsilon(1e-5));

    const Result transform = run(dir, kKMeans, {"transform", "--model", model, "--data", data});
    INFO(transform.err);
    REQUIRE(transform.status == 0);
    CHECK_THAT(transform.out, Catch::Matchers::StartsWith("kmeans0,kmeans1,kmeans2\n"));
    CHECK(arma::approx_equal(numbers_table(transform.out), loaded.transform(iris.X), "reldiff",
                             1e-12));
  }
  const Result info = run(dir, kKMeans, {"info", "--model", model});
  REQUIRE(info.status == 0);
  CHECK_THAT(info.out, Contains("type: KMeans") && Contains("n_clusters: 3") &&
                           Contains("algorithm: elkan") && Contains("inertia: ") &&
                           Contains("0: sepal_length "));
}

TEST_CASE("fitkit-kmeans with k-means++ is seeded and agrees with the library", "[cli][kmeans]") {
  ScratchDir dir;
  const std::string data = source_path("datasets/wine.csv");
  const std::string model = dir.file("km.bin");
  const Result fit = run(dir, kKMeans,
                         {"fit", "--data", data, "--target", "cultivar", "--model", model,
                          "--n-clusters", "4", "--seed", "7", "--n-init", "auto"});
  INFO(fit.err);
  REQUIRE(fit.status == 0);
  fitkit::io::CsvOptions options;
  options.target = "cultivar";
  const Matrix X = fitkit::io::read_csv(data, options).X;
  fitkit::KMeans expected;
  expected.set_params({{"n_clusters", "4"}, {"seed", "7"}, {"n_init", "auto"}});
  expected.fit(X);
  const auto loaded = fitkit::load<fitkit::KMeans>(model);
  CHECK(arma::approx_equal(loaded.cluster_centers(), expected.cluster_centers(), "reldiff", 1e-12));
}

TEST_CASE("fitkit-minibatch-kmeans partial-fit over chunk files takes scikit-learn's steps",
          "[cli][minibatch_kmeans][reference]") {
  ScratchDir dir;
  const Matrix X = reference_matrix("kmeans/blobs/X.csv");
  const Matrix init = reference_matrix("kmeans/minibatch_partial/init.csv");
  const std::string init_text = dir.write("init.csv", csv_of(init, 0, init.n_rows));
  const std::string model = dir.file("mbk.bin");
  const Index bounds[] = {0, 134, 267, 400};  // numpy's array_split of 400 rows in 3
  for (int part = 0; part < 3; ++part) {
    // Each chunk with a column `t` given as the target (and ignored): partial-fit on an existing
    // model reads a target column today, whatever the estimator (apps/common's
    // partial_fit_command asks TargetColumn::required; a clusterer needs none: reported).
    const Matrix rows = X.rows(bounds[part], bounds[part + 1] - 1);
    const std::string chunk = dir.write(
        "chunk" + std::to_string(part) + ".csv",
        csv_of(arma::join_rows(rows, Vector(rows.n_rows, arma::fill::zeros)), 0, rows.n_rows));
    std::vector<std::string> args = {"partial-fit", "--data", chunk, "--model", model};
    if (part == 0) {
      for (const std::string a : {"--target", "x6", "--n-clusters", "5", "--init"})
        args.push_back(a);
      args.push_back(init_text);
    }
    const Result step = run(dir, kMiniBatch, args);
    INFO(step.err);
    REQUIRE(step.status == 0);
    const auto loaded = fitkit::load<fitkit::MiniBatchKMeans>(model);
    const Matrix expected =
        reference_matrix("kmeans/minibatch_partial/centers_" + std::to_string(part) + ".csv");
    CHECK(arma::abs(loaded.cluster_centers() - expected).max() <= 1e-9 * arma::abs(expected).max());
  }
  // Parameters belong to the call that creates the model.
  const Result again =
      run(dir, kMiniBatch,
          {"partial-fit", "--data", dir.file("chunk0.csv"), "--model", model, "--n-clusters", "3"});
  CHECK(again.status != 0);
  CHECK_THAT(again.err, Contains("--n-clusters"));

  const Result fit = run(dir, kMiniBatch,
                         {"fit", "--data", dir.file("chunk0.csv"), "--model", model, "--n-clusters",
                          "5", "--batch-size", "50", "--seed", "3"});
  INFO(fit.err);
  REQUIRE(fit.status == 0);
  const Result predict =
      run(dir, kMiniBatch, {"predict", "--model", model, "--data", dir.file("chunk1.csv")});
  REQUIRE(predict.status == 0);
  CHECK(predictions_in(predict.out).n_elem == 133);
}

TEST_CASE(
    "fitkit-kmeans errors: parameters, n_clusters above the rows, centres of the wrong "
    "shape, bad data",
    "[cli][kmeans]") {
  ScratchDir dir;
  const std::string data = source_path("datasets/iris.csv");
  const std::string model = dir.file("km.bin");
  require_failure(
      run(dir, kKMeans,
          {"fit", "--data", data, "--target", "species", "--model", model, "--n-clusters", "0"}),
      2, kKMeans, "n_clusters");
  const std::string tiny = dir.write("tiny.csv", "a,b\n1,2\n3,4\n");
  require_failure(run(dir, kKMeans, {"fit", "--data", tiny, "--model", model}), 1, kKMeans,
                  "X has 2 samples, fewer than n_clusters (8)");
  const std::string wrong = dir.write("wrong.csv", "1,2\n3,4\n");
  require_failure(run(dir, kKMeans,
                      {"fit", "--data", data, "--target", "species", "--model", model,
                       "--n-clusters", "2", "--init", wrong}),
                  2, kKMeans, "expected 2 (n_clusters) x 4 (the features of X)");
  require_failure(run(dir, kKMeans,
                      {"fit", "--data", data, "--target", "species", "--model", model,
                       "--n-clusters", "2", "--init", dir.file("absent.csv")}),
                  1, kKMeans, "absent.csv");
  const std::string text = dir.write("text.csv", "a,b\n1,2\n3,x\n5,6\n");
  require_failure(run(dir, kKMeans, {"fit", "--data", text, "--model", model, "--n-clusters", "2"}),
                  1, kKMeans, "text.csv");
  CHECK_FALSE(exists(model));
  // One row, one cluster: fitted.
  const std::string one = dir.write("one.csv", "a,b\n1,2\n");
  const Result single =
      run(dir, kKMeans, {"fit", "--data", one, "--model", model, "--n-clusters", "1"});
  INFO(single.err);
  CHECK(single.status == 0);
  // Identical rows: fitted, with scikit-learn's warning on stderr.
  const std::string same = dir.write("same.csv", "a,b\n1,2\n1,2\n1,2\n1,2\n");
  const Result warned =
      run(dir, kKMeans, {"fit", "--data", same, "--model", model, "--n-clusters", "2"});
  CHECK(warned.status == 0);
  CHECK_THAT(warned.err, Contains("number of distinct clusters (1) found smaller than "
                                  "n_clusters (2)"));
}
