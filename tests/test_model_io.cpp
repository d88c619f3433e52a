// Model files (DESIGN.md §5): round trips in both formats, the checked-in model of each
// release, and files that are truncated, corrupted, hostile, of another type or too new.

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/linear/linear_regression.hpp"
#include "fitkit/model/model_io.hpp"
#include "support.hpp"

using fitkit::LinearRegression;
using fitkit::Matrix;
using fitkit::ModelFormatError;
using fitkit::Vector;
using namespace fitkit::test;
using Catch::Matchers::Contains;

namespace {

fitkit::Dataset diabetes() {
  return fitkit::io::read_csv(source_path("datasets/diabetes.csv"));
}

LinearRegression fitted_on_diabetes() {
  LinearRegression lr;
  lr.fit_dataset(diabetes());
  return lr;
}

// The binary layout: 8 magic bytes, u32 envelope version, u64 body length, u64 FNV-1a
// checksum of the body, body. Recomputed here so that a test can forge a file that passes
// the checksum and reaches the decoder.
constexpr std::size_t kHeader = 28;

std::uint64_t fnv1a(const std::string& bytes, std::size_t from) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (std::size_t i = from; i < bytes.size(); ++i) {
    hash ^= static_cast<unsigned char>(bytes[i]);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string with_fixed_checksum(std::string bytes) {
  const std::uint64_t sum = fnv1a(bytes, kHeader);
  std::memcpy(bytes.data() + 20, &sum, 8);  // little-endian host
  return bytes;
}

// Offset of the first occurrence of a little-endian u64 in the body.
std::size_t find_u64(const std::string& bytes, std::uint64_t value, std::size_t from) {
  std::string needle(8, '\0');
  std::memcpy(needle.data(), &value, 8);
  return bytes.find(needle, from);
}

void check_rejected(const std::string& path, const std::string& reason) {
  CHECK_THROWS_WITH(fitkit::load<LinearRegression>(path), Contains(reason));
  CHECK_THROWS_AS(fitkit::load_any(path), ModelFormatError);
}

}  // namespace

TEST_CASE("save and load give identical predictions in both formats", "[model_io]") {
  ScratchDir dir;
  const auto data = diabetes();
  LinearRegression lr({.fit_intercept = true, .solver = fitkit::LinearRegressionSolver::svd});
  lr.fit_dataset(data);
  for (const std::string name : {"lr.bin", "lr.json"}) {
    const std::string path = dir.file(name);
    fitkit::save(lr, path);
    const auto back = fitkit::load<LinearRegression>(path);
    CHECK(arma::approx_equal(back.predict(data.X), lr.predict(data.X), "absdiff", 0.0));
    CHECK(arma::approx_equal(back.coef(), lr.coef(), "absdiff", 0.0));
    CHECK(back.intercept() == lr.intercept());
    CHECK(back.rank() == lr.rank());
    CHECK(back.get_params() == lr.get_params());
    CHECK(back.feature_names() == data.feature_names);
    CHECK(back.target_name() == "progression");

    const auto any = fitkit::load_any(path);
    CHECK(any->type_name() == "LinearRegression");
    CHECK(arma::approx_equal(any->predict(data.X), lr.predict(data.X), "absdiff", 0.0));

    const auto info = fitkit::read_model_info(path);
    CHECK(info.type == "LinearRegression");
    CHECK(info.class_version == 1);
    CHECK(info.n_features_in == 10);
    CHECK(info.params.at("solver") == "svd");
    CHECK(info.format == fitkit::model_format_for_path(path));
  }
}

TEST_CASE("the model files of each release still load", "[model_io]") {
  const auto data = diabetes();
  const Vector expected = reference_vector("linear_regression/diabetes/pred.csv");
  for (const std::string name : {"linear_regression.bin", "linear_regression.json"}) {
    const auto lr = fitkit::load<LinearRegression>(source_path("tests/models/0.1.0/" + name));
    CHECK(relative_error(lr.predict(data.X), expected) < 1e-9);
    CHECK(lr.feature_names() == data.feature_names);
  }
}

TEST_CASE("saving refuses unfitted models and missing directories, leaving no file", "[model_io]") {
  ScratchDir dir;
  CHECK_THROWS_AS(fitkit::save(LinearRegression(), dir.file("m.bin")), fitkit::NotFitted);
  const std::string missing = dir.file("no/such/dir/m.bin");
  CHECK_THROWS_WITH(fitkit::save(fitted_on_diabetes(), missing), Contains("does not exist"));
  CHECK_FALSE(std::filesystem::exists(missing));
  CHECK(std::filesystem::is_empty(dir.file("")));
}

TEST_CASE("missing, empty and foreign files", "[model_io]") {
  ScratchDir dir;
  CHECK_THROWS_AS(fitkit::load<LinearRegression>(dir.file("absent.bin")), fitkit::FileError);
  check_rejected(dir.write("empty.bin", ""), "not a fitkit model file");
  check_rejected(dir.write("text.bin", "age,sex\n1,2\n"), "not a fitkit model file");
  check_rejected(dir.write("broken.json", "{\"envelope_version\": 1, "), "invalid JSON");
  check_rejected(dir.write("array.json", "{\"envelope_version\": [1]}"), "");
}

TEST_CASE("every truncation and every flipped bit of a binary model is refused", "[model_io]") {
  ScratchDir dir;
  const std::string good_path = dir.file("good.bin");
  fitkit::save(fitted_on_diabetes(), good_path);
  const std::string good = read_file(good_path);
  const std::string path = dir.file("bad.bin");
  for (std::size_t length = 0; length < good.size(); ++length) {
    dir.write("bad.bin", good.substr(0, length));
    CHECK_THROWS_AS(fitkit::load<LinearRegression>(path), ModelFormatError);
  }
  for (std::size_t byte = 0; byte < good.size(); ++byte) {
    std::string flipped = good;
    flipped[byte] = static_cast<char>(flipped[byte] ^ (1 << (byte % 8)));
    dir.write("bad.bin", flipped);
    CHECK_THROWS_AS(fitkit::load<LinearRegression>(path), ModelFormatError);
  }
}

TEST_CASE("a flipped bit in a JSON model is refused or changes nothing", "[model_io]") {
  ScratchDir dir;
  const auto data = diabetes();
  const std::string good_path = dir.file("good.json");
  fitkit::save(fitted_on_diabetes(), good_path);
  const std::string good = read_file(good_path);
  const Vector expected = fitted_on_diabetes().predict(data.X);
  const std::string path = dir.file("bad.json");
  int refused = 0;
  for (std::size_t byte = 0; byte < good.size(); byte += 3) {
    std::string flipped = good;
    flipped[byte] = static_cast<char>(flipped[byte] ^ (1 << (byte % 8)));
    dir.write("bad.json", flipped);
    try {
      // Some flips are harmless (the case of a hex digit in the checksum).
      const auto lr = fitkit::load<LinearRegression>(path);
      CHECK(arma::approx_equal(lr.predict(data.X), expected, "absdiff", 0.0));
    } catch (const ModelFormatError&) {
      ++refused;
    }
  }
  CHECK(refused > static_cast<int>(good.size() / 3) * 9 / 10);
}

TEST_CASE("hostile sizes and shapes are refused before any allocation", "[model_io]") {
  ScratchDir dir;
  const std::string good_path = dir.file("good.bin");
  fitkit::save(fitted_on_diabetes(), good_path);
  const std::string good = read_file(good_path);
  // The coef matrix is written as n_rows = 10, n_cols = 1, then its data vector's size 10.
  const std::size_t rows_at = find_u64(good, 10, kHeader + 100);
  REQUIRE(rows_at != std::string::npos);
  REQUIRE(find_u64(good, 1, rows_at) == rows_at + 8);
  const std::string path = dir.file("bad.bin");

  SECTION("a vector claiming 2^40 elements") {
    std::string bad = good;
    const std::uint64_t huge = std::uint64_t{1} << 40;
    std::memcpy(bad.data() + rows_at + 16, &huge, 8);
    dir.write("bad.bin", with_fixed_checksum(bad));
    check_rejected(path, "claims 1099511627776 elements");
  }
  SECTION("a 2^32 x 2^32 shape") {
    std::string bad = good;
    const std::uint64_t big = std::uint64_t{1} << 32;
    std::memcpy(bad.data() + rows_at, &big, 8);
    std::memcpy(bad.data() + rows_at + 8, &big, 8);
    dir.write("bad.bin", with_fixed_checksum(bad));
    check_rejected(path, "overflows");
  }
  SECTION("a shape that disagrees with its data") {
    std::string bad = good;
    const std::uint64_t five = 5;
    std::memcpy(bad.data() + rows_at, &five, 8);
    dir.write("bad.bin", with_fixed_checksum(bad));
    check_rejected(path, "does not match its 10 values");
  }
  SECTION("JSON nested a million deep") {
    std::string deep = "{\"envelope_version\": ";
    deep += std::string(1000000, '[') + std::string(1000000, ']') + "}";
    dir.write("deep.json", deep);
    check_rejected(dir.file("deep.json"), "nested deeper than");
  }
}

TEST_CASE("another type, a newer version, edited contents", "[model_io]") {
  ScratchDir dir;
  const std::string good_path = dir.file("good.json");
  fitkit::save(fitted_on_diabetes(), good_path);
  const std::string good = read_file(good_path);
  auto edited = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return dir.write("edited.json", text);
  };

