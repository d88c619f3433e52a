// Model files (DESIGN.md §5): round trips in both formats, the checked-in model of each
// release, and files that are truncated, corrupted, hostile, of another type or too new.

#include <catch2/catch.hpp>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>

#include "fitkit/core/clusterer.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/version.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/io/libsvm.hpp"
#include "fitkit/linear/linear_regression.hpp"
#include "fitkit/linear/logistic_regression.hpp"
#include "fitkit/model/model_io.hpp"
#include "forged_models.hpp"
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

TEST_CASE("a model keeps the index base of the LIBSVM file it was fitted on", "[model_io]") {
  ScratchDir dir;
  const fitkit::Dataset zero_based =
      fitkit::io::read_libsvm_text("1 0:1 1:2\n2 0:2 1:1\n4 0:3 1:5\n", {}, "train.svm");
  REQUIRE(zero_based.libsvm_zero_based == true);
  LinearRegression lr;
  lr.fit_dataset(zero_based);
  CHECK(lr.libsvm_zero_based() == true);
  for (const std::string name : {"m.bin", "m.json"}) {
    fitkit::save(lr, dir.file(name));
    fitkit::ModelInfo info;
    const auto loaded = fitkit::load_any(dir.file(name), &info);
    CHECK(loaded->libsvm_zero_based() == true);
    CHECK(info.libsvm_zero_based == true);
    CHECK(info.envelope_version == 4);
  }
  const fitkit::Dataset one_based = fitkit::io::read_libsvm_text("1 1:1 2:2\n2 1:2\n3 2:7\n");
  CHECK(one_based.libsvm_zero_based == false);
  lr.fit_dataset(one_based);
  CHECK(lr.libsvm_zero_based() == false);
  fitkit::save(lr, dir.file("one.json"));
  CHECK(fitkit::load<LinearRegression>(dir.file("one.json")).libsvm_zero_based() == false);
  // A fit on anything else forgets it; so does a file from before envelope version 3.
  lr.fit(zero_based.X, zero_based.y);
  CHECK_FALSE(lr.libsvm_zero_based().has_value());
  CHECK_FALSE(
      fitkit::load<LinearRegression>(source_path("tests/models/0.2.0/linear-regression.bin"))
          .libsvm_zero_based()
          .has_value());
  // Only 0, 1 and -1 mean something.
  fitkit::save(fitted_on_diabetes(), dir.file("good.json"));
  std::string text = read_file(dir.file("good.json"));
  const std::string field = "\"libsvm_index_base\": -1";
  REQUIRE(text.find(field) != std::string::npos);
  text.replace(text.find(field), field.size(), "\"libsvm_index_base\": 2");
  CHECK_THROWS_WITH(
      fitkit::load<LinearRegression>(dir.write("bad.json", json_with_fixed_checksum(text))),
      Contains("libsvm_index_base must be 0, 1 or -1"));
}

TEST_CASE("the model files of each release still load", "[model_io][reference]") {
  const auto data = diabetes();
  const Vector expected = reference_vector("linear_regression/diabetes/pred.csv");
  for (const std::string name : {"linear_regression.bin", "linear_regression.json"}) {
    const auto lr = fitkit::load<LinearRegression>(source_path("tests/models/0.1.0/" + name));
    CHECK(relative_error(lr.predict(data.X), expected) < 1e-9);
    CHECK(lr.feature_names() == data.feature_names);
  }
}

TEST_CASE("the released JSON model loads exactly as its binary twin and is rewritten byte for byte",
          "[model_io]") {
  ScratchDir dir;
  const auto data = diabetes();
  const std::string released = source_path("tests/models/0.1.0/linear_regression.json");
  const auto from_json = fitkit::load<LinearRegression>(released);
  const auto from_bin =
      fitkit::load<LinearRegression>(source_path("tests/models/0.1.0/linear_regression.bin"));
  CHECK(arma::approx_equal(from_json.predict(data.X), from_bin.predict(data.X), "absdiff", 0.0));
  CHECK(arma::approx_equal(from_json.coef(), from_bin.coef(), "absdiff", 0.0));
  CHECK(from_json.intercept() == from_bin.intercept());
}

