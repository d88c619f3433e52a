// Cross-validation and the parameter searches against scikit-learn's GridSearchCV,
// cross_val_score and cross_val_predict on the fixtures of
// tests/reference/make_model_selection.py (the same folds; Ridge and k-nearest neighbours, which
// fitkit fits exactly as scikit-learn): every candidate's split scores, mean, std and rank to
// 1e-10, the same best candidate; and the bad inputs of a search.

#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "bundled_data.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/linear/ridge.hpp"
#include "fitkit/model_selection/cross_validation.hpp"
#include "fitkit/model_selection/curves.hpp"
#include "fitkit/model_selection/search.hpp"
#include "fitkit/model_selection/splitters.hpp"
#include "fitkit/neighbors/kneighbors_classifier.hpp"
#include "support.hpp"

using fitkit::Index;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

// "alpha=0.1;fit_intercept=true" as a ParamMap.
fitkit::ParamMap params_of(const std::string& line) {
  fitkit::ParamMap out;
  for (const auto& [name, values] : fitkit::parse_param_grid(line)) out[name] = values.at(0);
  return out;
}

bool close(double got, double want) {
  return std::abs(got - want) <= 1e-10 * (1 + std::abs(want));
}

void check_search(const std::string& case_name, const fitkit::Estimator& estimator) {
  const std::string dir = "model_selection/" + case_name + "/";
  const fitkit::Dataset data = bundled(case_name.find("diabetes") != std::string::npos ? "diabetes"
                                       : case_name.find("wine") != std::string::npos   ? "wine"
                                                                                       : "iris");
  const std::vector<fitkit::Fold> folds =
      fitkit::predefined_split(reference_vector(dir + "test_fold.csv"));
  const std::string scoring = reference_lines(dir + "SCORING").at(0);
  fitkit::SearchOptions options;
  if (scoring != "score") options.scoring = scoring;
  fitkit::GridSearchCV search(
      estimator, fitkit::parse_param_grid(reference_lines(dir + "GRID").at(0)), options);
  search.fit(data.X, data.y, folds);

  const std::vector<std::string> params = reference_lines(dir + "PARAMS");
  const Matrix expected = reference_matrix(dir + "cv_results.csv");
  const fitkit::SearchResults& r = search.cv_results();
  REQUIRE(r.params.size() == params.size());
  const Index n_folds = folds.size();
  for (std::size_t c = 0; c < params.size(); ++c) {
    INFO(case_name << " candidate " << params[c]);
    CHECK(r.params[c] == params_of(params[c]));
    for (Index k = 0; k < n_folds; ++k) CHECK(close(r.split_test_scores(c, k), expected(c, k)));
    CHECK(close(r.mean_test_score(c), expected(c, n_folds)));
    CHECK(close(r.std_test_score(c), expected(c, n_folds + 1)));
    CHECK(r.rank_test_score(c) == expected(c, n_folds + 2));
  }
  CHECK(search.best_index() == reference_scalar(dir + "best_index.csv"));
  // The refitted winner is the best candidate fitted on everything.
  std::unique_ptr<fitkit::Estimator> direct = estimator.clone();
  direct->set_params(search.best_params());
  direct->fit(data.X, data.y);
  CHECK(arma::approx_equal(search.best_estimator().predict(data.X), direct->predict(data.X),
                           "absdiff", 1e-12));
}

}  // namespace

TEST_CASE("GridSearchCV equals scikit-learn's on the same folds", "[model_selection][reference]") {
  check_search("ridge_diabetes", fitkit::Ridge());
  check_search("ridge_diabetes_mae", fitkit::Ridge());
  check_search("knn_iris", fitkit::KNeighborsClassifier());
  check_search("knn_iris_f1", fitkit::KNeighborsClassifier());
  check_search("knn_wine", fitkit::KNeighborsClassifier());
}