  const std::string other = edited("\"type\": \"LinearRegression\"", "\"type\": \"KMeans\"");
  CHECK_THROWS_WITH(fitkit::load<LinearRegression>(other),
                    Contains("holds a KMeans model, not a LinearRegression"));
  CHECK_THROWS_WITH(fitkit::load_any(other), Contains("unknown estimator type 'KMeans'"));

  const std::string newer = edited("\"class_version\": 1", "\"class_version\": 99");
  CHECK_THROWS_WITH(fitkit::load<LinearRegression>(newer), Contains("newer than this fitkit"));
  const std::string newer_envelope = edited("\"envelope_version\": 1", "\"envelope_version\": 7");
  CHECK_THROWS_WITH(fitkit::load<LinearRegression>(newer_envelope), Contains("upgrade fitkit"));

  const std::string bad_param = edited("\"value\": \"auto\"", "\"value\": \"qr\"");
  CHECK_THROWS_WITH(fitkit::load<LinearRegression>(bad_param), Contains("solver"));

  const std::string intercept_at = "\"intercept\": ";
  auto at = good.find(intercept_at) + intercept_at.size();
  if (good[at] == '-') ++at;
  std::string text = good;
  text.insert(at, "1");  // a different intercept: the checksum must notice
  dir.write("edited.json", text);
  CHECK_THROWS_WITH(fitkit::load<LinearRegression>(dir.file("edited.json")),
                    Contains("checksum mismatch"));

  // A failed load leaves the estimator as it was before: unfitted, its parameters unchanged.
  LinearRegression target({.fit_intercept = false, .solver = fitkit::LinearRegressionSolver::svd});
  CHECK_THROWS_AS(fitkit::load_into(target, bad_param), ModelFormatError);
  CHECK_FALSE(target.is_fitted());
  CHECK(target.get_params() == fitkit::ParamMap{{"fit_intercept", "false"}, {"solver", "svd"}});
}
