// fitkit-dbscan, run as a user runs it: fit, predict (the nearest core sample within eps), info,
// and its errors, against the scikit-learn fixtures of tests/reference/make_dbscan.py.

#include <catch2/catch.hpp>
#include <sstream>
#include <string>

#include "cli_support.hpp"

using Catch::Matchers::Contains;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

const std::string kProgram = "fitkit-dbscan";

}  // namespace

TEST_CASE("fitkit-dbscan fit, predict and info agree with scikit-learn's fit",
          "[cli][dbscan][reference]") {
  ScratchDir dir;
  const std::string data =
      dir.write("blobs.csv", matrix_csv(reference_matrix("dbscan/blobs3/X.csv")));
  const std::string queries =
      dir.write("queries.csv", matrix_csv(reference_matrix("dbscan/blobs3/queries.csv")));
  for (const std::string name : {"m.bin", "m.json"}) {
    const std::string model = dir.file(name);
    const Result fit =
        run(dir, kProgram,
            {"fit", "--data", data, "--model", model, "--eps", "0.3", "--min-samples", "5"});
    INFO(fit.err);
    REQUIRE(fit.status == 0);

    const Result predict = run(dir, kProgram, {"predict", "--model", model, "--data", queries});
    INFO(predict.err);
    REQUIRE(predict.status == 0);
    const Vector expected = reference_vector("dbscan/blobs3_e0.3_m5/predict.csv");
    const Vector predicted = predictions_in(predict.out);
    REQUIRE(predicted.n_elem == expected.n_elem);
    CHECK(arma::all(predicted == expected));

    const Result info = run(dir, kProgram, {"info", model});
    REQUIRE(info.status == 0);
    CHECK_THAT(info.out, Contains("type: DBSCAN"));
    CHECK_THAT(info.out, Contains("eps: 0.3"));
    const Vector labels = reference_vector("dbscan/blobs3_e0.3_m5/labels.csv");
    CHECK_THAT(info.out,
               Contains("clusters: " + std::to_string(static_cast<int>(labels.max()) + 1)));
    CHECK_THAT(info.out,
               Contains("noise: " + std::to_string(static_cast<int>(arma::accu(labels < 0)))));
  }
}

TEST_CASE("fitkit-dbscan refuses bad parameters and data", "[cli][dbscan]") {
  ScratchDir dir;
  const std::string data =
      dir.write("iris.csv", matrix_csv(reference_matrix("dbscan/iris_std/X.csv")));
  const std::string model = dir.file("m.bin");
  for (const std::string eps : {"0", "-1"}) {
    const Result r = run(dir, kProgram, {"fit", "--data", data, "--model", model, "--eps", eps});
    CHECK(r.status != 0);
    CHECK_THAT(r.err, Contains("eps"));
    CHECK_FALSE(exists(model));
  }
  const Result few =
      run(dir, kProgram, {"fit", "--data", data, "--model", model, "--min-samples", "0"});
  CHECK(few.status != 0);
  CHECK_THAT(few.err, Contains("min_samples"));
  const Result metric =
      run(dir, kProgram, {"fit", "--data", data, "--model", model, "--metric", "cosine"});
  CHECK(metric.status != 0);
  CHECK_THAT(metric.err, Contains("metric"));
  const Result empty =
      run(dir, kProgram, {"fit", "--data", dir.write("empty.csv", ""), "--model", model});
  CHECK(empty.status == 1);
  CHECK_FALSE(exists(model));
  const Result missing =
      run(dir, kProgram, {"fit", "--data", dir.file("no-such.csv"), "--model", model});
  CHECK(missing.status == 1);
  CHECK_THAT(missing.err, Contains("no-such.csv"));

  // A model of four features asked about three.
  REQUIRE(run(dir, kProgram, {"fit", "--data", data, "--model", model}).status == 0);
  const std::string narrow =
      dir.write("narrow.csv", matrix_csv(reference_matrix("dbscan/blobs3/queries.csv")));
  const Result wrong = run(dir, kProgram, {"predict", "--model", model, "--data", narrow});
  CHECK(wrong.status == 1);
  CHECK_THAT(wrong.err, Contains("narrow.csv: no column named 'x3'"));
}

TEST_CASE("fitkit-dbscan fit shows a progress bar on a terminal only", "[cli][dbscan]") {
  ScratchDir dir;
  const std::string data =
      dir.write("blobs.csv", matrix_csv(reference_matrix("dbscan/blobs3/X.csv")));
  // Through a pipe (as every other test runs the programs): nothing on stderr.
  const Result piped = run(dir, kProgram, {"fit", "--data", data, "--model", dir.file("m.bin")});
  require_success(piped);
  CHECK(piped.err.empty());
  // On a terminal: util-linux's script(1) gives the program one.
  if (std::system("command -v script >/dev/null 2>&1") != 0) {
    WARN("script(1) is missing: the bar on a terminal is not tested");
    return;
  }
  const auto on_terminal = [&](const std::string& extra) {
    const std::string command = quoted(std::string(FITKIT_BIN_DIR) + "/" + kProgram) +
                                " fit --data " + quoted(data) + " --model " +
                                quoted(dir.file("tty.bin")) + extra;
    const std::string shell = "script -qec " + quoted(command) + " /dev/null >" +
                              quoted(dir.file("tty.out")) + " 2>&1 </dev/null";
    REQUIRE(std::system(shell.c_str()) == 0);
    return read_file(dir.file("tty.out"));
  };
  // The bar ends full: the three passes over every cell (or point) done.
  CHECK_THAT(on_terminal(""), Contains("DBSCAN [##############################]"));
  CHECK_THAT(on_terminal(" --quiet"), !Contains("DBSCAN ["));
  CHECK(exists(dir.file("tty.bin")));
}
