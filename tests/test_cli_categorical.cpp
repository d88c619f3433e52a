// Text columns of a CSV file as categories, through the tree programs: fit on a file whose
// column 'colour' holds text, predict on a file that holds other texts (so its own sorted
// codes differ) and one the model never saw; the result must be the C++ estimator's on the
// codes of the fitted file's texts, with the unseen text as a missing value. Programs whose
// estimators take numbers only refuse the column.

#include <catch2/catch.hpp>
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "cli_support.hpp"
#include "fitkit/ensemble/hist_gradient_boosting_regressor.hpp"
#include "fitkit/tree/decision_tree_regressor.hpp"

using Catch::Matchers::Contains;
using fitkit::Index;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

const std::vector<std::string> kColours = {"blue", "green", "red", "yellow"};  // sorted
const double kEffect[] = {-3.0, 0.5, 2.0, 6.0};

struct Rows {
  std::string csv;  // colour,x,y
  Matrix X;         // code of the colour among kColours (NaN when unseen), x
  Vector y;
};

// Deterministic rows: colour i % n_colours of `colours` (indices into kColours, or -1 for a
// text the model never saw), x from an LCG, y = effect + x.
Rows make_rows(Index n, const std::vector<int>& colours) {
  Rows rows;
  rows.X.set_size(n, 2);
  rows.y.set_size(n);
  std::ostringstream out;
  out.precision(17);
  out << "colour,x,y\n";
  std::uint64_t state = 12345;
  for (Index i = 0; i < n; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const double x = static_cast<double>(state >> 40) / static_cast<double>(1ULL << 24);
    const int c = colours[i % colours.size()];
    rows.X(i, 0) = c < 0 ? std::nan("") : c;
    rows.X(i, 1) = x;
    rows.y(i) = (c < 0 ? 0.0 : kEffect[c]) + x;
    out << (c < 0 ? std::string("purple") : kColours[static_cast<std::size_t>(c)]) << ',' << x
        << ',' << rows.y(i) << '\n';
  }
  rows.csv = out.str();
  return rows;
}

Vector cli_predictions(const ScratchDir& dir, const std::string& program,
                       const std::vector<std::string>& fit_options) {
  const Rows train = make_rows(200, {0, 1, 2, 3});
  const Rows test = make_rows(40, {2, 1, -1});  // no blue or yellow, and an unseen purple
  const std::string train_csv = dir.write("train.csv", train.csv);
  const std::string test_csv = dir.write("test.csv", test.csv);
  std::vector<std::string> fit = {"fit", "--data", train_csv, "--model", dir.file("m.json")};
  fit.insert(fit.end(), fit_options.begin(), fit_options.end());
  require_success(run(dir, program, fit));
  const Result info = run(dir, program, {"info", "--model", dir.file("m.json")});
  require_success(info);
  CHECK_THAT(info.out, Contains("categorical_features"));
  const Result predict =
      run(dir, program,
          {"predict", "--model", dir.file("m.json"), "--data", test_csv, "--target", "y"});
  require_success(predict);
  return predictions_in(predict.out);
}

}  // namespace

TEST_CASE("tree programs read text columns as categories, at fit and at predict",
          "[cli][categorical]") {
  ScratchDir dir;
  const Rows train = make_rows(200, {0, 1, 2, 3});
  const Rows test = make_rows(40, {2, 1, -1});

  SECTION("fitkit-decision-tree-regressor") {
    const Vector printed =
        cli_predictions(dir, "fitkit-decision-tree-regressor", {"--max-depth", "3"});
    fitkit::DecisionTreeRegressor model({.max_depth = 3, .categorical_features = {"0"}});
    model.fit(train.X, train.y);
    const Vector expected = model.predict(test.X);
    REQUIRE(printed.n_elem == expected.n_elem);
    CHECK(arma::approx_equal(printed, expected, "reldiff", 1e-15));
    // The categorical split separates the colours (a numeric one on the codes could not put
    // blue with yellow's neighbours apart from the rest the same way): red rows get red's
    // effect.
    CHECK(std::abs(printed(0) - (kEffect[2] + test.X(0, 1))) < 1.0);
  }
  SECTION("fitkit-hist-gradient-boosting-regressor") {
    const Vector printed = cli_predictions(dir, "fitkit-hist-gradient-boosting-regressor",
                                           {"--max-iter", "20", "--min-samples-leaf", "5"});
    fitkit::HistGradientBoostingRegressor model(
        {.max_iter = 20, .min_samples_leaf = 5, .categorical_features = {"0"}});
    model.fit(train.X, train.y);
    const Vector expected = model.predict(test.X);
    REQUIRE(printed.n_elem == expected.n_elem);
    CHECK(arma::approx_equal(printed, expected, "reldiff", 1e-15));
  }
}

TEST_CASE("predict --contributions of a tree program sums to its predictions",
          "[cli][categorical][tree_shap]") {
  ScratchDir dir;
  const Rows train = make_rows(200, {0, 1, 2, 3});
  const std::string train_csv = dir.write("train.csv", train.csv);
  require_success(run(dir, "fitkit-decision-tree-regressor",
                      {"fit", "--data", train_csv, "--model", dir.file("m.bin")}));
  const Result predict = run(dir, "fitkit-decision-tree-regressor",
                             {"predict", "--model", dir.file("m.bin"), "--data", train_csv});
  const Result contributions =
      run(dir, "fitkit-decision-tree-regressor",
          {"predict", "--model", dir.file("m.bin"), "--data", train_csv, "--contributions"});
  require_success(predict);
  require_success(contributions);
  REQUIRE_THAT(lines_of(contributions.out).front(),
               Contains("colour") && Contains("expected_value"));
  const Matrix phi = numbers_table(contributions.out);
  REQUIRE(phi.n_cols == 3);
  const Vector sums = arma::sum(phi, 1);
  CHECK(arma::approx_equal(sums, predictions_in(predict.out), "reldiff", 1e-12));
}

TEST_CASE("a program whose estimator takes numbers refuses a text column", "[cli][categorical]") {
  ScratchDir dir;
  const std::string train_csv = dir.write("train.csv", make_rows(20, {0, 1}).csv);
  const Result fit =
      run(dir, "fitkit-ridge", {"fit", "--data", train_csv, "--model", dir.file("m.bin")});
  CHECK(fit.status == 1);
  CHECK_THAT(fit.err, Contains("train.csv") && Contains("'colour'"));
  CHECK_FALSE(exists(dir.file("m.bin")));
}
