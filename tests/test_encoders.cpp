// OneHotEncoder, OrdinalEncoder, KBinsDiscretizer and LabelEncoder against scikit-learn 1.2
// (fixtures made by tests/reference/make_encoders.py on iris, wine, a set with a constant column
// and a generated set of text and numeric columns with missing values): outputs, categories,
// feature names, bin edges, unknown categories (error, ignore, use_encoded_value), save/load in
// both formats, and the bad inputs.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "bundled_data.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/warnings.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/model/model_io.hpp"
#include "fitkit/preprocessing/encoders.hpp"
#include "fitkit/preprocessing/kbins_discretizer.hpp"
#include "matrix_checks.hpp"
#include "support.hpp"

using Catch::Matchers::Contains;
using fitkit::Index;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

const Matrix& iris() {
  static const Matrix X = bundled("iris").X;
  return X;
}

const Matrix& wine() {
  static const Matrix X = bundled("wine").X;
  return X;
}

// The generated set: text columns colour and size (codes of their sorted texts, NaN where a
// cell is empty), numeric count (with NaN) and price.
fitkit::Dataset mixed(const std::string& file = "mixed.csv") {
  fitkit::io::CsvOptions options;
  options.has_target = false;
  options.text_features = true;
  options.allow_missing = true;
  return fitkit::io::read_csv(source_path("tests/reference/encoders/" + file), options);
}

// The unknown rows as the CLI hands them over: texts the model has as their codes, others -1.
Matrix mixed_unknown(const fitkit::Dataset& train) {
  const fitkit::Dataset test = mixed("mixed_unknown.csv");
  Matrix unknown = test.X;
  for (Index j = 0; j < 2; ++j)
    unknown.col(j).transform([&](double code) {
      if (std::isnan(code)) return code;
      const std::string& text = test.feature_categories[j][static_cast<std::size_t>(code)];
      const auto& known = train.feature_categories[j];
      const auto found = std::find(known.begin(), known.end(), text);
      return found == known.end() ? -1.0 : static_cast<double>(found - known.begin());
    });
  return unknown;
}

// Every column's categories one after the other, as the fixtures keep them.
Vector flat_categories(const std::vector<Vector>& categories) {
  Vector out;
  for (const Vector& c : categories) out = arma::join_cols(out, c);
  return out;
}

Vector category_counts(const std::vector<Vector>& categories) {
  Vector out(categories.size());
  for (std::size_t j = 0; j < categories.size(); ++j)
    out(j) = static_cast<double>(categories[j].n_elem);
  return out;
}

template <class Encoder>
void check_categories(const Encoder& encoder, const std::string& dir, bool numeric = true) {
  const std::vector<Vector> categories = encoder.categories();
  check_equal(Matrix(category_counts(categories)),
              Matrix(reference_vector(dir + "n_categories.csv")), "n_categories");
  if (numeric)
    check_equal(Matrix(flat_categories(categories)),
                Matrix(reference_vector(dir + "categories.csv")), "categories");
  CHECK(encoder.feature_names_out() == reference_lines(dir + "feature_names.txt"));
}

}  // namespace

