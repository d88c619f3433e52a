// What every clusterer's program shares, run as a user runs it: `fit --labels-out` writes the
// cluster of every training row, and `score` compares the clusters with a target column by
// scikit-learn's adjusted Rand index and NMI (tests/reference/make_cli_clustering.py).

#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"

using Catch::Matchers::Contains;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

// scikit-learn's GaussianMixture fit from gaussian_mixture/iris_full's initial parameters, on
// iris's features with the species left out by --target.
std::vector<std::string> gaussian_mixture_fit(const std::string& model) {
  const std::string ref = "gaussian_mixture/iris_full/";
  return {"fit",
          "--data",
          source_path("datasets/iris.csv"),
          "--target",
          "species",
          "--model",
          model,
          "--n-components",
          "3",
          "--weights-init",
          reference_list_option(ref + "weights_init.csv"),
          "--means-init",
          reference_list_option(ref + "means_init.csv"),
          "--precisions-init",
          reference_list_option(ref + "precisions_init.csv")};
}

}  // namespace

TEST_CASE("a clusterer's fit --labels-out writes the cluster of every training row",
          "[cli][reference]") {
  ScratchDir dir;
  const std::string program = "fitkit-gaussian-mixture";
  const std::string model = dir.file("m.bin");
  std::vector<std::string> fit = gaussian_mixture_fit(model);
  const std::string labels = dir.file("labels.csv");
  fit.insert(fit.end(), {"--labels-out", labels});
  require_success(run(dir, program, fit));
  const Vector expected = reference_vector("gaussian_mixture/iris_full/labels.csv");
  const Vector written = predictions_in(read_file(labels));
  REQUIRE(written.n_elem == expected.n_elem);
  CHECK(arma::approx_equal(written, expected, "absdiff", 0.0));
  // The same as predict on the rows fitted on; and as fit-predict writes (DBSCAN, and the
  // transductive AgglomerativeClustering).
  CHECK(run(dir, program, {"predict", "--model", model, "--data", source_path("datasets/iris.csv")})
            .out == read_file(labels));
  for (const std::string other : {"fitkit-agglomerative-clustering", "fitkit-dbscan"}) {
    INFO(other);
    const Result fit_predict =
        run(dir, other,
            {"fit-predict", "--data", source_path("datasets/iris.csv"), "--target", "species"});
    require_success(fit_predict);
    const Result labels_out = run(dir, other,
                                  {"fit", "--data", source_path("datasets/iris.csv"), "--target",
                                   "species", "--model", dir.file("a.bin"), "--labels-out", "-"});
    require_success(labels_out);
    CHECK(lines_of(labels_out.out).size() == 151);
    CHECK(labels_out.out == fit_predict.out);
  }

  // A bad path is refused before fitting, and nothing is written.
  fit = gaussian_mixture_fit(dir.file("none.bin"));
  fit.insert(fit.end(), {"--labels-out", dir.file("missing/labels.csv")});
  require_failure(run(dir, program, fit), 1, program, "missing");
  CHECK_FALSE(exists(dir.file("none.bin")));
  // Only clusterers have it.
  require_failure(run(dir, "fitkit-ridge",
                      {"fit", "--data", source_path("datasets/diabetes.csv"), "--model",
                       dir.file("r.bin"), "--labels-out", labels}),
                  2, "fitkit-ridge", "labels-out");
}

TEST_CASE("a clusterer's score compares its clusters with the target column by ARI and NMI",
          "[cli][reference]") {
  ScratchDir dir;
  const std::string program = "fitkit-gaussian-mixture";
  const std::string model = dir.file("m.bin");
  require_success(run(dir, program, gaussian_mixture_fit(model)));
  const Vector expected = reference_vector("cli_clustering/iris_full/agreement.csv");
  const std::string iris = source_path("datasets/iris.csv");
  // The column fit left out by --target is the one compared with, as is one --target names.
  for (const std::vector<std::string>& target :
       {std::vector<std::string>{}, std::vector<std::string>{"--target", "species"}}) {
    std::vector<std::string> args = {"score", "--model", model, "--data", iris};
    args.insert(args.end(), target.begin(), target.end());
    const Result score = run(dir, program, args);
    require_success(score);
    const std::vector<std::string> lines = lines_of(score.out);
    REQUIRE(lines.size() == 3);
    CHECK(printed_score(lines[0], "log_likelihood") ==
          Approx(reference_scalar("gaussian_mixture/iris_full/score.csv")).epsilon(1e-5));
    CHECK(printed_score(lines[1], "adjusted_rand_score") == Approx(expected(0)).epsilon(1e-5));
    CHECK(printed_score(lines[2], "normalized_mutual_info_score") ==
          Approx(expected(1)).epsilon(1e-5));
  }
  // Without a target column: the clusterer's own score alone.
  const Result own = run(dir, program,
                         {"score", "--model", model, "--data",
                          dir.write("x.csv",
                                    "sepal_length,sepal_width,petal_length,petal_width\n"
                                    "5.1,3.5,1.4,0.2\n6.3,3.3,6,2.5\n")});
  require_success(own);
  CHECK(lines_of(own.out).size() == 1);
  // A continuous target is no labelling.
  const std::string continuous =
      dir.write("continuous.csv",
                "sepal_length,sepal_width,petal_length,petal_width,size\n"
                "5.1,3.5,1.4,0.2,0.5\n6.3,3.3,6,2.5,1.7\n");
  require_failure(
      run(dir, program, {"score", "--model", model, "--data", continuous, "--target", "size"}), 1,
      program, "the target column 'size' is continuous (row 1 holds 0.5), not class labels");
}
