// fitkit-hist-gradient-boosting-regressor and -classifier run as a user runs them: fit on a CSV
// with missing cells and category codes, predict (labels, --proba, --decision), score, info,
// the same predictions as the library on the same rows, and bad parameters answered with an
// error, a non-zero exit and no model file.

#include <catch2/catch.hpp>
#include <cmath>
#include <string>

#include "cli_support.hpp"
#include "fitkit/ensemble/hist_gradient_boosting_classifier.hpp"
#include "fitkit/ensemble/hist_gradient_boosting_regressor.hpp"
#include "fitkit/io/csv.hpp"

using fitkit::HgbEarlyStopping;
using fitkit::Index;
using fitkit::Labels;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

const std::string kClassifier = "fitkit-hist-gradient-boosting-classifier";
const std::string kRegressor = "fitkit-hist-gradient-boosting-regressor";

// The generated fixture (NaN in x0, x1, x2; categories in x2, x3) as CSV text with empty cells
// and "NA" for the missing values, the target in the last column "y".
std::string generated_csv(const Matrix& X, const Vector& y) {
  std::ostringstream out;
  out.precision(17);
  out << "x0,x1,x2,x3,x4,y\n";
  for (Index i = 0; i < X.n_rows; ++i) {
    for (Index j = 0; j < X.n_cols; ++j) {
      if (std::isnan(X(i, j)))
        out << (j % 2 == 0 ? "" : "NA");
      else
        out << X(i, j);
      out << ",";
    }
    out << y(i) << "\n";
  }
  return out.str();
}

}  // namespace

TEST_CASE("fitkit-hist-gradient-boosting-classifier reads missing cells and categories",
          "[cli][hist_gradient_boosting]") {
  ScratchDir dir;
  const Matrix X = reference_matrix("hist_gradient_boosting/generated/X.csv");
  const Vector y = reference_vector("hist_gradient_boosting/generated/y_class.csv");
  const std::string fit = dir.write("fit.csv", generated_csv(X.rows(0, 1499), y.head(1500)));
  const std::string held = dir.write("held.csv", generated_csv(X.rows(1500, 1999), y.tail(500)));
  fitkit::HistGradientBoostingClassifier library(
      {.categorical_features = {"2", "3"}, .early_stopping = HgbEarlyStopping::no});
  library.fit(X.rows(0, 1499), arma::conv_to<Labels>::from(y.head(1500)));
  const Matrix expected_proba = library.predict_proba(X.rows(1500, 1999));
  for (const std::string model : {dir.file("m.bin"), dir.file("m.json")}) {
    require_success(run(dir, kClassifier,
                        {"fit", "--data", fit, "--target", "y", "--model", model,
                         "--categorical-features", "2,3", "--early-stopping", "false"}));
    const Result predict = run(dir, kClassifier, {"predict", "--model", model, "--data", held});
    require_success(predict);
    const Vector labels = predictions_in(predict.out);
    CHECK(arma::all(labels == arma::conv_to<Vector>::from(library.predict(X.rows(1500, 1999)))));
    const Result proba =
        run(dir, kClassifier, {"predict", "--model", model, "--data", held, "--proba"});
    require_success(proba);
    const Matrix p = numbers_table(proba.out);
    REQUIRE(p.n_rows == 500);
    REQUIRE(p.n_cols == 2);
    CHECK(arma::abs(p - expected_proba).max() < 1e-12);
    const Result decision =
        run(dir, kClassifier, {"predict", "--model", model, "--data", held, "--decision"});
    require_success(decision);
    CHECK(arma::abs(predictions_in(decision.out) -
                    Vector(library.decision_function(X.rows(1500, 1999)).col(0)))
              .max() < 1e-10);
    const Result score = run(dir, kClassifier, {"score", "--model", model, "--data", held});
    require_success(score);
    CHECK(printed_score(score.out, "accuracy") ==
          Approx(library.score(X.rows(1500, 1999), arma::conv_to<Labels>::from(y.tail(500))))
              .margin(1e-12));
    const Result info = run(dir, kClassifier, {"info", "--model", model});
    require_success(info);
    CHECK_THAT(info.out, Catch::Matchers::Contains("100 iterations"));
    CHECK_THAT(info.out, Catch::Matchers::Contains("categorical features: x2, x3"));
  }
}