TEST_CASE("OneHotEncoder agrees with scikit-learn on numeric columns", "[encoders][reference]") {
  struct Case {
    std::string name;
    fitkit::OneHotEncoderParams params;
    const Matrix* X;
  };
  static const Matrix constant = reference_matrix("encoders/constant/X.csv");
  const std::vector<Case> cases = {
      {"onehot_iris", {}, &iris()},
      {"onehot_iris_ignore", {.handle_unknown = fitkit::HandleUnknown::ignore}, &iris()},
      {"onehot_iris_first", {.drop = fitkit::OneHotDrop::first}, &iris()},
      {"onehot_constant_if_binary", {.drop = fitkit::OneHotDrop::if_binary}, &constant},
      {"onehot_constant_first", {.drop = fitkit::OneHotDrop::first}, &constant}};
  for (const Case& c : cases) {
    const std::string dir = "encoders/" + c.name + "/";
    INFO(dir);
    fitkit::OneHotEncoder encoder(c.params);
    encoder.fit(*c.X);
    check_equal(encoder.transform(every_ninth(*c.X)), reference_matrix(dir + "transform.csv"),
                "transform");
    check_categories(encoder, dir);
    Vector drop(encoder.drop_idx().size());
    for (std::size_t j = 0; j < drop.n_elem; ++j)
      drop(j) = static_cast<double>(encoder.drop_idx()[j]);
    check_equal(Matrix(drop), Matrix(reference_vector(dir + "drop_idx.csv")), "drop_idx");
  }
  // Unknown values: all zeros under ignore; an error naming the column and value under error.
  const Matrix unknown = reference_matrix("encoders/iris_unknown/X.csv");
  fitkit::OneHotEncoder ignore({.handle_unknown = fitkit::HandleUnknown::ignore});
  ignore.fit(iris());
  check_equal(ignore.transform(unknown),
              reference_matrix("encoders/onehot_iris_ignore/unknown.csv"), "unknown");
  fitkit::OneHotEncoder strict;
  strict.fit(iris());
  CHECK_THROWS_WITH(strict.transform(unknown),
                    Contains("unknown category 100.0 in column 0 ('x0') at row 1"));
}

TEST_CASE("OrdinalEncoder agrees with scikit-learn on numeric columns", "[encoders][reference]") {
  const Matrix unknown = reference_matrix("encoders/iris_unknown/X.csv");
  for (const auto& [name, X] : {std::pair{"iris", &iris()}, std::pair{"wine", &wine()}}) {
    const std::string dir = std::string("encoders/ordinal_") + name + "/";
    INFO(dir);
    fitkit::OrdinalEncoder encoder;
    const Matrix Z = encoder.fit_transform(*X);
    check_equal(every_ninth(Z), reference_matrix(dir + "transform.csv"), "transform");
    check_categories(encoder, dir);
    check_equal(encoder.inverse_transform(Z), *X, "inverse_transform");
  }
  const std::string dir = "encoders/ordinal_iris_unknown/";
  fitkit::OrdinalEncoder encoder(
      {.handle_unknown = fitkit::OrdinalHandleUnknown::use_encoded_value, .unknown_value = -1});
  encoder.fit(iris());
  check_equal(encoder.transform(unknown), reference_matrix(dir + "unknown.csv"), "unknown");
  CHECK_THROWS_WITH(fitkit::OrdinalEncoder().fit(iris()).transform(unknown),
                    Contains("unknown category 100.0 in column 0"));
}

