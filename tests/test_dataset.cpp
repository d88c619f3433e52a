// Dataset: the target as a classifier's labels, and a weighted fit through fit_dataset that
// keeps the names a model file needs to print classes by name.

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "fitkit/core/dataset.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/io/libsvm.hpp"
#include "fitkit/linear/logistic_regression.hpp"
#include "fitkit/model/model_io.hpp"
#include "support.hpp"

using Catch::Matchers::Contains;
using fitkit::DataError;
using fitkit::Dataset;
using fitkit::Labels;
using fitkit::LogisticRegression;
using fitkit::Vector;
using fitkit::io::read_csv_text;
using namespace fitkit::test;

TEST_CASE("Dataset::labels: a text target gives the indices of its sorted class names",
          "[dataset]") {
  const Dataset data = read_csv_text("a,b,species\n1,2,versicolor\n3,4,setosa\n5,6,versicolor\n");
  REQUIRE(data.class_names == std::vector<std::string>{"setosa", "versicolor"});
  const Labels labels = data.labels();
  CHECK(arma::all(labels == Labels{1, 0, 1}));
}

TEST_CASE("Dataset::labels: an integer target keeps its values", "[dataset]") {
  const Dataset data = read_csv_text("a,y\n1,-3\n2,7\n3,-3\n4,0\n");
  CHECK(data.class_names.empty());
  CHECK(arma::all(data.labels() == Labels{-3, 7, -3, 0}));

  const Dataset svm = fitkit::io::read_libsvm_text("+1 1:0.5\n-1 2:1.5\n+1 1:2\n");
  CHECK(arma::all(svm.labels() == Labels{1, -1, 1}));
}

TEST_CASE("Dataset::labels refuses a continuous target and a missing one", "[dataset]") {
  const Dataset continuous = read_csv_text("a,progression\n1,151\n2,75.5\n", {}, "diabetes.csv");
  CHECK_THROWS_AS(continuous.labels(), DataError);
  CHECK_THROWS_WITH(
      continuous.labels(),
      Contains("diabetes.csv: the target column 'progression' is continuous (row 2 holds 75.5)"));

  fitkit::io::CsvOptions no_target;
  no_target.has_target = false;
  const Dataset features = read_csv_text("a,b\n1,2\n", no_target, "x.csv");
  CHECK_THROWS_AS(features.labels(), DataError);
  CHECK_THROWS_WITH(features.labels(), Contains("x.csv: no target column"));
}

TEST_CASE("A weighted fit_dataset fits as the typed fit does and keeps the names", "[dataset]") {
  ScratchDir dir;
  Dataset data = fitkit::io::read_csv(source_path("datasets/breast_cancer.csv"));
  REQUIRE(data.class_names == std::vector<std::string>{"benign", "malignant"});
  // Weights that change the model: the benign class counts three times.
  data.sample_weight = 1.0 + 2.0 * arma::conv_to<Vector>::from(data.labels() == 0);

  LogisticRegression named({.max_iter = 5000});
  named.fit_dataset(data);
  LogisticRegression typed({.max_iter = 5000});
  typed.fit(data.X, data.labels(), data.sample_weight);
  LogisticRegression unweighted({.max_iter = 5000});
  unweighted.fit(data.X, data.labels());

  CHECK(arma::approx_equal(named.coef(), typed.coef(), "absdiff", 0.0));
  CHECK_FALSE(arma::approx_equal(named.coef(), unweighted.coef(), "reldiff", 1e-3));
  CHECK(named.feature_names() == data.feature_names);
  CHECK(named.target_name() == "diagnosis");

  // The names travel through the model file, so a loaded model reports "malignant".
  fitkit::save(named, dir.file("m.json"));
  const auto back = fitkit::load_any(dir.file("m.json"));
  REQUIRE(back->class_names() == data.class_names);
  const Vector predicted = back->predict(data.X.rows(0, 0));
  CHECK(back->class_names().at(static_cast<std::size_t>(predicted(0))) == "malignant");
}