TEST_CASE(
    "this version's released JSON models are rewritten byte for byte, and re-indenting "
    "them is harmless",
    "[model_io]") {
  // A file records the version that wrote it, so only that version rewrites it identically:
  // the folder of the version being built (make_models.sh writes it at release).
  ScratchDir dir;
  const std::filesystem::path folder =
      source_path(std::string("tests/models/") + fitkit::version());
  REQUIRE(std::filesystem::exists(folder));
  std::size_t checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".json") continue;
    INFO(entry.path().filename().string());
    const std::string original = read_file(entry.path().string());
    const auto model = fitkit::load_any(entry.path().string());
    fitkit::save(*model, dir.file("again.json"));
    CHECK(read_file(dir.file("again.json")) == original);
    // The text checksum leaves whitespace out: the same file on one line still loads.
    std::string one_line;
    bool in_string = false;
    for (std::size_t i = 0; i < original.size(); ++i) {
      const char c = original[i];
      if (c == '"' && (i == 0 || original[i - 1] != '\\')) in_string = !in_string;
      if (in_string || (c != ' ' && c != '\n')) one_line += c;
    }
    CHECK_NOTHROW(fitkit::load_any(dir.write("one_line.json", one_line)));
    ++checked;
  }
  CHECK(checked > 0);
}