TEST_CASE("Encoders agree with scikit-learn on text columns with missing values",
          "[encoders][reference]") {
  const fitkit::Dataset train = mixed();
  REQUIRE(train.is_categorical(0));
  REQUIRE(train.is_categorical(1));
  REQUIRE_FALSE(train.is_categorical(2));
  const Matrix unknown = mixed_unknown(train);

  fitkit::OneHotEncoder onehot;
  onehot.fit_dataset(train);
  CHECK(onehot.get_params().at("categorical_features") == "0,1");
  std::string dir = "encoders/onehot_mixed/";
  check_equal(onehot.transform(train.X), reference_matrix(dir + "transform.csv"), "transform");
  check_categories(onehot, dir, false);
  CHECK_THROWS_WITH(onehot.transform(unknown), Contains("column 0 ('colour') at row 1"));

  fitkit::OneHotEncoder ignore_first(
      {.handle_unknown = fitkit::HandleUnknown::ignore, .drop = fitkit::OneHotDrop::first});
  ignore_first.fit_dataset(train);
  dir = "encoders/onehot_mixed_ignore_first/";
  check_equal(ignore_first.transform(train.X), reference_matrix(dir + "transform.csv"),
              "transform");
  check_equal(ignore_first.transform(unknown), reference_matrix(dir + "unknown.csv"), "unknown");
  check_categories(ignore_first, dir, false);

  fitkit::OrdinalEncoder ordinal(
      {.handle_unknown = fitkit::OrdinalHandleUnknown::use_encoded_value, .unknown_value = -1});
  ordinal.fit_dataset(train);
  dir = "encoders/ordinal_mixed/";
  check_equal(ordinal.transform(train.X), reference_matrix(dir + "transform.csv"), "transform");
  check_equal(ordinal.transform(unknown), reference_matrix(dir + "unknown.csv"), "unknown");
  check_categories(ordinal, dir, false);

  fitkit::OrdinalEncoder missing({.encoded_missing_value = -2});
  missing.fit_dataset(train);
  dir = "encoders/ordinal_mixed_missing/";
  check_equal(missing.transform(train.X), reference_matrix(dir + "transform.csv"), "transform");

  // Categorical columns by name; a code that is not a non-negative integer is refused.
  fitkit::Dataset numbers = train;
  numbers.feature_categories.clear();
  fitkit::OneHotEncoder by_name({.categorical_features = {"count"}});
  CHECK_NOTHROW(by_name.fit_dataset(numbers));
  CHECK(by_name.feature_names_out()[9] == "count_0");
  numbers.X(0, 2) = 1.5;
  CHECK_THROWS_WITH(by_name.fit_dataset(numbers),
                    Contains("categorical column 2 ('count') holds 1.5 at row 1"));
  CHECK_THROWS_AS(fitkit::OneHotEncoder({.categorical_features = {"weight"}}).fit(numbers.X),
                  fitkit::InvalidParameter);
  CHECK_THROWS_AS(fitkit::OneHotEncoder({.categorical_features = {"4"}}).fit(numbers.X),
                  fitkit::InvalidParameter);
}

TEST_CASE("Encoders agree with scikit-learn on explicit and infrequent categories",
          "[encoders][reference]") {
  struct Case {
    std::string name;
    std::string data;  // iris, wine3 (wine's first 3 columns), constant or mixed (a data file)
    bool unknown;      // unknown.csv: iris_unknown or mixed_unknown transformed
  };
  const std::vector<Case> cases = {{"onehot_iris_min_frequency", "iris", true},
                                   {"onehot_iris_fraction_max_first", "iris", true},
                                   {"onehot_wine_max_if_binary", "wine3", false},
                                   {"onehot_constant_max1_first", "constant", false},
                                   {"onehot_iris_categories_ignore", "iris", true},
                                   {"onehot_iris_categories_infrequent", "iris", true},
                                   {"ordinal_iris_categories", "iris", true},
                                   {"onehot_mixed_categories", "mixed", false},
                                   {"ordinal_mixed_categories", "mixed", false},
                                   {"onehot_mixed_infrequent", "mixed", true}};
  const fitkit::Dataset train = mixed();
  const Matrix constant = reference_matrix("encoders/constant/X.csv");
  const Matrix iris_unknown = reference_matrix("encoders/iris_unknown/X.csv");
  for (const Case& c : cases) {
    const std::string dir = "encoders/" + c.name + "/";
    INFO(dir);
    const bool onehot = c.name.rfind("onehot", 0) == 0;
    std::unique_ptr<fitkit::Estimator> encoder;
    if (onehot)
      encoder = std::make_unique<fitkit::OneHotEncoder>();
    else
      encoder = std::make_unique<fitkit::OrdinalEncoder>();
    for (const std::string& line : reference_lines(dir + "params.txt")) {
      const std::size_t equals = line.find('=');
      encoder->set_param(line.substr(0, equals), line.substr(equals + 1));
    }
    const bool text = c.data == "mixed";
    Matrix X;
    if (text) {
      encoder->fit_dataset(train);
      X = train.X;
    } else {
      X = c.data == "iris" ? iris() : c.data == "wine3" ? Matrix(wine().cols(0, 2)) : constant;
      encoder->fit(X);
      X = every_ninth(X);
    }
    const Matrix Z = encoder->transform(X);
    check_equal(Z, reference_matrix(dir + "transform.csv"), "transform");
    if (c.unknown)
      check_equal(encoder->transform(text ? mixed_unknown(train) : iris_unknown),
                  reference_matrix(dir + "unknown.csv"), "unknown");
    if (onehot) {
      const auto& e = dynamic_cast<const fitkit::OneHotEncoder&>(*encoder);
      check_categories(e, dir, !text);
      const std::vector<Vector> infrequent = e.infrequent_categories();
      check_equal(Matrix(category_counts(infrequent)),
                  Matrix(reference_vector(dir + "n_infrequent.csv")), "n_infrequent");
      if (!text && arma::accu(category_counts(infrequent)) > 0)
        check_equal(Matrix(flat_categories(infrequent)),
                    Matrix(reference_vector(dir + "infrequent.csv")), "infrequent");
      Vector drop(e.drop_idx().size());
      for (std::size_t j = 0; j < drop.n_elem; ++j) drop(j) = static_cast<double>(e.drop_idx()[j]);
      check_equal(Matrix(drop), Matrix(reference_vector(dir + "drop_idx.csv")), "drop_idx");
    } else {
      const auto& e = dynamic_cast<const fitkit::OrdinalEncoder&>(*encoder);
      check_categories(e, dir, !text);
      if (!text)
        check_equal(e.inverse_transform(Z), reference_matrix(dir + "inverse.csv"), "inverse");
    }
  }
}

