// fitkit-agglomerative-clustering, run as a user runs it: fit-predict and fit against the
// scikit-learn fixtures of tests/reference/make_agglomerative.py, info, the model files, and
// the refusals (predict on a transductive model, bad parameter combinations).

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "cli_support.hpp"
#include "fitkit/cluster/agglomerative_clustering.hpp"
#include "fitkit/model/model_io.hpp"

using Catch::Matchers::Contains;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

const std::string kProgram = "fitkit-agglomerative-clustering";

// The blobs fixture as a CSV with a header and no target.
std::string blobs_csv() {
  const Matrix X = reference_matrix("agglomerative/data/blobs.csv");
  std::ostringstream out;
  out.precision(17);
  for (fitkit::Index j = 0; j < X.n_cols; ++j) out << (j ? "," : "") << "x" << j;
  out << "\n";
  for (fitkit::Index i = 0; i < X.n_rows; ++i) {
    for (fitkit::Index j = 0; j < X.n_cols; ++j) out << (j ? "," : "") << X(i, j);
    out << "\n";
  }
  return out.str();
}

}  // namespace

TEST_CASE("fitkit-agglomerative-clustering fit-predict writes scikit-learn's labels",
          "[cli][agglomerative][reference]") {
  ScratchDir dir;
  const std::string data = dir.write("blobs.csv", blobs_csv());
  const std::string ward = "agglomerative/blobs_ward_euclidean/";

  SECTION("with n_clusters, saving the model too") {
    const std::string model = dir.file("m.json");
    const Result run_ =
        run(dir, kProgram, {"fit-predict", "--data", data, "--n-clusters", "4", "--model", model});
    INFO(run_.err);
    REQUIRE(run_.status == 0);
    CHECK(arma::all(predictions_in(run_.out) == reference_vector(ward + "labels.csv")));
    const auto back = fitkit::load<fitkit::AgglomerativeClustering>(model);
    CHECK(arma::all(arma::conv_to<Vector>::from(back.labels()) ==
                    reference_vector(ward + "labels.csv")));
    CHECK(back.n_clusters_found() == 4);
  }

  SECTION("with distance_threshold and another linkage") {
    const std::string average = "agglomerative/blobs_average_manhattan/";
    const std::string threshold =
        fitkit::detail::format_double(reference_scalar(average + "threshold.csv"));
    const Result run_ = run(
        dir, kProgram,
        {"fit-predict", "--data", data, "--n-clusters", "none", "--distance-threshold", threshold,
         "--linkage", "average", "--metric", "manhattan", "--output", dir.file("labels.csv")});
    INFO(run_.err);
    REQUIRE(run_.status == 0);
    CHECK(arma::all(predictions_in(read_file(dir.file("labels.csv"))) ==
                    reference_vector(average + "threshold_labels.csv")));
  }

  SECTION("fit saves the tree; info shows it; predict is refused") {
    const std::string model = dir.file("m.bin");
    const Result fit = run(dir, kProgram,
                           {"fit", "--data", data, "--model", model, "--n-clusters", "4",
                            "--compute-distances", "true"});
    INFO(fit.err);
    REQUIRE(fit.status == 0);
    const auto back = fitkit::load<fitkit::AgglomerativeClustering>(model);
    CHECK(arma::accu(back.children() !=
                     arma::conv_to<fitkit::AgglomerativeClustering::IndexMatrix>::from(
                         reference_matrix(ward + "children.csv"))) == 0);
    CHECK(relative_error(back.distances(), reference_vector(ward + "distances.csv")) < 1e-10);

    const Result info = run(dir, kProgram, {"info", model});
    REQUIRE(info.status == 0);
    CHECK_THAT(info.out, Contains("type: AgglomerativeClustering"));
    CHECK_THAT(info.out, Contains("n_clusters: 4"));
    CHECK_THAT(info.out, Contains("linkage: ward"));

    require_failure(run(dir, kProgram, {"predict", "--model", model, "--data", data}), 2, kProgram,
                    "predict");
  }
}

TEST_CASE("fitkit-agglomerative-clustering refuses bad parameters with a message",
          "[cli][agglomerative]") {
  ScratchDir dir;
  const std::string data = dir.write("blobs.csv", blobs_csv());
  // Parameters that do not fit together, or do not fit the data, are usage errors (exit 2), as
  // every InvalidParameter is.
  require_failure(run(dir, kProgram, {"fit-predict", "--data", data, "--n-clusters", "91"}), 2,
                  kProgram, "91 clusters in 90 samples");
  require_failure(run(dir, kProgram, {"fit-predict", "--data", data, "--distance-threshold", "3"}),
                  2, kProgram, "n_clusters to none");
  require_failure(run(dir, kProgram, {"fit-predict", "--data", data, "--metric", "manhattan"}), 2,
                  kProgram, "ward linkage works only with euclidean");
  require_failure(run(dir, kProgram, {"fit-predict", "--data", data, "--n-clusters", "0"}), 2,
                  kProgram, "n_clusters");
  const std::string one = dir.write("one.csv", "a,b\n1,2\n");
  require_failure(run(dir, kProgram, {"fit-predict", "--data", one, "--n-clusters", "1"}), 1,
                  kProgram, "at least 2 samples");
}
