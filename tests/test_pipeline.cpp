// Pipeline against scikit-learn's on the fixtures of tests/reference/make_pipeline.py (scalers,
// an imputer, PCA, Ridge and k-nearest neighbours, which fitkit fits as scikit-learn does):
// predictions, probabilities and transforms to 1e-10, a grid search over `step__param` names,
// model files in both formats, and the ways a pipeline can be put together wrongly.

#include <catch2/catch.hpp>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "bundled_data.hpp"
#include "fitkit/cluster/kmeans.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/decomposition/pca.hpp"
#include "fitkit/linear/ridge.hpp"
#include "fitkit/model/model_io.hpp"
#include "fitkit/model_selection/search.hpp"
#include "fitkit/model_selection/splitters.hpp"
#include "fitkit/neighbors/kneighbors_classifier.hpp"
#include "fitkit/pipeline/column_transformer.hpp"
#include "fitkit/pipeline/pipeline.hpp"
#include "fitkit/preprocessing/scalers.hpp"
#include "fitkit/preprocessing/simple_imputer.hpp"
#include "support.hpp"

using Catch::Matchers::Contains;
using fitkit::ColumnTransformer;
using fitkit::Matrix;
using fitkit::Pipeline;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

template <class T>
std::unique_ptr<fitkit::Estimator> make(typename T::Params params = {}) {
  return std::make_unique<T>(std::move(params));
}

Pipeline scaled_ridge(double alpha) {
  Pipeline model;
  model.add("scale", make<fitkit::StandardScaler>())
      .add("ridge", make<fitkit::Ridge>({.alpha = alpha}));
  return model;
}

// As make_pipeline.py's with_holes: every 7th cell, row-major, missing.
Matrix with_holes(Matrix X) {
  for (fitkit::Index k = 0; k < X.n_elem; k += 7) X(k / X.n_cols, k % X.n_cols) = std::nan("");
  return X;
}

}  // namespace

TEST_CASE("a pipeline predicts, scores and transforms as scikit-learn's", "[pipeline][reference]") {
  const fitkit::Dataset diabetes = bundled("diabetes");
  Pipeline ridge = scaled_ridge(0.5);
  ridge.fit(diabetes.X, diabetes.y);
  CHECK(arma::approx_equal(ridge.predict(diabetes.X),
                           reference_vector("pipeline/ridge_diabetes/predict.csv"), "absdiff",
                           1e-10));
  CHECK(std::abs(ridge.score(diabetes.X, diabetes.y) -
                 reference_scalar("pipeline/ridge_diabetes/score.csv")) < 1e-12);
  CHECK(ridge.score_name() == "R2");

  Pipeline imputed;
  imputed.add("impute", make<fitkit::SimpleImputer>({.strategy = fitkit::ImputeStrategy::median}))
      .add("scale", make<fitkit::RobustScaler>())
      .add("ridge", make<fitkit::Ridge>({.alpha = 2.0}));
  CHECK(imputed.tags().allow_nan);
  const Matrix holes = with_holes(diabetes.X);
  imputed.fit(holes, diabetes.y);
  CHECK(arma::approx_equal(imputed.predict(holes),
                           reference_vector("pipeline/impute_ridge_diabetes/predict.csv"),
                           "absdiff", 1e-10));

  const fitkit::Dataset iris = bundled("iris");
  Pipeline knn;
  knn.add("scale", make<fitkit::MinMaxScaler>())
      .add("knn", make<fitkit::KNeighborsClassifier>({.n_neighbors = 7}));
  knn.fit(iris.X, iris.y);
  CHECK(knn.kind() == fitkit::EstimatorKind::classifier);
  CHECK(arma::approx_equal(knn.predict_proba(iris.X),
                           reference_matrix("pipeline/knn_iris/predict_proba.csv"), "absdiff",
                           1e-12));
  CHECK(arma::approx_equal(knn.predict(iris.X), reference_vector("pipeline/knn_iris/predict.csv"),
                           "absdiff", 0.0));

  const fitkit::Dataset wine = bundled("wine");
  Pipeline pca;
  pca.add("scale", make<fitkit::StandardScaler>()).add("pca", make<fitkit::PCA>());
  pca.set_param("pca__n_components", "3");
  CHECK(pca.tags().transform);
  const Matrix Z = pca.fit_transform(wine.X);
  CHECK(
      arma::approx_equal(Z, reference_matrix("pipeline/pca_wine/transform.csv"), "absdiff", 1e-10));
  CHECK(pca.feature_names_out() == std::vector<std::string>{"pca0", "pca1", "pca2"});
}