TEST_CASE("KBinsDiscretizer agrees with scikit-learn", "[encoders][reference]") {
  struct Case {
    std::string name;
    fitkit::KBinsDiscretizerParams params;
    const Matrix* X;
  };
  static const Matrix constant = reference_matrix("encoders/constant/X.csv");
  using fitkit::KBinsEncode;
  using fitkit::KBinsStrategy;
  std::vector<Case> cases;
  for (const auto& [data, X] : {std::pair{"iris", &iris()}, std::pair{"wine", &wine()}})
    for (const auto& [strategy, name] : {std::pair{KBinsStrategy::uniform, "uniform"},
                                         std::pair{KBinsStrategy::quantile, "quantile"},
                                         std::pair{KBinsStrategy::kmeans, "kmeans"}}) {
      const std::string base = std::string("kbins_") + data + "_" + name;
      cases.push_back({base, {.encode = KBinsEncode::ordinal, .strategy = strategy}, X});
      cases.push_back({base + "_3_onehot", {.n_bins = 3, .strategy = strategy}, X});
    }
  cases.push_back({"kbins_wine_quantile_subsample",
                   {.n_bins = 4, .encode = KBinsEncode::ordinal, .subsample = 50, .seed = 5},
                   &wine()});
  cases.push_back(
      {"kbins_constant_quantile", {.n_bins = 6, .encode = KBinsEncode::ordinal}, &constant});
  cases.push_back(
      {"kbins_constant_kmeans", {.n_bins = 4, .strategy = KBinsStrategy::kmeans}, &constant});
  const fitkit::WarningCapture warnings;
  for (const Case& c : cases) {
    const std::string dir = "encoders/" + c.name + "/";
    INFO(dir);
    fitkit::KBinsDiscretizer kbins(c.params);
    kbins.fit(*c.X);
    Vector edges;
    Vector n_bins(kbins.n_bins().size());
    for (std::size_t j = 0; j < kbins.bin_edges().size(); ++j) {
      edges = arma::join_cols(edges, kbins.bin_edges()[j]);
      n_bins(j) = static_cast<double>(kbins.n_bins()[j]);
    }
    check_equal(Matrix(n_bins), Matrix(reference_vector(dir + "n_bins.csv")), "n_bins");
    check_close(Matrix(edges), Matrix(reference_vector(dir + "bin_edges.csv")), "bin_edges");
    const Matrix Z = kbins.transform(every_ninth(*c.X));
    check_equal(Z, reference_matrix(dir + "transform.csv"), "transform");
    check_close(kbins.inverse_transform(Z), reference_matrix(dir + "inverse.csv"), "inverse");
    CHECK(kbins.feature_names_out() == reference_lines(dir + "feature_names.txt"));
  }
}