TEST_CASE("cross_val_score and cross_val_predict equal scikit-learn's",
          "[model_selection][reference]") {
  const fitkit::Dataset diabetes = bundled("diabetes");
  std::string dir = "model_selection/ridge_diabetes/";
  std::vector<fitkit::Fold> folds =
      fitkit::predefined_split(reference_vector(dir + "test_fold.csv"));
  fitkit::Ridge ridge;
  ridge.set_param("alpha", "0.5");
  const Vector scores = fitkit::cross_val_score(ridge, diabetes.X, diabetes.y, folds);
  const Vector want = reference_vector(dir + "cross_val_score.csv");
  REQUIRE(scores.n_elem == want.n_elem);
  CHECK(arma::approx_equal(scores, want, "absdiff", 1e-10));
  const Matrix predicted = fitkit::cross_val_predict(ridge, diabetes.X, diabetes.y, folds);
  CHECK(arma::approx_equal(Vector(predicted.col(0)),
                           reference_vector(dir + "cross_val_predict.csv"), "absdiff", 1e-8));

  const fitkit::Dataset iris = bundled("iris");
  dir = "model_selection/knn_iris/";
  folds = fitkit::predefined_split(reference_vector(dir + "test_fold.csv"));
  fitkit::KNeighborsClassifier knn;
  knn.set_param("n_neighbors", "7");
  const Matrix proba =
      fitkit::cross_val_predict(knn, iris.X, iris.y, folds, fitkit::PredictMethod::predict_proba);
  CHECK(arma::approx_equal(proba, reference_matrix(dir + "cross_val_predict_proba.csv"), "absdiff",
                           1e-12));

  // Several scorers at once, and train scores: the same folds scored on their training rows.
  fitkit::CrossValidateOptions options;
  options.scoring = {"accuracy", "f1_macro"};
  options.return_train_score = true;
  const fitkit::CrossValidation cv = fitkit::cross_validate(knn, iris.X, iris.y, folds, options);
  REQUIRE(cv.test_scores.n_rows == folds.size());
  REQUIRE(cv.test_scores.n_cols == 2);
  for (std::size_t k = 0; k < folds.size(); ++k) {
    std::unique_ptr<fitkit::Estimator> model = knn.clone();
    model->fit(iris.X.rows(folds[k].train), iris.y(folds[k].train));
    CHECK(cv.test_scores(k, 0) == model->score(iris.X.rows(folds[k].test), iris.y(folds[k].test)));
    CHECK(cv.train_scores(k, 0) ==
          model->score(iris.X.rows(folds[k].train), iris.y(folds[k].train)));
  }
  CHECK(arma::all(cv.fit_time >= 0));
}

TEST_CASE("searches give the same results on one thread and on two", "[model_selection]") {
  const fitkit::Dataset wine = bundled("wine");
  const std::vector<fitkit::Fold> folds =
      fitkit::predefined_split(reference_vector("model_selection/knn_wine/test_fold.csv"));
  const fitkit::ParamGrid grid = fitkit::parse_param_grid("n_neighbors=1,2,3,5,8,13;p=1,2");
  const auto run = [&](int threads) {
    fitkit::set_num_threads(threads);
    fitkit::RandomizedSearchCV search(fitkit::KNeighborsClassifier(), grid, 5, 42);
    search.fit(wine.X, wine.y, folds);
    fitkit::set_num_threads(0);
    return search.cv_results();
  };
  const fitkit::SearchResults one = run(1), two = run(2);
  REQUIRE(one.params.size() == 5);
  CHECK(one.params == two.params);
  CHECK(arma::approx_equal(one.split_test_scores, two.split_test_scores, "absdiff", 0.0));
  // Five distinct candidates of the grid.
  for (std::size_t i = 0; i < one.params.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) CHECK(one.params[i] != one.params[j]);
}