TEST_CASE("a grid search over step parameters equals scikit-learn's", "[pipeline][reference]") {
  const fitkit::Dataset diabetes = bundled("diabetes");
  fitkit::GridSearchCV search(scaled_ridge(1.0),
                              fitkit::parse_param_grid("ridge__alpha=0.1,1.0,10.0;"
                                                       "scale__with_std=true,false"));
  search.fit(diabetes.X, diabetes.y, fitkit::KFold{.n_splits = 5}.split(diabetes.n_samples()));
  const fitkit::SearchResults& r = search.cv_results();
  const std::vector<std::string> params = reference_lines("pipeline/grid_diabetes/PARAMS");
  const Vector means = reference_vector("pipeline/grid_diabetes/mean_test_score.csv");
  REQUIRE(r.params.size() == params.size());
  for (std::size_t c = 0; c < params.size(); ++c) {
    fitkit::ParamMap expected;
    for (const auto& [name, values] : fitkit::parse_param_grid(params[c]))
      expected[name] = values.at(0);
    CHECK(r.params[c] == expected);
    CHECK(std::abs(r.mean_test_score(c) - means(c)) <= 1e-10 * (1 + std::abs(means(c))));
  }
  CHECK(search.best_index() == reference_scalar("pipeline/grid_diabetes/best_index.csv"));
}

TEST_CASE("a pipeline's model file holds every step and reproduces its predictions",
          "[pipeline][model_io]") {
  const fitkit::Dataset data = bundled("diabetes");
  Pipeline model = scaled_ridge(3.0);
  model.fit_dataset(data);
  ScratchDir dir;
  for (const std::string name : {"p.bin", "p.json"}) {
    fitkit::save(model, dir.file(name));
    const std::unique_ptr<fitkit::Estimator> back = fitkit::load_any(dir.file(name));
    REQUIRE(back->type_name() == "Pipeline");
    CHECK(back->get_params() == model.get_params());
    CHECK(back->get_params().at("steps") == "scale=StandardScaler,ridge=Ridge");
    CHECK(back->get_params().at("ridge__alpha") == "3");
    CHECK(back->feature_names() == data.feature_names);
    CHECK(arma::approx_equal(back->predict(data.X), model.predict(data.X), "absdiff", 0.0));
    // The steps learn the names too: the final one sees the scaler's output names.
    const auto& steps = dynamic_cast<const Pipeline&>(*back).steps();
    CHECK(steps.back().estimator->feature_names() == data.feature_names);
  }
  const std::string json = read_file(dir.file("p.json"));
  CHECK_THAT(json, Contains("\"type\": \"StandardScaler\""));
  CHECK_THAT(json, Contains("\"type\": \"Ridge\""));
}

TEST_CASE("a pipeline put together wrongly is refused by name", "[pipeline]") {
  const fitkit::Dataset data = bundled("diabetes");
  Pipeline empty;
  CHECK_THROWS_AS(empty.fit(data.X, data.y), fitkit::InvalidParameter);

  Pipeline middle;
  middle.add("ridge", make<fitkit::Ridge>()).add("scale", make<fitkit::StandardScaler>());
  CHECK_THROWS_WITH(middle.fit(data.X, data.y),
                    Contains("step 'ridge' (Ridge) does not transform"));

  Pipeline twice;
  twice.add("scale", make<fitkit::StandardScaler>());
  CHECK_THROWS_WITH(twice.add("scale", make<fitkit::Ridge>()), Contains("given twice"));
  CHECK_THROWS_WITH(twice.add("a__b", make<fitkit::Ridge>()), Contains("not a usable name"));

  Pipeline model = scaled_ridge(1.0);
  try {
    model.set_param("ridge__alpha", "-1");
    FAIL("a negative alpha was taken");
  } catch (const fitkit::InvalidParameter& e) {
    CHECK(e.name() == "ridge__alpha");
  }
  CHECK_THROWS_WITH(model.set_param("ridge__alpah", "1"), Contains("ridge__alpah"));
  CHECK_THROWS_WITH(model.set_param("lasso__alpha", "1"), Contains("scale=StandardScaler"));
  CHECK_THROWS_WITH(model.set_param("steps", "scale=NoSuchScaler"), Contains("NoSuchScaler"));

  // The steps by name: new steps, with their defaults.
  model.set_param("steps", "scale=MinMaxScaler,knn=KNeighborsRegressor");
  CHECK(model.get_params().at("knn__n_neighbors") == "5");
  model.fit(data.X, data.y);
  CHECK_THROWS_AS(model.predict(Matrix(3, data.X.n_cols + 1, arma::fill::ones)),
                  fitkit::DimensionMismatch);
  CHECK_THROWS_AS(model.predict_proba(data.X), fitkit::Error);
  // A clone is unfitted, with the same steps and parameters.
  const std::unique_ptr<fitkit::Estimator> copy = model.clone();
  CHECK_FALSE(copy->is_fitted());
  CHECK(copy->get_params() == model.get_params());

  Pipeline clusters;
  clusters.add("scale", make<fitkit::StandardScaler>())
      .add("kmeans", make<fitkit::KMeans>({.n_clusters = 3, .seed = 1}));
  const Vector labels = clusters.fit_predict(data.X);
  CHECK(arma::approx_equal(labels, clusters.predict(data.X), "absdiff", 0.0));
}