TEST_CASE("Python's float text names numeric categories", "[encoders]") {
  using fitkit::detail::python_float_text;
  CHECK(python_float_text(1.0) == "1.0");
  CHECK(python_float_text(-0.0) == "-0.0");
  CHECK(python_float_text(0.1) == "0.1");
  CHECK(python_float_text(1e-05) == "1e-05");
  CHECK(python_float_text(0.0001) == "0.0001");
  CHECK(python_float_text(1e15) == "1000000000000000.0");
  CHECK(python_float_text(1e16) == "1e+16");
  CHECK(python_float_text(123456789012345678.0) == "1.2345678901234568e+17");
  CHECK(python_float_text(-2.5e-300) == "-2.5e-300");
  CHECK(python_float_text(arma::datum::nan) == "nan");
}

TEST_CASE("LabelEncoder maps labels to codes and back", "[encoders]") {
  fitkit::LabelEncoder numbers;
  CHECK_THROWS_AS(numbers.transform(Vector{1.0}), fitkit::NotFitted);
  CHECK(arma::all(numbers.fit_transform(Vector{3, -1, 3, 2.5}) == Vector{2, 0, 2, 1}));
  CHECK(arma::all(numbers.classes() == Vector{-1, 2.5, 3}));
  CHECK(arma::all(numbers.inverse_transform(Vector{0, 2}) == Vector{-1, 3}));
  CHECK_THROWS_WITH(numbers.transform(Vector{3, 7}), Contains("unseen label: 7"));
  CHECK_THROWS_AS(numbers.inverse_transform(Vector{3}), fitkit::DataError);
  CHECK_THROWS_AS(numbers.inverse_transform(Vector{0.5}), fitkit::DataError);
  CHECK_THROWS_AS(numbers.transform(std::vector<std::string>{"a"}), fitkit::DataError);
  CHECK_THROWS_AS(numbers.fit(Vector{1, arma::datum::nan}), fitkit::DataError);
  CHECK_THROWS_AS(numbers.fit(Vector()), fitkit::DataError);

  fitkit::LabelEncoder texts;
  const std::vector<std::string> y = {"virginica", "setosa", "Zebra", "setosa"};
  CHECK(arma::all(texts.fit_transform(y) == Vector{2, 1, 0, 1}));
  CHECK(texts.text_classes() == std::vector<std::string>{"Zebra", "setosa", "virginica"});
  CHECK(texts.inverse_transform_text(Vector{1, 2}) ==
        std::vector<std::string>{"setosa", "virginica"});
  CHECK_THROWS_WITH(texts.transform(std::vector<std::string>{"setosa", "versicolor"}),
                    Contains("unseen label: 'versicolor'"));
  CHECK_THROWS_AS(texts.fit(std::vector<std::string>{}), fitkit::DataError);
}