TEST_CASE("every estimator type saved as JSON loads exactly as saved as binary", "[model_io]") {
  ScratchDir dir;
  const auto regression = diabetes();
  const auto classification = fitkit::io::read_csv(source_path("datasets/iris.csv"));
  for (const std::string& type : fitkit::registered_estimator_types()) {
    INFO(type);
    auto model = fitkit::make_estimator(type);
    REQUIRE(model);
    const bool classifier = model->kind() == fitkit::EstimatorKind::classifier;
    const auto& data = classifier ? classification : regression;
    model->fit_dataset(data);
    const std::string json = dir.file(type + ".json"), bin = dir.file(type + ".bin");
    fitkit::save(*model, json);
    fitkit::save(*model, bin);
    const auto from_json = fitkit::load_any(json);
    const auto from_bin = fitkit::load_any(bin);
    CHECK(from_json->get_params() == model->get_params());
    if (model->tags().transform) {
      CHECK(arma::approx_equal(from_json->transform(data.X), from_bin->transform(data.X), "absdiff",
                               0.0));
    } else if (model->tags().transductive) {
      // It labels only the rows it was fitted on: the labels it keeps must come back.
      const auto& fitted = dynamic_cast<const fitkit::Clusterer&>(*model);
      CHECK(arma::all(dynamic_cast<const fitkit::Clusterer&>(*from_json).labels() ==
                      fitted.labels()));
      CHECK(
          arma::all(dynamic_cast<const fitkit::Clusterer&>(*from_bin).labels() == fitted.labels()));
    } else {
      CHECK(arma::approx_equal(from_json->predict(data.X), from_bin->predict(data.X), "absdiff",
                               0.0));
      CHECK(arma::approx_equal(from_json->predict(data.X), model->predict(data.X), "absdiff", 0.0));
    }
    if (model->tags().predict_proba)
      CHECK(arma::approx_equal(from_json->predict_proba(data.X), from_bin->predict_proba(data.X),
                               "absdiff", 0.0));
    // Everything the JSON held came back exactly: saving again writes the same bytes.
    fitkit::save(*from_json, dir.file("again.json"));
    CHECK(read_file(dir.file("again.json")) == read_file(json));
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
  const std::string empty_bin = dir.write("empty.bin", "");
  check_rejected(empty_bin, empty_bin + ": an empty file, not a fitkit model");
  const std::string empty_json = dir.write("empty.json", " \n");
  check_rejected(empty_json, empty_json + ": an empty file, not a fitkit model");
  check_rejected(dir.write("text.bin", "age,sex\n1,2\n"), "not a fitkit model file");
  // A JSON model's problems say file:line:column, as the data readers' do.
  const std::string broken = dir.write("broken.json", "{\"envelope_version\": 2,\n  ]");
  check_rejected(broken, broken + ":2:3: invalid JSON: expected a member name");
  const std::string array = dir.write("array.json", "{\"envelope_version\": [1]}");
  check_rejected(array, array + ":1:22: envelope_version: expected an integer, found an array");
}

TEST_CASE("a JSON model without one of its members names it, with its place", "[model_io]") {
  ScratchDir dir;
  fitkit::save(fitted_on_diabetes(), dir.file("good.json"));
  const std::string good = read_file(dir.file("good.json"));
  // The checksum member's line removed, as a hand edit might: the top-level object lacks it.
  const std::size_t at = good.find("    \"checksum\"");
  REQUIRE(at != std::string::npos);
  const std::string path =
      dir.write("no_checksum.json", good.substr(0, at) + good.substr(good.find('\n', at) + 1));
  check_rejected(path, path + ":1:1: the top-level object: has no member \"checksum\"");
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
  // The coef matrix is written as n_rows = 10, n_cols = 1, then its data vector's size 10,
  // after the 28-byte header and the envelope.
  const std::size_t rows_at = find_u64(good, 10, 28 + 100);
  REQUIRE(rows_at != std::string::npos);
  REQUIRE(find_u64(good, 1, rows_at) == rows_at + 8);
  const std::string path = dir.file("bad.bin");

  SECTION("a vector claiming 2^40 elements") {
    std::string bad = good;
    const std::uint64_t huge = std::uint64_t{1} << 40;
    std::memcpy(bad.data() + rows_at + 16, &huge, 8);
    dir.write("bad.bin", binary_with_fixed_checksum(bad));
    check_rejected(path, "claims 1099511627776 elements");
  }
  SECTION("a 2^32 x 2^32 shape") {
    std::string bad = good;
    const std::uint64_t big = std::uint64_t{1} << 32;
    std::memcpy(bad.data() + rows_at, &big, 8);
    std::memcpy(bad.data() + rows_at + 8, &big, 8);
    dir.write("bad.bin", binary_with_fixed_checksum(bad));
    check_rejected(path, "overflows");
  }
  SECTION("a shape that disagrees with its data") {
    std::string bad = good;
    const std::uint64_t five = 5;
    std::memcpy(bad.data() + rows_at, &five, 8);
    dir.write("bad.bin", binary_with_fixed_checksum(bad));
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
    return dir.write("edited.json", json_with_fixed_checksum(text));
  };

  const std::string other = edited("\"type\": \"LinearRegression\"", "\"type\": \"Absent\"");
  CHECK_THROWS_WITH(fitkit::load<LinearRegression>(other),
                    Contains("holds a Absent model, not a LinearRegression"));
  CHECK_THROWS_WITH(fitkit::load_any(other), Contains("unknown estimator type 'Absent'"));

  const std::string newer = edited("\"class_version\": 1", "\"class_version\": 99");
  CHECK_THROWS_WITH(fitkit::load<LinearRegression>(newer), Contains("newer than this fitkit"));
  const std::string newer_envelope = edited("\"envelope_version\": 4", "\"envelope_version\": 7");
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

TEST_CASE("every truncation of a JSON model is refused", "[model_io]") {
  ScratchDir dir;
  fitkit::save(fitted_on_diabetes(), dir.file("good.json"));
  std::string good = read_file(dir.file("good.json"));
  while (!good.empty() && (good.back() == '\n' || good.back() == '}')) good.pop_back();
  const std::string path = dir.file("bad.json");
  for (std::size_t length = 0; length < good.size(); ++length) {
    dir.write("bad.json", good.substr(0, length));
    CHECK_THROWS_AS(fitkit::load<LinearRegression>(path), ModelFormatError);
  }
}

TEST_CASE("hostile JSON models are refused, saying what is wrong and where", "[model_io]") {
  ScratchDir dir;
  fitkit::save(fitted_on_diabetes(), dir.file("good.json"));
  const std::string good = read_file(dir.file("good.json"));
  // The good file with the value after `"name": ` (its first occurrence) replaced.
  auto with_value = [&](const std::string& name, const std::string& value) {
    std::string text = good;
    const std::string key = "\"" + name + "\": ";
    const auto at = text.find(key);
    REQUIRE(at != std::string::npos);
    const auto begin = at + key.size();
    const auto end = text.find_first_of(",\n", begin);
    text.replace(begin, end - begin, value);
    return dir.write("bad.json", json_with_fixed_checksum(text));
  };
  auto check_value_rejected = [&](const std::string& name, const std::string& value,
                                  const std::string& reason) {
    INFO(name << ": " << value.substr(0, 60));
    check_rejected(with_value(name, value), reason);
  };

  SECTION("numbers out of range or outside the JSON grammar") {
    check_value_rejected("intercept", "1e400", "payload.intercept: ");
    check_value_rejected("intercept", "1e400", "1e400 is too large for a double");
    check_value_rejected("intercept", "-1e400", "-1e400 is too large for a double");
    check_value_rejected("intercept", "1e-99999", "1e-99999 is too small for a double");
    check_value_rejected("intercept", std::string(800, '9'), "is too large for a double");
    check_value_rejected("intercept", "0." + std::string(800, '0') + "1", "too small");
    // Exactly zero however it is written: no overflow of the exponent.
    CHECK(fitkit::load<LinearRegression>(with_value("intercept", "0e-2147483649")).intercept() ==
          0.0);
    check_value_rejected("intercept", "-", ": invalid JSON: ");
    check_value_rejected("intercept", "-", "expected a digit or Infinity after '-'");
    check_value_rejected("intercept", ".5", "expected a value, found \".\"");
    check_value_rejected("intercept", "01", "must not start with 0 followed by more digits");
    check_value_rejected("intercept", "+1", "expected a value, found \"+\"");
    for (const std::string nan : {"nan", "-NaN", "NAN", "Inf", "+Infinity", "infinity"})
      check_value_rejected("intercept", nan, "invalid JSON");
    check_value_rejected("rank", "1e1", "payload.rank: ");
    check_value_rejected("rank", "1e1", "expected an integer, found the number 1e1");
  }
  SECTION("integers that do not fit their field") {
    check_value_rejected("class_version", "1099511627776",
                         ":5:26: envelope.class_version: 1099511627776 does not fit "
                         "an unsigned 32-bit integer (0 to 4294967295)");
    check_value_rejected("n_features_in", "-10", "-10 does not fit an unsigned 64-bit integer");
    check_value_rejected("n_features_in", "18446744073709551616", "does not fit an unsigned 64");
    check_value_rejected("envelope_version", "-1", ":2:25: envelope_version:");
  }
  SECTION("wrong types") {
    check_value_rejected("n_features_in", "\"10\"",
                         ":7:26: envelope.n_features_in: expected an integer, found "
                         "the string \"10\"");
    check_value_rejected("intercept", "\"1.5\"", "expected a number, found the string \"1.5\"");
    check_value_rejected("intercept", "null", "expected a number, found null");
    check_value_rejected("intercept", "[]", "expected a number, found an array");
    check_value_rejected("type", "5", ":4:17: envelope.type: expected a string");
    check_value_rejected("n_rows", "true", "payload.coef.n_rows: ");
    check_value_rejected("checksum", "1", "expected a string, found the number 1");
  }
  SECTION("an object or array where the other is expected") {
    // The original value stays in the file under another name, so the JSON stays valid.
    auto renamed = [&](const std::string& from, const std::string& to) {
      std::string text = good;
      const auto at = text.find(from);
      REQUIRE(at != std::string::npos);
      text.replace(at, from.size(), to);
      return dir.write("bad.json", json_with_fixed_checksum(text));
    };
    check_rejected(renamed("\"coef\": {", "\"coef\": [], \"old_coef\": {"), "payload.coef: ");
    check_rejected(renamed("\"coef\": {", "\"coef\": [], \"old_coef\": {"),
                   "expected an object with a member \"n_rows\", found an array");
    check_rejected(renamed("\"feature_names\": [", "\"feature_names\": {}, \"old\": ["),
                   ":8:26: envelope.feature_names: expected an array, found an object");
  }
  SECTION("strings") {
    check_value_rejected("target_name", "\"progression", ": invalid JSON: ");
    check_value_rejected("target_name", "\"progression\\", ": invalid JSON: ");
    check_value_rejected("target_name", "\"\\uD800\"", "a high surrogate");
    check_value_rejected("target_name", "\"\\uDC00\"", "a low surrogate");
    check_value_rejected("target_name", "\"\\u12\"", "four hexadecimal digits");
    check_value_rejected("target_name", "\"\\q\"", "invalid escape");
  }
  SECTION("structure") {
    check_value_rejected("intercept", "1, \"intercept\": 2", "duplicate key \"intercept\"");
    check_rejected(dir.write("bad.json", good + "x"),
                   "expected nothing but whitespace after the top-level value");
    check_rejected(dir.write("bad.json", good + "{}"), "after the top-level value");
    check_value_rejected("intercept", std::string(100000, '['), "nested deeper than 64 levels");
  }
}

TEST_CASE("a boolean in a binary model is one byte, 0 or 1", "[model_io]") {
  // LogisticRegression's payload ends with its bool `multinomial`: a forged 2 there, with the
  // checksum mended, must be refused, never copied into a bool.
  ScratchDir dir;
  const auto iris = fitkit::io::read_csv(source_path("datasets/iris.csv"));
  fitkit::LogisticRegression clf({.max_iter = 1000});
  clf.fit_dataset(iris);
  fitkit::save(clf, dir.file("clf.bin"));
  std::string bytes = read_file(dir.file("clf.bin"));
  REQUIRE(bytes.back() == 1);
  bytes.back() = 2;
  CHECK_THROWS_WITH(fitkit::load_any(dir.write("bad.bin", binary_with_fixed_checksum(bytes))),
                    Contains("a boolean holds the byte 2"));
}