TEST_CASE("a column transformer transforms each transformer's columns as scikit-learn's",
          "[pipeline][column_transformer][reference]") {
  const fitkit::Dataset data = bundled("diabetes");
  ColumnTransformer columns;
  // Positions and names mixed: age, bmi, s1 are columns 0, 2, 4.
  columns.add("num", make<fitkit::StandardScaler>(), {"0", "bmi", "s1"})
      .add("mm", make<fitkit::MinMaxScaler>(), {"1", "3"});
  columns.set_param("remainder", "passthrough");
  columns.fit_dataset(data);
  CHECK(arma::approx_equal(columns.transform(data.X),
                           reference_matrix("pipeline/columns_diabetes/transform.csv"), "absdiff",
                           1e-10));
  const std::vector<std::string> names = columns.feature_names_out();
  REQUIRE(names.size() == 10);
  CHECK(names[0] == "num__age");
  CHECK(names[3] == "mm__sex");
  CHECK(names[5] == "remainder__s2");
  CHECK(columns.remainder_columns() == std::vector<fitkit::Index>{5, 6, 7, 8, 9});

  // Inside a pipeline, the remainder dropped; saved and loaded in both formats.
  Pipeline model;
  auto robust = std::make_unique<ColumnTransformer>();
  robust->add("num", make<fitkit::RobustScaler>(), {"bmi", "bp", "s5"});
  model.add("columns", std::move(robust)).add("ridge", make<fitkit::Ridge>({.alpha = 0.1}));
  model.fit_dataset(data);
  const Vector want = reference_vector("pipeline/columns_diabetes/predict_dropped.csv");
  CHECK(arma::approx_equal(model.predict(data.X), want, "absdiff", 1e-10));
  ScratchDir dir;
  for (const std::string name : {"c.bin", "c.json"}) {
    fitkit::save(model, dir.file(name));
    const std::unique_ptr<fitkit::Estimator> back = fitkit::load_any(dir.file(name));
    CHECK(back->get_params() == model.get_params());
    CHECK(back->get_params().at("columns__columns") == "num=bmi,bp,s5");
    CHECK(arma::approx_equal(back->predict(data.X), want, "absdiff", 1e-10));
  }
}

TEST_CASE("a column transformer refuses columns it cannot find", "[pipeline][column_transformer]") {
  const fitkit::Dataset data = bundled("diabetes");
  ColumnTransformer columns;
  columns.add("num", make<fitkit::StandardScaler>(), {"bmi", "weight"});
  CHECK_THROWS_WITH(columns.fit_dataset(data), Contains("'weight', which the data does not have"));
  ColumnTransformer unnamed;
  unnamed.add("num", make<fitkit::StandardScaler>(), {"bmi"});
  CHECK_THROWS_WITH(unnamed.fit(data.X), Contains("does not name (give positions)"));
  columns.set_param("columns", "num=0,10");
  CHECK_THROWS_WITH(columns.fit(data.X), Contains("column 10 of transformer 'num' is past"));
  columns.set_param("columns", "numbers=0");
  CHECK_THROWS_WITH(columns.fit(data.X), Contains("transformer 'num' is given no columns"));
  columns.set_param("columns", "num=0;cat=1");
  CHECK_THROWS_WITH(columns.fit(data.X), Contains("there is no transformer 'cat'"));
  CHECK_THROWS_AS(ColumnTransformer().fit(data.X), fitkit::InvalidParameter);
  CHECK_THROWS_AS(columns.set_param("remainder", "keep"), fitkit::InvalidParameter);
  ColumnTransformer not_transformer;
  not_transformer.add("ridge", make<fitkit::Ridge>(), {"0"});
  CHECK_THROWS_WITH(not_transformer.fit(data.X, data.y), Contains("does not transform"));
  // A fitted one checks the width of what it transforms.
  columns.set_param("columns", "num=0,1");
  columns.fit(data.X);
  CHECK_THROWS_AS(columns.transform(data.X.cols(0, 4)), fitkit::DimensionMismatch);
}