TEST_CASE("Encoders: save and load give the same transform in both formats", "[encoders]") {
  const ScratchDir dir;
  const fitkit::Dataset train = mixed();
  const fitkit::WarningCapture warnings;
  std::vector<std::unique_ptr<fitkit::Estimator>> models;
  models.push_back(std::make_unique<fitkit::OneHotEncoder>(
      fitkit::OneHotEncoderParams{.drop = fitkit::OneHotDrop::if_binary}));
  models.push_back(std::make_unique<fitkit::OrdinalEncoder>());
  // Explicit categories (a text column's in their given order) and infrequent ones.
  models.push_back(std::make_unique<fitkit::OneHotEncoder>());
  models.back()->set_params({{"categories", "size=XL,L,M,S;count=0,1,2,3,4,5,nan"},
                             {"min_frequency", "0.2"},
                             {"max_categories", "3"},
                             {"handle_unknown", "infrequent_if_exist"},
                             {"drop", "first"}});
  models.push_back(std::make_unique<fitkit::OrdinalEncoder>());
  models.back()->set_param("categories", "colour=yellow,red,green,blue,nan");
  const Matrix unknown = mixed_unknown(train);
  for (auto& model : models) {
    model->fit_dataset(train);
    for (const std::string ext : {".bin", ".json"}) {
      const std::string path = dir.file("encoder" + ext);
      fitkit::save(*model, path);
      const std::unique_ptr<fitkit::Estimator> back = fitkit::load_any(path);
      check_equal(back->transform(train.X), model->transform(train.X), model->type_name() + ext);
      CHECK(back->feature_names_out() == model->feature_names_out());
      CHECK(back->get_params() == model->get_params());
      if (model->get_params().at("handle_unknown") == "infrequent_if_exist") {
        check_equal(back->transform(unknown), model->transform(unknown), "unknown" + ext);
        CHECK(flat_categories(
                  dynamic_cast<const fitkit::OneHotEncoder&>(*back).infrequent_categories())
                  .n_elem > 0);
      }
    }
  }
  // KBinsDiscretizer with a constant column (edges -inf, inf).
  const Matrix constant = reference_matrix("encoders/constant/X.csv");
  for (const auto strategy : {fitkit::KBinsStrategy::quantile, fitkit::KBinsStrategy::kmeans}) {
    fitkit::KBinsDiscretizer kbins({.strategy = strategy});
    kbins.fit(constant);
    for (const std::string ext : {".bin", ".json"}) {
      const std::string path = dir.file("kbins" + ext);
      fitkit::save(kbins, path);
      const auto back = fitkit::load<fitkit::KBinsDiscretizer>(path);
      check_equal(back.transform(constant), kbins.transform(constant), "kbins" + ext);
    }
  }
}

TEST_CASE("Encoders saved before categories and infrequent categories load as they were",
          "[encoders]") {
  // Class version 1 files (fitkit 0.3.0 before explicit and infrequent categories), kept from
  // tests/models/0.3.0 when that folder was rewritten: they load with the defaults of the new
  // parameters and transform as they did (the transforms they wrote then).
  const std::string folder = "tests/reference/encoders/class_version_1/";
  for (const auto& [name, data, target] : {std::tuple{"one-hot-encoder", "iris", "species"},
                                           std::tuple{"ordinal-encoder", "wine", "cultivar"}}) {
    const Matrix X = bundled(data).X;
    fitkit::io::CsvOptions options;  // the target passed through, last
    options.target = target;
    const Matrix expected =
        fitkit::io::read_csv(source_path(folder + name + ".transform.csv"), options).X;
    for (const std::string ext : {".bin", ".json"}) {
      INFO(name << ext);
      const std::unique_ptr<fitkit::Estimator> model =
          fitkit::load_any(source_path(folder + name + ext));
      CHECK(model->get_params().at("categories") == "auto");
      check_equal(model->transform(X), expected, std::string(name) + ext);
    }
  }
}