TEST_CASE("searches refuse bad grids and folds clearly", "[model_selection]") {
  const fitkit::Dataset iris = bundled("iris");
  const std::vector<fitkit::Fold> folds =
      fitkit::predefined_split(reference_vector("model_selection/knn_iris/test_fold.csv"));
  const fitkit::KNeighborsClassifier knn;
  // An unknown parameter name, a value out of range, text that is not a grid.
  fitkit::GridSearchCV unknown(knn, fitkit::parse_param_grid("n_neighbours=1,2"));
  CHECK_THROWS_AS(unknown.fit(iris.X, iris.y, folds), fitkit::InvalidParameter);
  fitkit::GridSearchCV out_of_range(knn, fitkit::parse_param_grid("n_neighbors=3,0"));
  CHECK_THROWS_AS(out_of_range.fit(iris.X, iris.y, folds), fitkit::InvalidParameter);
  CHECK_THROWS_AS(fitkit::parse_param_grid("n_neighbors"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(fitkit::parse_param_grid("n_neighbors=1,,2"), fitkit::InvalidParameter);
  CHECK_THROWS_AS(fitkit::parse_param_grid(" ; "), fitkit::InvalidParameter);
  CHECK_THROWS_AS(fitkit::parse_param_grid("p=1;p=2"), fitkit::InvalidParameter);
  fitkit::SearchOptions bad_scoring;
  bad_scoring.scoring = "accuracy_macro";
  fitkit::GridSearchCV scored(knn, fitkit::parse_param_grid("n_neighbors=1"), bad_scoring);
  CHECK_THROWS_AS(scored.fit(iris.X, iris.y, folds), fitkit::InvalidParameter);
  CHECK_THROWS_AS(scored.best_estimator(), fitkit::NotFitted);
  // Folds naming rows beyond the data, or with an empty side.
  std::vector<fitkit::Fold> beyond = folds;
  beyond[0].test(0) = 150;
  fitkit::GridSearchCV search(knn, fitkit::parse_param_grid("n_neighbors=1"));
  CHECK_THROWS_AS(search.fit(iris.X, iris.y, beyond), fitkit::DataError);
  CHECK_THROWS_AS(search.fit(iris.X, iris.y, {}), fitkit::DataError);
  CHECK_THROWS_AS(fitkit::cross_val_score(knn, iris.X, iris.y, {{arma::uvec{0, 1}, arma::uvec{}}}),
                  fitkit::DataError);
  // cross_val_predict needs each row tested once.
  std::vector<fitkit::Fold> twice = folds;
  twice.push_back(folds[0]);
  CHECK_THROWS_AS(fitkit::cross_val_predict(knn, iris.X, iris.y, twice), fitkit::DataError);
  // A fit error inside a fold (n_neighbors above a fold's training rows) comes out whole.
  fitkit::KNeighborsClassifier too_many;
  too_many.set_param("n_neighbors", "149");
  CHECK_THROWS_AS(fitkit::cross_val_score(too_many, iris.X, iris.y, folds), fitkit::Error);
}

TEST_CASE("default_folds are scikit-learn's cv=5", "[model_selection]") {
  // Stratified for a classifier, plain for a regressor.
  const fitkit::Dataset iris = bundled("iris");
  const std::vector<fitkit::Fold> stratified =
      fitkit::default_folds(fitkit::KNeighborsClassifier(), iris.y, iris.n_samples());
  const std::vector<fitkit::Fold> want =
      fitkit::predefined_split(reference_vector("model_selection/knn_iris/test_fold.csv"));
  REQUIRE(stratified.size() == want.size());
  for (std::size_t k = 0; k < want.size(); ++k) {
    CHECK(arma::all(stratified[k].test == want[k].test));
    CHECK(arma::all(stratified[k].train == want[k].train));
  }
  const fitkit::Dataset diabetes = bundled("diabetes");
  const std::vector<fitkit::Fold> plain =
      fitkit::default_folds(fitkit::Ridge(), diabetes.y, diabetes.n_samples());
  const std::vector<fitkit::Fold> kfold =
      fitkit::predefined_split(reference_vector("model_selection/ridge_diabetes/test_fold.csv"));
  REQUIRE(plain.size() == kfold.size());
  for (std::size_t k = 0; k < kfold.size(); ++k) CHECK(arma::all(plain[k].test == kfold[k].test));
  // A classifier's continuous target cannot be stratified.
  CHECK_THROWS_AS(
      fitkit::default_folds(fitkit::KNeighborsClassifier(), Vector(diabetes.y + 0.25), 442),
      fitkit::DataError);
}

TEST_CASE("validation_curve and learning_curve equal scikit-learn's",
          "[model_selection][reference]") {
  const std::string dir = "model_selection/curves/";
  const fitkit::Dataset diabetes = bundled("diabetes");
  const std::vector<fitkit::Fold> kfold = fitkit::KFold{5}.split(diabetes.n_samples());
  const fitkit::CurveScores alpha = fitkit::validation_curve(
      fitkit::Ridge(), diabetes.X, diabetes.y, "alpha", {"0.001", "0.1", "10", "1000"}, kfold);
  CHECK(arma::approx_equal(alpha.train_scores, reference_matrix(dir + "ridge_alpha_train.csv"),
                           "absdiff", 1e-10));
  CHECK(arma::approx_equal(alpha.test_scores, reference_matrix(dir + "ridge_alpha_test.csv"),
                           "absdiff", 1e-10));

  fitkit::Ridge ridge;
  ridge.set_param("alpha", "0.5");
  const fitkit::CurveScores grown =
      fitkit::learning_curve(ridge, diabetes.X, diabetes.y,
                             {fitkit::SplitSize::fraction(0.1), fitkit::SplitSize::fraction(0.33),
                              fitkit::SplitSize::fraction(0.7), fitkit::SplitSize::fraction(1.0)},
                             kfold, "neg_mean_absolute_error");
  CHECK(arma::approx_equal(grown.ticks, reference_vector(dir + "ridge_learning_sizes.csv"),
                           "absdiff", 0.0));
  CHECK(arma::approx_equal(grown.train_scores, reference_matrix(dir + "ridge_learning_train.csv"),
                           "reldiff", 1e-10));
  CHECK(arma::approx_equal(grown.test_scores, reference_matrix(dir + "ridge_learning_test.csv"),
                           "reldiff", 1e-10));

  const fitkit::Dataset iris = bundled("iris");
  const std::vector<fitkit::Fold> stratified =
      fitkit::default_folds(fitkit::KNeighborsClassifier(), iris.y, iris.n_samples());
  std::vector<fitkit::SplitSize> counts;
  for (const Index n : {10, 40, 80, 120}) counts.push_back(fitkit::SplitSize::count(n));
  const fitkit::CurveScores knn = fitkit::learning_curve(fitkit::KNeighborsClassifier(), iris.X,
                                                         iris.y, counts, stratified, {}, true, 3);
  CHECK(arma::approx_equal(knn.ticks, reference_vector(dir + "knn_learning_sizes.csv"), "absdiff",
                           0.0));
  CHECK(arma::approx_equal(knn.train_scores, reference_matrix(dir + "knn_learning_train.csv"),
                           "absdiff", 1e-12));
  CHECK(arma::approx_equal(knn.test_scores, reference_matrix(dir + "knn_learning_test.csv"),
                           "absdiff", 1e-12));

  // Sizes out of range, an unknown parameter, a value out of range.
  CHECK_THROWS_AS(fitkit::learning_curve(ridge, diabetes.X, diabetes.y,
                                         {fitkit::SplitSize::fraction(1.5)}, kfold),
                  fitkit::InvalidParameter);
  CHECK_THROWS_AS(
      fitkit::learning_curve(ridge, diabetes.X, diabetes.y, {fitkit::SplitSize::count(400)}, kfold),
      fitkit::InvalidParameter);
  CHECK_THROWS_AS(fitkit::validation_curve(ridge, diabetes.X, diabetes.y, "alpah", {"1"}, kfold),
                  fitkit::InvalidParameter);
  CHECK_THROWS_AS(fitkit::validation_curve(ridge, diabetes.X, diabetes.y, "alpha", {"-1"}, kfold),
                  fitkit::InvalidParameter);
}

TEST_CASE("Ridge's folds fitted at once are the models fitted fold by fold",
          "[model_selection][ridge]") {
  // Every row's sums once, each fold's training sums as the totals less its own: the same
  // coefficients as Ridge fitted on the fold's training rows, to rounding.
  arma::arma_rng::set_seed(11);
  const Matrix off_centre = arma::randn<Matrix>(3000, 12) * 5.0 + 40.0;  // as real data
  const Vector y = off_centre * arma::linspace<Vector>(-1, 1, 12) + arma::randn<Vector>(3000) + 7.0;
  const std::vector<fitkit::Fold> folds =
      fitkit::KFold{.n_splits = 4, .shuffle = true, .seed = 3}.split(off_centre.n_rows);
  std::vector<arma::uvec> test_rows;
  for (const fitkit::Fold& fold : folds) test_rows.push_back(fold.test);
  for (const bool intercept : {true, false}) {
    // Without an intercept, columns about 0: off-centre ones would make it decline (below).
    const Matrix X = intercept ? off_centre : Matrix(off_centre - 40.0);
    fitkit::Ridge ridge({.alpha = 2.0, .fit_intercept = intercept});
    const auto models = ridge.fit_folds(X, y, test_rows);
    REQUIRE(models.size() == folds.size());
    for (std::size_t k = 0; k < folds.size(); ++k) {
      fitkit::Ridge direct({.alpha = 2.0, .fit_intercept = intercept});
      direct.fit(X.rows(folds[k].train), y(folds[k].train));
      const auto& at_once = dynamic_cast<const fitkit::Ridge&>(*models[k]);
      CHECK(arma::approx_equal(at_once.coef(), direct.coef(), "reldiff", 1e-9));
      CHECK(std::abs(at_once.intercept() - direct.intercept()) <=
            1e-9 * (1 + std::abs(direct.intercept())));
    }
    // cross_validate takes them unless it must also score the training rows.
    fitkit::CrossValidateOptions with_train;
    with_train.return_train_score = true;
    const Vector fast = fitkit::cross_val_score(ridge, X, y, folds);
    const fitkit::CrossValidation slow = fitkit::cross_validate(ridge, X, y, folds, with_train);
    CHECK(arma::approx_equal(fast, Vector(slow.test_scores.col(0)), "absdiff", 1e-10));
  }
  const Matrix& X = off_centre;
  // Nor where Ridge's own fit would refine its solution against the rows (no intercept on
  // columns far from 0: ill-conditioned normal equations); cross_validate then fits fold by fold.
  fitkit::Ridge through_origin({.alpha = 2.0, .fit_intercept = false});
  CHECK(through_origin.fit_folds(X, y, test_rows).empty());
  fitkit::Ridge direct({.alpha = 2.0, .fit_intercept = false});
  direct.fit(X.rows(folds[0].train), y(folds[0].train));
  CHECK(fitkit::cross_val_score(through_origin, X, y, folds)(0) ==
        direct.score(X.rows(folds[0].test), y(folds[0].test)));
  // Not for what it cannot do: another solver, alpha 0, fewer training rows than features.
  CHECK(fitkit::Ridge({.alpha = 1.0, .solver = fitkit::RidgeSolver::svd})
            .fit_folds(X, y, test_rows)
            .empty());
  CHECK(fitkit::Ridge({.alpha = 0.0}).fit_folds(X, y, test_rows).empty());
  CHECK(fitkit::Ridge()
            .fit_folds(X.rows(0, 15), y.head(16),
                       {arma::regspace<arma::uvec>(0, 7), arma::regspace<arma::uvec>(8, 15)})
            .empty());
}
