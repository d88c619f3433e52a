// The model files of every release (tests/models/<version>/, written by make_models.sh) must
// still load and compute what they computed when they were written: each folder's
// manifest.csv lists a model, the bundled data set, the output file and what it holds
// (predict, proba, decision or transform).

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fitkit/core/warnings.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/model/model_io.hpp"
#include "support.hpp"

using fitkit::Matrix;
using fitkit::test::source_path;

namespace {

std::vector<std::vector<std::string>> csv_rows(const std::string& path) {
  std::ifstream in(path);
  REQUIRE(in.good());
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::stringstream fields(line);
    for (std::string cell; std::getline(fields, cell, ',');) cells.push_back(cell);
    rows.push_back(std::move(cells));
  }
  return rows;
}

// The output as the program wrote it: numbers, or class names for a classifier's labels.
std::vector<std::string> as_text(const fitkit::Estimator& model, const Matrix& values,
                                 const std::string& method) {
  std::vector<std::string> cells;
  for (fitkit::Index i = 0; i < values.n_rows; ++i)
    for (fitkit::Index j = 0; j < values.n_cols; ++j)
      cells.push_back(method == "predict" && !model.class_names().empty()
                          ? model.class_names().at(static_cast<std::size_t>(values(i, j)))
                          : fitkit::detail::format_double(values(i, j)));
  return cells;
}

// `width` columns of each row after the header (transform passed the target through after them).
void check_same(const std::vector<std::string>& actual,
                const std::vector<std::vector<std::string>>& expected_rows, std::size_t width) {
  std::vector<std::string> expected;
  for (std::size_t r = 1; r < expected_rows.size(); ++r) {
    REQUIRE(expected_rows[r].size() >= width);
    expected.insert(expected.end(), expected_rows[r].begin(), expected_rows[r].begin() + width);
  }
  REQUIRE(actual.size() == expected.size());
  for (std::size_t k = 0; k < actual.size(); ++k) {
    double a = 0, e = 0;
    if (fitkit::detail::parse_double(actual[k], a) && fitkit::detail::parse_double(expected[k], e))
      // Written by another build, maybe on another BLAS kernel: to rounding.
      CHECK(a == Approx(e).epsilon(1e-9).margin(1e-9 * (1 + std::abs(e))));
    else
      CHECK(actual[k] == expected[k]);
  }
}

}  // namespace

TEST_CASE("the model files of every release load and compute what they computed",
          "[model_io][released][reference]") {
  const auto quiet = fitkit::set_warning_handler([](const fitkit::Warning&) {});
  std::size_t checked = 0;
  for (const auto& folder : std::filesystem::directory_iterator(source_path("tests/models"))) {
    const std::string manifest = (folder.path() / "manifest.csv").string();
    if (!std::filesystem::exists(manifest)) continue;
    const auto rows = csv_rows(manifest);
    for (std::size_t r = 1; r < rows.size(); ++r) {
      const std::string& file = rows[r].at(0);
      const std::string& data_set = rows[r].at(1);
      const std::string& output = rows[r].at(2);
      const std::string& method = rows[r].at(3);
      DYNAMIC_SECTION(folder.path().filename().string() << "/" << file << " " << method) {
        const auto model = fitkit::load_any((folder.path() / file).string());
        fitkit::io::CsvOptions options;
        options.has_target = false;
        options.features = model->feature_names();
        const fitkit::Dataset data =
            fitkit::io::read_csv(source_path("datasets/" + data_set), options);
        Matrix values;
        if (method == "predict") values = model->predict(data.X);
        if (method == "proba") values = model->predict_proba(data.X);
        if (method == "decision") values = model->decision_function(data.X);
        if (method == "transform") values = model->transform(data.X);
        REQUIRE_FALSE(values.is_empty());
        check_same(as_text(*model, values, method), csv_rows((folder.path() / output).string()),
                   values.n_cols);
        ++checked;
      }
    }
  }
  fitkit::set_warning_handler(quiet);
  CHECK(checked > 0);
}
