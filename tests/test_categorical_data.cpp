// Text columns as categories, through the core (Estimator::fit_dataset and the model file's
// envelope): an estimator tagged categorical gets the data set's text columns added to its
// categorical_features and keeps their texts in its model file; any other refuses them. The
// estimator here is the test's own: the mean target per category of its first categorical
// feature.

#include "core/payload.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <ostream>
#include <string>
#include <vector>

#include "fitkit/core/error.hpp"
#include "fitkit/core/regressor.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/linear/linear_regression.hpp"
#include "fitkit/model/model_io.hpp"
#include "support.hpp"

using Catch::Matchers::Contains;
using fitkit::Index;
using fitkit::Matrix;
using fitkit::Vector;

namespace {

struct CategoryMeanParams {
  std::vector<std::int64_t> categorical_features;

  template <class V>
  void visit(V&& v) {
    v("categorical_features", categorical_features, "categorical columns, by index");
  }
};

class CategoryMean
    : public fitkit::EstimatorWithParams<CategoryMean, CategoryMeanParams, fitkit::Regressor> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  Vector predict(const Matrix& X) const override {
    check_predict_input(X);
    Vector out(X.n_rows);
    for (Index i = 0; i < X.n_rows; ++i) {
      const double code = X(i, column_);
      out[i] = std::isnan(code) || code >= means_.n_elem ? overall_ : means_[Index(code)];
    }
    return out;
  }
  fitkit::Tags tags() const override {
    fitkit::Tags t = Regressor::tags();
    t.allow_nan = true;
    t.categorical = true;
    return t;
  }
  std::string type_name() const override { return "CategoryMean"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override { out << "category means\n"; }
  void write_payload(fitkit::detail::PayloadWriter& writer) const override;
  void read_payload(fitkit::detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector&) override {
    reset_fitted();
    REQUIRE(params_.categorical_features.size() == 1);
    column_ = 0;  // the test's files put the category first
    means_.zeros(static_cast<Index>(X.col(column_).max()) + 1);
    Vector counts(means_.n_elem, arma::fill::zeros);
    for (Index i = 0; i < X.n_rows; ++i) {
      if (std::isnan(X(i, column_))) continue;
      means_[Index(X(i, column_))] += y[i];
      counts[Index(X(i, column_))] += 1;
    }
    means_ /= counts;
    overall_ = arma::mean(y);
    set_n_features_in(X.n_cols);
  }

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("means", fitkit::detail::arma_ref(means_)), CEREAL_NVP(overall_));
  }

  Index column_ = 0;
  Vector means_;
  double overall_ = 0;
};

FITKIT_DEFINE_PAYLOAD(CategoryMean)

fitkit::Dataset shapes() {
  fitkit::io::CsvOptions options;
  options.text_features = true;
  options.allow_missing = true;
  return fitkit::io::read_csv_text(
      "shape,size,y\ncircle,1,1\nsquare,2,3\ncircle,3,2\n,4,10\ntriangle,5,7\n", options,
      "shapes.csv");
}

}  // namespace

TEST_CASE("fit_dataset adds text columns to categorical_features and keeps their texts",
          "[categorical]") {
  CategoryMean model;
  model.fit_dataset(shapes());
  CHECK(model.params().categorical_features == std::vector<std::int64_t>{0});
  REQUIRE(model.feature_categories().size() == 2);
  CHECK(model.feature_categories()[0] == std::vector<std::string>{"circle", "square", "triangle"});
  CHECK(model.feature_categories()[1].empty());
  const Vector predicted = model.predict(Matrix{{0, 1}, {2, 1}});
  CHECK(predicted[0] == 1.5);
  CHECK(predicted[1] == 7.0);
  // A column named already is not added twice.
  model.fit_dataset(shapes());
  CHECK(model.params().categorical_features.size() == 1);
  // A plain fit on numbers keeps no texts.
  model.fit(Matrix{{0, 1}, {1, 2}}, Vector{1, 2});
  CHECK(model.feature_categories().empty());
}

TEST_CASE("a model file keeps the texts of its categorical columns", "[categorical][model_io]") {
  fitkit::test::ScratchDir dir;
  CategoryMean model;
  model.fit_dataset(shapes());
  for (const char* name : {"m.bin", "m.json"}) {
    const std::string path = dir.file(name);
    fitkit::save(model, path);
    CategoryMean back;
    fitkit::load_into(back, path);
    CHECK(back.feature_categories() == model.feature_categories());
    CHECK(back.params().categorical_features == model.params().categorical_features);
  }
}

TEST_CASE("an estimator that is not categorical refuses text columns", "[categorical]") {
  fitkit::LinearRegression model;
  CHECK_THROWS_WITH(model.fit_dataset(shapes()), Contains("shapes.csv") &&
                                                     Contains("column 'shape' holds text") &&
                                                     Contains("LinearRegression"));
  CHECK_FALSE(model.is_fitted());
}
