// fitkit-gaussian-mixture, run as a user runs it: fit from initial parameters given on the
// command line, predict (labels and --proba), score, info, against the scikit-learn fixtures
// of tests/reference/make_gaussian_mixture.py; and its bad inputs.

#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "fitkit/cluster/gaussian_mixture.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/model/model_io.hpp"

using Catch::Matchers::Contains;
using fitkit::Index;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

const std::string kProgram = "fitkit-gaussian-mixture";

// Iris's four measurements (no species column), rows `rows` of it.
std::string iris_features(const ScratchDir& dir, const std::string& name, Index step = 1) {
  fitkit::io::CsvOptions options;
  options.target = "species";
  const Matrix X = fitkit::io::read_csv(source_path("datasets/iris.csv"), options).X;
  std::ostringstream out;
  out.precision(17);
  out << "sepal_length,sepal_width,petal_length,petal_width\n";
  for (Index i = 0; i < X.n_rows; i += step)
    out << X(i, 0) << "," << X(i, 1) << "," << X(i, 2) << "," << X(i, 3) << "\n";
  return dir.write(name, out.str());
}

// A gaussian_mixture fixture's flat list as the text of a list option.
std::string list_of(const std::string& file) {
  return reference_list_option("gaussian_mixture/" + file);
}

}  // namespace

TEST_CASE("fitkit-gaussian-mixture fits scikit-learn's mixture from given initial parameters",
          "[cli][gaussian_mixture][reference]") {
  ScratchDir dir;
  const std::string data = iris_features(dir, "iris.csv");
  for (const std::string type : {"full", "diag"}) {
    DYNAMIC_SECTION(type) {
      const std::string ref = "iris_" + type + "/";
      for (const std::string model_name : {"m.bin", "m.json"}) {
        const std::string model = dir.file(model_name);
        const Result fit =
            run(dir, kProgram,
                {"fit", "--data", data, "--model", model, "--n-components", "3",
                 "--covariance-type", type, "--weights-init", list_of(ref + "weights_init.csv"),
                 "--means-init", list_of(ref + "means_init.csv"), "--precisions-init",
                 list_of(ref + "precisions_init.csv")});
        INFO(fit.err);
        REQUIRE(fit.status == 0);

        const Result predict = run(dir, kProgram, {"predict", "--model", model, "--data", data});
        REQUIRE(predict.status == 0);
        CHECK(arma::all(predictions_in(predict.out) ==
                        reference_vector("gaussian_mixture/" + ref + "predict.csv")));

        const std::string quarter = iris_features(dir, "quarter.csv", 4);
        const Result proba =
            run(dir, kProgram, {"predict", "--model", model, "--data", quarter, "--proba"});
        REQUIRE(proba.status == 0);
        CHECK_THAT(proba.out, Catch::Matchers::StartsWith("0,1,2\n"));
        const Matrix expected = reference_matrix("gaussian_mixture/" + ref + "proba.csv");
        const Matrix got = numbers_table(proba.out);
        REQUIRE(got.n_rows == expected.n_rows);
        CHECK(arma::abs(got - expected).max() < 1e-6);

        const Result score = run(dir, kProgram, {"score", "--model", model, "--data", data});
        REQUIRE(score.status == 0);
        CHECK(printed_score(score.out, "log_likelihood") ==
              Approx(reference_scalar("gaussian_mixture/" + ref + "score.csv")).epsilon(1e-5));

        const Result info = run(dir, kProgram, {"info", model});
        REQUIRE(info.status == 0);
        CHECK_THAT(info.out, Contains("type: GaussianMixture (clusterer)"));
        CHECK_THAT(info.out, Contains("covariance_type: " + type));
        CHECK_THAT(info.out, Contains("converged: true"));
        const int n_iter =
            static_cast<int>(reference_scalar("gaussian_mixture/" + ref + "n_iter.csv"));
        CHECK_THAT(info.out, Contains("n_iter: " + std::to_string(n_iter)));
      }
    }
  }
}

TEST_CASE("fitkit-gaussian-mixture refuses bad inputs", "[cli][gaussian_mixture]") {
  ScratchDir dir;
  const std::string data = iris_features(dir, "iris.csv");
  const std::string model = dir.file("m.bin");
  // A parameter out of its range, for the data too (InvalidParameter), is a usage error (2);
  // data that cannot be fitted (DataError) exits 1.
  const auto fit = [&](std::vector<std::string> extra, const std::string& file) {
    std::vector<std::string> args = {"fit", "--data", file, "--model", model};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(dir, kProgram, args);
  };
  require_failure(fit({"--n-components", "0"}, data), 2, kProgram, "n_components");
  require_failure(fit({"--reg-covar", "-1e-6"}, data), 2, kProgram, "reg_covar");
  require_failure(fit({"--covariance-type", "banded"}, data), 2, kProgram, "full, tied, diag");
  const std::string five = dir.write("five.csv", "a,b\n1,2\n3,4\n5,6\n7,8\n9,1\n");
  require_failure(fit({"--n-components", "6"}, five), 2, kProgram,
                  "'n_components': must be at most the number of samples (5), got 6");
  const std::string one = dir.write("one.csv", "a,b\n1,2\n");
  require_failure(fit({}, one), 1, kProgram, "at least 2 samples, got 1");
  require_failure(fit({"--n-components", "2", "--means-init", "1,2,3"}, data), 2, kProgram,
                  "expected 8 values (2 x 4)");
  const std::string same = dir.write("same.csv", "a,b\n1,1\n1,1\n1,1\n1,1\n");
  require_failure(fit({"--n-components", "2", "--reg-covar", "0"}, same), 1, kProgram,
                  "ill-defined empirical covariance");
  CHECK_FALSE(exists(model));
  // Identical rows with the default reg_covar fit, as scikit-learn's do.
  const Result rescued = fit({"--n-components", "2"}, same);
  INFO(rescued.err);
  CHECK(rescued.status == 0);
}