TEST_CASE("fitkit-hist-gradient-boosting-regressor fits and scores as the library",
          "[cli][hist_gradient_boosting]") {
  ScratchDir dir;
  const Matrix X = reference_matrix("hist_gradient_boosting/generated/X.csv");
  const Vector y = reference_vector("hist_gradient_boosting/generated/y_regression.csv");
  const std::string fit = dir.write("fit.csv", generated_csv(X.rows(0, 1499), y.head(1500)));
  const std::string held = dir.write("held.csv", generated_csv(X.rows(1500, 1999), y.tail(500)));
  fitkit::HistGradientBoostingRegressor library(
      {.max_iter = 50, .categorical_features = {"2", "3"}});
  library.fit(X.rows(0, 1499), y.head(1500));
  const std::string model = dir.file("m.bin");
  // Categorical features by name, as the CSV header names them.
  require_success(run(dir, kRegressor,
                      {"fit", "--data", fit, "--target", "y", "--model", model,
                       "--categorical-features", "x2,x3", "--max-iter", "50"}));
  const Result predict = run(dir, kRegressor, {"predict", "--model", model, "--data", held});
  require_success(predict);
  CHECK(arma::abs(predictions_in(predict.out) - library.predict(X.rows(1500, 1999))).max() < 1e-10);
  const Result score = run(dir, kRegressor, {"score", "--model", model, "--data", held});
  require_success(score);
  CHECK(printed_score(score.out, "R2") ==
        Approx(library.score(X.rows(1500, 1999), y.tail(500))).margin(1e-10));
}

TEST_CASE("fitkit-hist-gradient-boosting-* refuse bad parameters and inputs",
          "[cli][hist_gradient_boosting]") {
  ScratchDir dir;
  const std::string diabetes = source_path("datasets/diabetes.csv");
  const std::string wine = source_path("datasets/wine.csv");
  const std::string model = dir.file("m.bin");
  const auto refused = [&](const std::string& program, const std::string& data,
                           const std::vector<std::string>& options, const std::string& message) {
    std::vector<std::string> args = {"fit", "--data", data, "--model", model};
    args.insert(args.end(), options.begin(), options.end());
    const Result r = run(dir, program, args);
    INFO(program << " " << message << ": " << r.err);
    CHECK(r.status != 0);
    CHECK_THAT(r.err, Catch::Matchers::Contains(message));
    CHECK_FALSE(exists(model));
  };
  refused(kRegressor, diabetes, {"--max-iter", "0"}, "max_iter");
  refused(kRegressor, diabetes, {"--learning-rate", "0"}, "learning_rate");
  refused(kRegressor, diabetes, {"--learning-rate", "-0.1"}, "learning_rate");
  refused(kRegressor, diabetes, {"--max-bins", "256"}, "max_bins");
  refused(kRegressor, diabetes, {"--max-depth", "0"}, "max_depth");
  refused(kRegressor, diabetes, {"--min-samples-leaf", "0"}, "min_samples_leaf");
  refused(kRegressor, diabetes, {"--monotonic-cst", "1,0"}, "monotonic_cst");
  refused(kRegressor, diabetes, {"--loss", "quantile"}, "quantile");
  refused(kRegressor, diabetes, {"--categorical-features", "12"}, "categorical_features");
  // age as categories: 58 of them, more than max_bins 32.
  refused(kRegressor, diabetes, {"--categorical-features", "0", "--max-bins", "32"}, "max_bins");
  refused(kClassifier, wine,
          {"--target", "cultivar", "--monotonic-cst", "1,0,0,0,0,0,0,0,0,0,0,0,0"}, "multiclass");
}
