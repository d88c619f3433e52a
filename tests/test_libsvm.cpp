// The LIBSVM / svmlight reader: dense X from sparse lines, and exact error locations.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/io/libsvm.hpp"
#include "support.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using Catch::Matchers::StartsWith;
using fitkit::DataError;
using fitkit::Dataset;
using fitkit::io::LibsvmOptions;
using fitkit::io::read_libsvm;
using fitkit::io::read_libsvm_text;

namespace {

DataError libsvm_error(const std::string& text, const LibsvmOptions& options = {}) {
  try {
    read_libsvm_text(text, options, "train.svm");
  } catch (const DataError& error) {
    return error;
  }
  FAIL("no DataError for: " << text.substr(0, 200));
  throw;  // unreachable
}

LibsvmOptions zero_based() {
  LibsvmOptions options;
  options.zero_based = true;
  return options;
}

LibsvmOptions width(fitkit::Index n_features) {
  LibsvmOptions options;
  options.n_features = n_features;
  return options;
}

}  // namespace

TEST_CASE("libsvm: sparse lines become a dense X, labels become y", "[libsvm]") {
  const Dataset d = read_libsvm_text("+1 1:0.5 3:-2\n-1 2:1e3\n2.5 1:1 2:2 3:3 4:4\n0\n");
  REQUIRE(d.n_samples() == 4);
  REQUIRE(d.n_features() == 4);
  CHECK_THAT(d.feature_names, Equals(std::vector<std::string>{"x0", "x1", "x2", "x3"}));
  CHECK(d.target_name == "y");
  CHECK(d.class_names.empty());
  CHECK(d.y(0) == 1.0);
  CHECK(d.y(1) == -1.0);
  CHECK(d.y(2) == 2.5);
  CHECK(d.y(3) == 0.0);
  CHECK(d.X(0, 0) == 0.5);
  CHECK(d.X(0, 1) == 0.0);
  CHECK(d.X(0, 2) == -2.0);
  CHECK(d.X(0, 3) == 0.0);
  CHECK(d.X(1, 1) == 1000.0);
  CHECK(d.X(2, 3) == 4.0);
  CHECK(arma::accu(arma::abs(d.X.row(3))) == 0.0);
}

TEST_CASE("libsvm: comments, blank lines, qid, tabs and CRLF", "[libsvm]") {
  const Dataset d = read_libsvm_text(
      "# a comment line\n"
      "\n"
      "1 qid:3 1:1 2:2 # trailing comment\r\n"
      "   \n"
      "0\tqid:3\t2:7\r\n");
  REQUIRE(d.n_samples() == 2);
  REQUIRE(d.n_features() == 2);
  CHECK(d.X(0, 1) == 2.0);
  CHECK(d.X(1, 1) == 7.0);
  CHECK(d.y(1) == 0.0);
}

TEST_CASE("libsvm: width from n_features, and zero-based indices", "[libsvm]") {
  const Dataset wide = read_libsvm_text("1 2:5\n", width(6));
  CHECK(wide.n_features() == 6);
  CHECK(wide.X(0, 1) == 5.0);

  const DataError e = libsvm_error("1 1:1\n0 7:1\n", width(6));
  CHECK(e.line() == 2);
  CHECK(e.column() == 3);
  CHECK_THAT(e.what(), Equals("train.svm:2:3: feature index 7 is beyond n_features = 6"));

  const Dataset zero = read_libsvm_text("1 0:4 2:6\n", zero_based());
  CHECK(zero.n_features() == 3);
  CHECK(zero.X(0, 0) == 4.0);
  CHECK(zero.X(0, 2) == 6.0);
  CHECK_THAT(libsvm_error("1 3:1\n",
                          [] {
                            auto o = zero_based();
                            o.n_features = 3;
                            return o;
                          }())
                 .what(),
             Contains("feature index 3 is beyond n_features = 3"));
}

