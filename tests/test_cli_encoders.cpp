// fitkit-one-hot-encoder, fitkit-ordinal-encoder and fitkit-kbins-discretizer run as a user runs
// them: text columns of the file are categories, the output CSV has scikit-learn's feature
// names and outputs (tests/reference/make_encoders.py), and a category the model did not see is
// refused naming the column and the text (handle_unknown error) or encoded (ignore,
// use_encoded_value).

#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "cli_support.hpp"

using Catch::Matchers::Contains;
using fitkit::Matrix;
using fitkit::test::lines_of;
using fitkit::test::numbers_table;
using fitkit::test::reference_lines;
using fitkit::test::reference_matrix;
using fitkit::test::require_failure;
using fitkit::test::Result;
using fitkit::test::run;
using fitkit::test::ScratchDir;
using fitkit::test::source_path;

namespace {

std::string fixture(const std::string& name) {
  return source_path("tests/reference/encoders/" + name);
}

std::string header_of(const std::vector<std::string>& names) {
  std::string line;
  for (const std::string& name : names) line += (line.empty() ? "" : ",") + name;
  return line;
}

// Codes and indicators: exactly equal, NaN where the other has NaN.
bool same(const Matrix& a, const Matrix& b) {
  if (a.n_rows != b.n_rows || a.n_cols != b.n_cols) return false;
  for (fitkit::Index k = 0; k < a.n_elem; ++k)
    if (std::isnan(b(k)) ? !std::isnan(a(k)) : a(k) != b(k)) return false;
  return true;
}

// Fits `program` on mixed.csv and transforms `data`; the output's header and numbers.
Result fit_and_transform(const ScratchDir& dir, const std::string& program,
                         const std::vector<std::string>& options, const std::string& data,
                         const std::string& model_name) {
  std::vector<std::string> args = {"fit", "--data", fixture("mixed.csv"), "--model",
                                   dir.file(model_name)};
  args.insert(args.end(), options.begin(), options.end());
  const Result fit = run(dir, program, args);
  INFO("stderr: " << fit.err);
  REQUIRE(fit.status == 0);
  return run(dir, program, {"transform", "--model", dir.file(model_name), "--data", data});
}

}  // namespace

TEST_CASE("fitkit-one-hot-encoder encodes text columns as scikit-learn does",
          "[cli][encoders][reference]") {
  const std::string format = GENERATE(as<std::string>{}, "e.bin", "e.json");
  const ScratchDir dir;
  const Result out =
      fit_and_transform(dir, "fitkit-one-hot-encoder", {}, fixture("mixed.csv"), format);
  INFO("stderr: " << out.err);
  REQUIRE(out.status == 0);
  CHECK(lines_of(out.out).front() ==
        header_of(reference_lines("encoders/onehot_mixed/feature_names.txt")));
  CHECK(same(numbers_table(out.out), reference_matrix("encoders/onehot_mixed/transform.csv")));

  // Unknown texts and numbers: ignored with handle_unknown ignore (and drop first).
  const Result ignored = fit_and_transform(dir, "fitkit-one-hot-encoder",
                                           {"--handle-unknown", "ignore", "--drop", "first"},
                                           fixture("mixed_unknown.csv"), "i" + format);
  INFO("stderr: " << ignored.err);
  REQUIRE(ignored.status == 0);
  CHECK(same(numbers_table(ignored.out),
             reference_matrix("encoders/onehot_mixed_ignore_first/unknown.csv")));

  // Refused, naming the column and the text, with handle_unknown error.
  const Result refused =
      run(dir, "fitkit-one-hot-encoder",
          {"transform", "--model", dir.file(format), "--data", fixture("mixed_unknown.csv")});
  require_failure(refused, 1, "fitkit-one-hot-encoder",
                  "column 'colour' holds 'purple', a category the OneHotEncoder model did not "
                  "see at fit");
}

TEST_CASE("fitkit-one-hot-encoder groups infrequent categories as scikit-learn does",
          "[cli][encoders][reference]") {
  const ScratchDir dir;
  const std::string expected = "encoders/onehot_mixed_infrequent/";
  // The parameters of make_encoders.py's case; unknown texts go to the infrequent column.
  const Result out =
      fit_and_transform(dir, "fitkit-one-hot-encoder",
                        {"--categories", "size=S,M,L", "--min-frequency", "0.2", "--max-categories",
                         "3", "--handle-unknown", "infrequent_if_exist", "--drop", "if_binary"},
                        fixture("mixed_unknown.csv"), "m.json");
  INFO("stderr: " << out.err);
  REQUIRE(out.status == 0);
  CHECK(lines_of(out.out).front() == header_of(reference_lines(expected + "feature_names.txt")));
  CHECK(same(numbers_table(out.out), reference_matrix(expected + "unknown.csv")));
}

TEST_CASE("fitkit-ordinal-encoder encodes unknown categories as unknown_value",
          "[cli][encoders][reference]") {
  const ScratchDir dir;
  const Result out =
      fit_and_transform(dir, "fitkit-ordinal-encoder",
                        {"--handle-unknown", "use_encoded_value", "--unknown-value=-1"},
                        fixture("mixed_unknown.csv"), "o.bin");
  INFO("stderr: " << out.err);
  REQUIRE(out.status == 0);
  CHECK(lines_of(out.out).front() == "colour,size,count,price");
  CHECK(same(numbers_table(out.out), reference_matrix("encoders/ordinal_mixed/unknown.csv")));
  // With handle_unknown error (and the text columns also named): the column and the text.
  const Result numbers =
      fit_and_transform(dir, "fitkit-ordinal-encoder", {"--categorical-features", "colour,size"},
                        fixture("mixed_unknown.csv"), "p.bin");
  require_failure(numbers, 1, "fitkit-ordinal-encoder", "column 'colour' holds 'purple'");
}

TEST_CASE("fitkit-kbins-discretizer bins a data file", "[cli][encoders][reference]") {
  const ScratchDir dir;
  const std::string wine = source_path("datasets/wine.csv");
  const Result fit = run(dir, "fitkit-kbins-discretizer",
                         {"fit", "--data", wine, "--target", "cultivar", "--model",
                          dir.file("k.json"), "--strategy", "kmeans", "--n-bins", "3"});
  INFO("stderr: " << fit.err);
  REQUIRE(fit.status == 0);
  const Result out = run(dir, "fitkit-kbins-discretizer",
                         {"transform", "--model", dir.file("k.json"), "--data", wine});
  INFO("stderr: " << out.err);
  REQUIRE(out.status == 0);
  const Matrix Z = numbers_table(out.out);
  const Matrix expected = reference_matrix("encoders/kbins_wine_kmeans_3_onehot/transform.csv");
  // Every 9th row; the target passed through as the last column.
  REQUIRE(Z.n_rows == 178);
  REQUIRE(Z.n_cols == expected.n_cols + 1);
  CHECK(same(Matrix(Z.rows(arma::regspace<arma::uvec>(0, 9, 177))).cols(0, expected.n_cols - 1),
             expected));
  CHECK(
      lines_of(out.out).front().starts_with("alcohol_0.0,alcohol_1.0,alcohol_2.0,malic_acid_0.0"));
}