namespace {

// The variance of feature j in component c of a fitted mixture, whatever its covariance type
// (the layouts of GaussianMixture::covariances()).
double component_variance(const fitkit::GaussianMixture& gm, Index c, Index j) {
  const arma::cube& cov = gm.covariances();
  switch (gm.params().covariance_type) {
    case fitkit::CovarianceType::full:
      return cov(j, j, c);
    case fitkit::CovarianceType::tied:
      return cov(j, j, 0);
    case fitkit::CovarianceType::diag:
      return cov(c, j, 0);
    case fitkit::CovarianceType::spherical:
      return cov(c, 0, 0);
  }
  return 0;
}

}  // namespace

TEST_CASE("fitkit-gaussian-mixture sample draws the model's mixture, the same rows for a seed",
          "[cli][gaussian_mixture][determinism]") {
  ScratchDir dir;
  const std::string data = iris_features(dir, "iris.csv");
  for (const std::string type : {"full", "tied", "diag", "spherical"}) {
    const std::string model = dir.file(type == "diag" ? "m.json" : "m.bin");
    INFO(type << ", " << model);
    require_success(run(dir, kProgram,
                        {"fit", "--data", data, "--model", model, "--n-components", "3",
                         "--covariance-type", type, "--seed", "0"}));
    const Index n = 20000;
    const auto sample = [&](const std::string& seed, const std::string& out) {
      require_success(run(dir, kProgram,
                          {"sample", "--model", model, "--n-samples", std::to_string(n), "--seed",
                           seed, "--output", dir.file(out)}));
      return read_file(dir.file(out));
    };
    const std::string first = sample("7", "a.csv");
    CHECK(sample("7", "b.csv") == first);  // the same seed, the same file
    CHECK(sample("8", "c.csv") != first);
    CHECK(lines_of(first).at(0) == "sepal_length,sepal_width,petal_length,petal_width,component");

    // Over n rows, each component's count and mean agree with the model's weight and mean
    // within 5 standard errors: sqrt(n w (1 - w)) for a count, sqrt(variance / count) for a
    // mean.
    const auto gm = fitkit::load<fitkit::GaussianMixture>(model);
    const Matrix rows = numbers_table(first);
    REQUIRE(rows.n_rows == n);
    REQUIRE(rows.n_cols == 5);
    const Vector component = rows.col(4);
    for (Index c = 0; c < 3; ++c) {
      INFO("component " << c);
      const arma::uvec in_c = arma::find(component == static_cast<double>(c));
      const double w = gm.weights()(c), expected = static_cast<double>(n) * w;
      CHECK(std::abs(static_cast<double>(in_c.n_elem) - expected) <=
            5 * std::sqrt(expected * (1 - w)));
      REQUIRE(in_c.n_elem > 30);
      for (Index j = 0; j < 4; ++j) {
        const double mean = arma::mean(rows(in_c, arma::uvec{j}).eval().col(0));
        const double se = std::sqrt(component_variance(gm, c, j) / in_c.n_elem);
        CHECK(std::abs(mean - gm.means()(c, j)) <= 5 * se);
      }
    }
    CHECK(arma::all(component == arma::floor(component)));
    CHECK(component.min() >= 0);
    CHECK(component.max() <= 2);
  }
}

TEST_CASE("fitkit-gaussian-mixture sample refuses bad inputs", "[cli][gaussian_mixture]") {
  ScratchDir dir;
  const std::string data = iris_features(dir, "iris.csv");
  const std::string model = dir.file("m.bin");
  require_success(
      run(dir, kProgram, {"fit", "--data", data, "--model", model, "--n-components", "2"}));
  const std::string out = dir.file("out.csv");
  for (const std::string n : {"0", "-5"})
    require_failure(
        run(dir, kProgram, {"sample", "--model", model, "--n-samples", n, "--output", out}), 2,
        kProgram, "--n-samples must be at least 1, found " + n);
  require_failure(run(dir, kProgram, {"sample", "--model", model, "--output", out}), 2, kProgram,
                  "missing --n-samples");
  require_failure(run(dir, kProgram, {"sample", "--n-samples", "5", "--output", out}), 2, kProgram,
                  "missing --model");
  require_failure(
      run(dir, kProgram,
          {"sample", "--model", model, "--n-samples", "5", "--seed", "-1", "--output", out}),
      2, kProgram, "seed");
  require_failure(
      run(dir, kProgram,
          {"sample", "--model", dir.file("none.bin"), "--n-samples", "5", "--output", out}),
      1, kProgram, "none.bin");
  CHECK_FALSE(exists(out));
  // A model fitted on a file without a header names its features by position.
  const std::string plain = dir.write("plain.csv", "1,2\n1.5,2.5\n3,1\n3.2,0.8\n0.9,2.2\n");
  require_success(
      run(dir, kProgram,
          {"fit", "--data", plain, "--no-header", "--model", model, "--n-components", "1"}));
  const Result drawn = run(dir, kProgram, {"sample", "--model", model, "--n-samples", "3"});
  require_success(drawn);
  CHECK(lines_of(drawn.out).size() == 4);
  CHECK(lines_of(drawn.out).at(0) == "x0,x1,component");
}
