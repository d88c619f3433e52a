// Estimators inside estimators (DESIGN.md §5; a pipeline's steps, a forest's trees): written
// with their own envelope through payload.hpp's nested(), read back through the same checks
// as a model file's top level. The estimator here is the test's own, so it is loaded with
// load_into; its children are a registered type made by name and a typed member.

#include "core/payload.hpp"

#include <catch2/catch.hpp>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "fitkit/core/error.hpp"
#include "fitkit/core/regressor.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/linear/linear_regression.hpp"
#include "fitkit/linear/ridge.hpp"
#include "fitkit/model/model_io.hpp"
#include "forged_models.hpp"
#include "support.hpp"

using Catch::Matchers::Contains;
using fitkit::Matrix;
using fitkit::Vector;
using fitkit::test::json_with_fixed_checksum;
using fitkit::test::ScratchDir;

namespace {

struct AverageParams {
  double ridge_alpha = 1.0;

  template <class V>
  void visit(V&& v) {
    v("ridge_alpha", ridge_alpha, "the ridge member's alpha", fitkit::at_least(0.0));
  }
};

// The mean of two regressors: `first` of any registered type (a LinearRegression when fitted
// here), `second` always a Ridge.
class AverageOfTwo
    : public fitkit::EstimatorWithParams<AverageOfTwo, AverageParams, fitkit::Regressor> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  AverageOfTwo& fit(const Matrix& X, const Vector& y) {
    first_ = std::make_unique<fitkit::LinearRegression>();
    first_->fit(X, y);
    second_ = fitkit::Ridge({.alpha = params_.ridge_alpha});
    second_.fit(X, y);
    set_n_features_in(X.n_cols);
    return *this;
  }
  Vector predict(const Matrix& X) const override {
    check_predict_input(X);
    return 0.5 * (first_->predict(X) + second_.predict(X));
  }
  const fitkit::Estimator& first() const { return *first_; }

  std::string type_name() const override { return "AverageOfTwo"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override { out << "two regressors\n"; }
  void write_payload(fitkit::detail::PayloadWriter& writer) const override;
  void read_payload(fitkit::detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector&) override { fit(X, y); }

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t /*version*/) {
    ar(cereal::make_nvp("first", fitkit::detail::nested(first_)),
       cereal::make_nvp("second", fitkit::detail::nested(second_)));
  }

  std::unique_ptr<fitkit::Estimator> first_;
  fitkit::Ridge second_;
};

FITKIT_DEFINE_PAYLOAD(AverageOfTwo)

fitkit::Dataset diabetes() {
  return fitkit::io::read_csv(fitkit::test::source_path("datasets/diabetes.csv"));
}

// Replaces the first `from` in `text` by `to` (same length, so a binary layout holds).
std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

}  // namespace

TEST_CASE("nested estimators round-trip with their own type, version and parameters",
          "[model_io][nested]") {
  const fitkit::Dataset data = diabetes();
  AverageOfTwo model({.ridge_alpha = 0.5});
  model.fit(data.X, data.y);
  ScratchDir dir;
  for (const std::string name : {"avg.bin", "avg.json"}) {
    fitkit::save(model, dir.file(name));
    AverageOfTwo back;
    fitkit::load_into(back, dir.file(name));
    CHECK(back.params().ridge_alpha == 0.5);
    CHECK(back.first().type_name() == "LinearRegression");
    CHECK(back.first().n_features_in() == data.X.n_cols);
    CHECK(arma::approx_equal(back.predict(data.X), model.predict(data.X), "absdiff", 0.0));
  }
  // JSON shows each child with its envelope.
  const std::string json = fitkit::test::read_file(dir.file("avg.json"));
  CHECK_THAT(json, Contains("\"type\": \"LinearRegression\""));
  CHECK_THAT(json, Contains("\"type\": \"Ridge\""));
}

TEST_CASE("a nested estimator of an unknown or wrong type is a ModelFormatError",
          "[model_io][nested]") {
  const fitkit::Dataset data = diabetes();
  AverageOfTwo model;
  model.fit(data.X, data.y);
  ScratchDir dir;
  fitkit::save(model, dir.file("avg.json"));
  const std::string json = fitkit::test::read_file(dir.file("avg.json"));

  AverageOfTwo back;
  // Files edited and given a matching checksum, so that the nested envelopes' checks must refuse
  // them.
  const std::string unknown = dir.write(
      "unknown.json", json_with_fixed_checksum(replaced(json, "\"type\": \"LinearRegression\"",
                                                        "\"type\": \"NoSuchRegressor\"")));
  CHECK_THROWS_WITH(fitkit::load_into(back, unknown), Contains("unknown estimator type"));
  const std::string wrong = dir.write(
      "wrong.json",
      json_with_fixed_checksum(replaced(json, "\"type\": \"Ridge\"", "\"type\": \"Lasso\"")));
  CHECK_THROWS_WITH(fitkit::load_into(back, wrong), Contains("holds a Lasso model, not a Ridge"));
  CHECK_FALSE(back.is_fitted());
}

TEST_CASE("estimators nest at most 16 deep, and only where a factory is given",
          "[model_io][nested]") {
  fitkit::detail::NestedEstimatorSource source;
  CHECK_THROWS_WITH(source.make_nested("Ridge"), Contains("cannot be read here"));
  source.set_estimator_factory(&fitkit::make_estimator);
  CHECK(source.make_nested("Ridge")->type_name() == "Ridge");
  CHECK_THROWS_WITH(source.make_nested("Nope"), Contains("unknown estimator type 'Nope'"));
  std::vector<std::unique_ptr<fitkit::detail::NestedEstimatorSource::Level>> levels;
  for (int depth = 1; depth <= fitkit::detail::NestedEstimatorSource::kMaxDepth; ++depth)
    levels.push_back(std::make_unique<fitkit::detail::NestedEstimatorSource::Level>(source));
  CHECK_THROWS_WITH(fitkit::detail::NestedEstimatorSource::Level(source),
                    Contains("nested deeper than 16 levels"));
  levels.pop_back();  // leaving a level makes room again
  CHECK_NOTHROW(fitkit::detail::NestedEstimatorSource::Level(source));
}