TEST_CASE("Encoders: bad inputs are refused clearly", "[encoders]") {
  const Matrix X = every_ninth(iris());
  // Empty data, infinity, the wrong width, NaN where refused.
  for (const auto& make : std::vector<std::function<std::unique_ptr<fitkit::Estimator>()>>{
           [] { return std::make_unique<fitkit::OneHotEncoder>(); },
           [] { return std::make_unique<fitkit::OrdinalEncoder>(); },
           [] { return std::make_unique<fitkit::KBinsDiscretizer>(); }}) {
    std::unique_ptr<fitkit::Estimator> model = make();
    INFO(model->type_name());
    CHECK_THROWS_AS(model->fit(Matrix(0, 4)), fitkit::DataError);
    CHECK_THROWS_AS(model->fit(Matrix(5, 0)), fitkit::DataError);
    Matrix inf = X;
    inf(2, 1) = arma::datum::inf;
    CHECK_THROWS_AS(model->fit(inf), fitkit::DataError);
    CHECK_THROWS_AS(model->transform(X), fitkit::NotFitted);
    model->fit(X);
    CHECK_THROWS_AS(model->transform(X.cols(0, 2)), fitkit::DimensionMismatch);
    CHECK_THROWS_AS(model->transform(inf), fitkit::DataError);
  }
  Matrix with_nan = X;
  with_nan(1, 1) = arma::datum::nan;
  CHECK_THROWS_AS(fitkit::KBinsDiscretizer().fit(with_nan), fitkit::DataError);
  // NaN is a category: unknown at transform when fit saw none.
  fitkit::OneHotEncoder onehot;
  onehot.fit(X);
  CHECK_THROWS_WITH(onehot.transform(with_nan), Contains("unknown category nan in column 1"));
  onehot.fit(with_nan);
  CHECK(onehot.feature_names_out()[onehot.categories()[0].n_elem + onehot.categories()[1].n_elem -
                                   1] == "x1_nan");

  // OrdinalEncoder's unknown_value, as scikit-learn checks it.
  using fitkit::OrdinalHandleUnknown;
  CHECK_THROWS_AS(
      fitkit::OrdinalEncoder({.handle_unknown = OrdinalHandleUnknown::use_encoded_value}).fit(X),
      fitkit::InvalidParameter);
  CHECK_THROWS_AS(fitkit::OrdinalEncoder({.unknown_value = -1}).fit(X), fitkit::InvalidParameter);
  fitkit::OrdinalEncoder by_text;
  CHECK_THROWS_AS(by_text.set_param("unknown_value", "0.5"), fitkit::InvalidParameter);
  by_text.set_params({{"handle_unknown", "use_encoded_value"}, {"unknown_value", "nan"}});
  CHECK(std::isnan(by_text.fit(X).transform(Matrix{{100, 100, 100, 100}})(0, 2)));
  CHECK_THROWS_WITH(
      fitkit::OrdinalEncoder(
          {.handle_unknown = OrdinalHandleUnknown::use_encoded_value, .unknown_value = 2})
          .fit(X),
      Contains("category seen at fit"));
  CHECK_NOTHROW(fitkit::OrdinalEncoder({.handle_unknown = OrdinalHandleUnknown::use_encoded_value,
                                        .unknown_value = fitkit::NanKeyword::nan})
                    .fit(X));
  CHECK_THROWS_AS(fitkit::OrdinalEncoder({.encoded_missing_value = 0}).fit(with_nan),
                  fitkit::InvalidParameter);
  CHECK_NOTHROW(fitkit::OrdinalEncoder({.encoded_missing_value = 0}).fit(X));

  // categories: a column that does not exist, unsorted or repeated numbers, NaN not last, a
  // text the data does not have, a value at fit outside them under handle_unknown error.
  const auto refused = [&](const std::string& categories, const std::string& says) {
    INFO(categories);
    for (const std::string type : {"OneHotEncoder", "OrdinalEncoder"}) {
      std::unique_ptr<fitkit::Estimator> encoder;
      if (type == "OneHotEncoder")
        encoder = std::make_unique<fitkit::OneHotEncoder>();
      else
        encoder = std::make_unique<fitkit::OrdinalEncoder>();
      encoder->set_params({{"categories", categories}, {"handle_unknown", "error"}});
      try {
        encoder->fit_dataset(mixed());
        FAIL(type + " accepted it");
      } catch (const fitkit::InvalidParameter& e) {
        CHECK(e.name() == "categories");
        CHECK_THAT(e.what(), Contains(says));
      }
    }
  };
  refused("weight=1,2", "'weight' is not a feature name");
  refused("7=1,2", "index 7 is outside [0, 3]");
  refused("count=0,2,1,3,4,nan", "unsorted categories are not supported");
  refused("count=0,1,1,2,3,4,nan", "lists a category twice");
  refused("count=nan,0,1,2,3,4", "nan must be the last");
  refused("count=0,1,2,3,4,nan;2=0,1,2,3,4,nan", "listed twice");
  refused("count=0,one", "'one' is not a number");
  refused("size=S,M,L,XL,XXL", "'XXL' is not a text of column 'size'");
  refused("size=S,M,L", "found an unknown category 'XL' in column 1 ('size') at row");
  refused("count=0,1,2,3,4", "found an unknown category nan in column 2 ('count')");
  CHECK_THROWS_AS(fitkit::OneHotEncoder().set_param("categories", "size"),
                  fitkit::InvalidParameter);
  CHECK_THROWS_AS(fitkit::OneHotEncoder().set_param("categories", "size="),
                  fitkit::InvalidParameter);
  CHECK(fitkit::OneHotEncoder().get_params().at("categories") == "auto");
  // Outside the categories given is unknown, not refused, when handle_unknown allows it.
  fitkit::OneHotEncoder given;
  given.set_params({{"categories", "size=S,M,L"}, {"handle_unknown", "ignore"}});
  CHECK_NOTHROW(given.fit_dataset(mixed()));
  // A column of codes without texts (categorical_features) lists codes.
  fitkit::Dataset codes = mixed();
  codes.feature_categories.clear();
  fitkit::OrdinalEncoder by_code;
  by_code.set_params({{"categories", "size=3,1,0,2"}, {"categorical_features", "0,size"}});
  by_code.fit_dataset(codes);
  CHECK(by_code.categories()[1](0) == 3.0);
  const std::vector<double> order = {3, 1, 0, 2};
  const auto position = std::find(order.begin(), order.end(), codes.X(0, 1)) - order.begin();
  CHECK(by_code.transform(codes.X.rows(0, 0))(0, 1) == static_cast<double>(position));
  by_code.set_param("categories", "size=3,1,0.5,2");
  CHECK_THROWS_WITH(by_code.fit_dataset(codes), Contains("'0.5' is not a category code"));
  // min_frequency above 0 (a fraction below 1), max_categories at least 1.
  for (const auto& [name, value] :
       std::vector<std::pair<std::string, std::string>>{{"min_frequency", "0"},
                                                        {"min_frequency", "-2"},
                                                        {"min_frequency", "-0.5"},
                                                        {"min_frequency", "1.5"},
                                                        {"max_categories", "0"},
                                                        {"max_categories", "-1"}}) {
    INFO(name << "=" << value);
    try {
      fitkit::OneHotEncoder bad;
      bad.set_param(name, value);
      bad.fit(X);
      FAIL("accepted");
    } catch (const fitkit::InvalidParameter& e) {
      CHECK(e.name() == name);
    }
  }

  // KBinsDiscretizer: n_bins below 2, subsample without quantile; a constant column is one bin.
  CHECK_THROWS_AS(fitkit::KBinsDiscretizer({.n_bins = 1}).fit(X), fitkit::InvalidParameter);
  CHECK_THROWS_AS(
      fitkit::KBinsDiscretizer({.strategy = fitkit::KBinsStrategy::uniform, .subsample = 10})
          .fit(X),
      fitkit::InvalidParameter);
  Matrix constant = X;
  constant.col(2).fill(4.0);
  const fitkit::WarningCapture warnings;
  fitkit::KBinsDiscretizer kbins({.encode = fitkit::KBinsEncode::ordinal});
  const Matrix Z = kbins.fit_transform(constant);
  CHECK(arma::all(Z.col(2) == 0.0));
  CHECK(kbins.n_bins()[2] == 1);
  CHECK_FALSE(warnings.warnings().empty());
  // A one-hot block without its bin set cannot be inverted.
  fitkit::KBinsDiscretizer onehot_bins;
  onehot_bins.fit(X);
  Matrix blocks = onehot_bins.transform(X);
  blocks.row(0).zeros();
  CHECK_THROWS_AS(onehot_bins.inverse_transform(blocks), fitkit::DataError);
}