TEST_CASE("libsvm: errors name the line and column", "[libsvm]") {
  SECTION("index 0 in a file declared 1-based") {
    LibsvmOptions one_based;
    one_based.zero_based = false;
    const DataError e = libsvm_error("1 1:1\n1 0:1\n", one_based);
    CHECK(e.line() == 2);
    CHECK(e.column() == 3);
    CHECK_THAT(e.what(), Equals("train.svm:2:3: feature index 0 in a file read as 1-based "
                                "(--zero-based, or zero_based, reads 0-based indices)"));
  }
  SECTION("index n_features, once an index 0 shows the file is 0-based") {
    const DataError e = libsvm_error("1 1:1 3:2\n1 0:1\n", width(3));
    CHECK(e.line() == 1);
    CHECK(e.column() == 7);
    CHECK_THAT(e.what(), Equals("train.svm:1:7: feature index 3 is beyond n_features = 3 "
                                "(indices start at 0: the file has an index 0)"));
    CHECK(read_libsvm_text("1 1:1 3:2\n", width(3)).X(0, 2) == 2.0);
  }
  SECTION("indices must increase") {
    CHECK_THAT(libsvm_error("1 3:1 2:1\n").what(),
               StartsWith("train.svm:1:7: feature indices must increase"));
    CHECK_THAT(libsvm_error("1 3:1 3:2\n").what(), Contains("feature indices must increase"));
  }
  SECTION("bad labels and values") {
    CHECK_THAT(libsvm_error("cat 1:1\n").what(),
               Equals("train.svm:1:1: expected a number for the label, found 'cat'"));
    CHECK_THAT(libsvm_error("1 1:x\n").what(),
               Equals("train.svm:1:5: expected a number for the feature value, found 'x'"));
    CHECK_THAT(libsvm_error("1 1:\n").what(), Equals("train.svm:1:5: missing feature value"));
    CHECK_THAT(libsvm_error("1 2:inf\n").what(), Contains("non-finite feature value 'inf'"));
    CHECK_THAT(libsvm_error("1 2:nan\n").what(), Contains("non-finite feature value 'nan'"));
    CHECK_THAT(libsvm_error("nan 2:1\n").what(), Contains("1:1: non-finite label 'nan'"));
  }
  SECTION("tokens that are not index:value") {
    CHECK_THAT(libsvm_error("1 1:1\n1  5\n").what(),
               Equals("train.svm:2:4: expected index:value, found '5'"));
    CHECK_THAT(libsvm_error("1 a:1\n").what(), Contains("expected index:value, found 'a'"));
    CHECK_THAT(libsvm_error("1 -2:1\n").what(), Contains("expected index:value, found '-2'"));
    CHECK_THAT(libsvm_error("1 99999999999999999999999:1\n").what(), Contains("too large"));
    // The largest 64-bit index, whose width would wrap to 0, in a 0-based file too.
    CHECK_THAT(libsvm_error("1 0:1 18446744073709551615:1\n").what(), Contains("too large"));
  }
  SECTION("empty input") {
    CHECK_THAT(libsvm_error("").what(), Equals("train.svm: empty file"));
    CHECK_THAT(libsvm_error("# only\n# comments\n").what(), Contains("no data rows"));
    CHECK_THAT(libsvm_error("1\n0\n").what(), Contains("no feature values"));
  }
  SECTION("a few bytes cannot ask for gigabytes") {
    CHECK_THAT(libsvm_error("1 1000000000:1\n").what(),
               Contains("give --n-features (n_features in C++) to read it"));
  }
}

TEST_CASE("libsvm: reading a file", "[libsvm]") {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("fitkit_test_libsvm_" + std::to_string(getpid()) + ".svm"))
                               .string();
  std::ofstream(path) << "3 1:1.25\n4 2:2\n";
  const Dataset d = read_libsvm(path);
  std::remove(path.c_str());
  CHECK(d.source == path);
  CHECK(d.X(0, 0) == 1.25);
  CHECK(d.y(1) == 4.0);
  CHECK_THROWS_AS(read_libsvm("/nonexistent/train.svm"), fitkit::FileError);
}

// tests/reference/make_io.py: iris written by scikit-learn's dump_svmlight_file (0-based indices,
// its default), and what load_svmlight_file(zero_based="auto") reads from it.
TEST_CASE("libsvm: the index base is detected as scikit-learn's zero_based=\"auto\"",
          "[libsvm][reference]") {
  const Dataset d =
      read_libsvm(fitkit::test::source_path("tests/reference/io/iris_zero_based.svm"));
  const fitkit::Matrix expected = fitkit::test::reference_matrix("io/iris_zero_based/X.csv");
  REQUIRE(d.n_features() == expected.n_cols);
  REQUIRE(d.n_samples() == expected.n_rows);
  CHECK(arma::approx_equal(d.X, expected, "absdiff", 0.0));
  // No index 0 anywhere: 1-based, as scikit-learn reads it.
  const Dataset one = read_libsvm_text("1 1:4 3:6\n2 2:1\n");
  CHECK(one.n_features() == 3);
  CHECK(one.X(0, 0) == 4.0);
  CHECK(one.X(1, 1) == 1.0);
}
