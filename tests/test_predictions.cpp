// Writing predictions: exact round trips for numbers, class names quoted when needed, and
// whole-or-nothing files.

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/io/predictions.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::Equals;
using fitkit::io::PredictionColumn;
using fitkit::io::write_predictions;

namespace {

std::string written(const PredictionColumn& column) {
  std::ostringstream out;
  write_predictions(out, column);
  return out.str();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream contents;
  contents << in.rdbuf();
  return contents.str();
}

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          ("fitkit_test_predictions_" + std::to_string(getpid()) + "_" + name))
      .string();
}

}  // namespace

TEST_CASE("predictions: numbers are written shortest and read back exactly", "[predictions]") {
  PredictionColumn column;
  column.values = {0.1, 1.0 / 3.0, -2.0, 1e-300, 6.02214076e23, 4.9e-324, 123456789.0};
  CHECK_THAT(written(column),
             Equals("prediction\n0.1\n0.3333333333333333\n-2\n1e-300\n6.02214076e+23\n5e-324\n"
                    "123456789\n"));

  fitkit::io::CsvOptions options;
  options.has_target = false;
  const fitkit::Dataset back = fitkit::io::read_csv_text(written(column), options);
  CHECK_THAT(back.feature_names, Equals(std::vector<std::string>{"prediction"}));
  REQUIRE(back.n_samples() == column.values.n_elem);
  for (arma::uword i = 0; i < column.values.n_elem; ++i) CHECK(back.X(i, 0) == column.values(i));
}

TEST_CASE("predictions: class indices are written as class names", "[predictions]") {
  PredictionColumn column;
  column.name = "species";
  column.class_names = {"setosa", "versi,color", "say \"hi\"", " padded", "", "two\nlines"};
  column.values = {0, 1, 2, 3, 4, 5, 0};
  CHECK_THAT(written(column), Equals("species\n"
                                     "setosa\n"
                                     "\"versi,color\"\n"
                                     "\"say \"\"hi\"\"\"\n"
                                     "\" padded\"\n"
                                     "\"\"\n"
                                     "\"two\nlines\"\n"
                                     "setosa\n"));

  SECTION("a value that is not a class index is an error") {
    for (const double bad : {-1.0, 6.0, 0.5, std::nan("")}) {
      column.values = {0, bad};
      CHECK_THROWS_AS(written(column), fitkit::Error);
    }
    column.values = {2.5};
    CHECK_THROWS_WITH(written(column),
                      Equals("prediction 2.5 is not a class index (the model has 6 classes)"));
  }
}

TEST_CASE("predictions: files are written whole, '-' is standard output", "[predictions]") {
  PredictionColumn column;
  column.values = {1.5, 2.5};
  const std::string expected = "prediction\n1.5\n2.5\n";

  SECTION("a file") {
    const std::string path = temp_path("out.csv");
    write_predictions(path, column);
    CHECK(slurp(path) == expected);
    std::filesystem::remove(path);
  }
  SECTION("a missing directory leaves nothing behind") {
    const std::string path = temp_path("missing_dir/out.csv");
    CHECK_THROWS_AS(write_predictions(path, column), fitkit::FileError);
    CHECK_FALSE(std::filesystem::exists(path));
  }
  SECTION("a bad class index leaves an existing file untouched") {
    const std::string path = temp_path("keep.csv");
    std::ofstream(path) << "old\n";
    column.class_names = {"a"};
    CHECK_THROWS_AS(write_predictions(path, column), fitkit::Error);
    CHECK(slurp(path) == "old\n");
    std::filesystem::remove(path);
  }
  SECTION("standard output") {
    std::ostringstream captured;
    std::streambuf* const original = std::cout.rdbuf(captured.rdbuf());
    write_predictions(std::string("-"), column);
    std::cout.rdbuf(original);
    CHECK(captured.str() == expected);
  }
}
