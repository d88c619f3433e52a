// Scorers by name against scikit-learn's get_scorer on the fixtures of
// tests/reference/make_metrics.py: an estimator whose outputs are the written ones (row i of X
// is the index i, as the script's Fixed estimators), so each scorer is checked apart from any
// model, including which of predict, predict_proba and decision_function it calls.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "fitkit/core/classifier.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/regressor.hpp"
#include "fitkit/metrics/classification.hpp"
#include "fitkit/metrics/scorer.hpp"
#include "support.hpp"

using fitkit::Index;
using fitkit::Labels;
using fitkit::Matrix;
using fitkit::Vector;
using namespace fitkit::test;

namespace {

struct NoParams {
  template <class V>
  void visit(V&&) {}
};

arma::uvec row_indices(const Matrix& X) {
  return arma::conv_to<arma::uvec>::from(X.col(0));
}

// Outputs pred, proba and (when given) decision for the rows whose first column indexes them.
class FixedClassifier
    : public fitkit::EstimatorWithParams<FixedClassifier, NoParams, fitkit::Classifier> {
 public:
  using EstimatorWithParams::EstimatorWithParams;
  Labels pred;
  Matrix proba;
  Vector decision;

  fitkit::Tags tags() const override {
    fitkit::Tags tags = Classifier::tags();
    tags.predict_proba = true;
    tags.decision_function = !decision.is_empty();
    return tags;
  }
  Labels predict(const Matrix& X) const override { return pred(row_indices(X)); }
  Matrix predict_proba(const Matrix& X) const override { return proba.rows(row_indices(X)); }
  Matrix decision_function(const Matrix& X) const override {
    if (decision.is_empty()) throw fitkit::Error("no decision_function");
    return Matrix(decision(row_indices(X)));
  }
  std::string type_name() const override { return "FixedClassifier"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream&) const override {}
  void write_payload(fitkit::detail::PayloadWriter&) const override {}
  void read_payload(fitkit::detail::PayloadReader&, std::uint32_t) override {}

 protected:
  void fit_labels(const Matrix& X, const Labels& y, const Vector&) override {
    classes_ = index_classes(X, y).classes;
    set_n_features_in(X.n_cols);
  }
};

class FixedRegressor
    : public fitkit::EstimatorWithParams<FixedRegressor, NoParams, fitkit::Regressor> {
 public:
  using EstimatorWithParams::EstimatorWithParams;
  Vector pred;

  Vector predict(const Matrix& X) const override { return pred(row_indices(X)); }
  std::string type_name() const override { return "FixedRegressor"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream&) const override {}
  void write_payload(fitkit::detail::PayloadWriter&) const override {}
  void read_payload(fitkit::detail::PayloadReader&, std::uint32_t) override {}

 protected:
  void fit_values(const Matrix& X, const Vector&, const Vector&) override {
    set_n_features_in(X.n_cols);
  }
};

Matrix index_column(Index n) {
  return Matrix(arma::regspace<Vector>(0, double(n) - 1));
}

void check_scorers(const std::string& dir, const fitkit::Estimator& model, const Vector& y) {
  const std::vector<std::string> names = reference_lines(dir + "SCORER_NAMES");
  const Vector expected = reference_vector(dir + "scorers.csv");
  REQUIRE(expected.n_elem == names.size());
  const Matrix X = index_column(y.n_elem);
  for (std::size_t k = 0; k < names.size(); ++k) {
    INFO(dir << names[k]);
    const double got = fitkit::get_scorer(names[k])(model, X, y);
    CHECK(std::abs(got - expected(k)) <= 1e-10 * (1 + std::abs(expected(k))));
  }
}

}  // namespace

TEST_CASE("scorers by name equal scikit-learn's get_scorer", "[metrics][reference]") {
  for (const std::string name : {"iris", "wine", "breast_cancer", "ties"}) {
    const std::string dir = "metrics/" + name + "/";
    const Vector y = reference_vector(dir + "y_true.csv");
    FixedClassifier model;
    model.pred = arma::conv_to<Labels>::from(reference_vector(dir + "y_pred.csv"));
    model.proba = reference_matrix(dir + "proba.csv");
    if (model.proba.n_cols == 2) model.decision = reference_vector(dir + "decision.csv");
    model.fit(index_column(y.n_elem), y);
    check_scorers(dir, model, y);
  }
  const std::string dir = "metrics/diabetes/";
  const Vector y = reference_vector(dir + "y_true.csv");
  FixedRegressor model;
  model.pred = reference_vector(dir + "y_pred.csv");
  model.fit(index_column(y.n_elem), y);
  check_scorers(dir, model, y);
}

TEST_CASE("scorers pass sample weights and use predict_proba without decision_function",
          "[metrics]") {
  const std::string dir = "metrics/ties/";
  const Vector y = reference_vector(dir + "y_true.csv");
  const Vector w = reference_vector(dir + "sample_weight.csv");
  FixedClassifier model;
  model.pred = arma::conv_to<Labels>::from(reference_vector(dir + "y_pred.csv"));
  model.proba = reference_matrix(dir + "proba.csv");
  model.fit(index_column(y.n_elem), y);
  const Labels truth = arma::conv_to<Labels>::from(y);
  const Matrix X = index_column(y.n_elem);
  CHECK(fitkit::get_scorer("f1_macro")(model, X, y, w) ==
        fitkit::f1_score(truth, model.pred, fitkit::Average::macro, w));
  // Without decision_function, roc_auc ranks by the positive class's probability.
  CHECK(fitkit::get_scorer("roc_auc")(model, X, y) ==
        fitkit::roc_auc_score(truth, model.proba.col(1)));
}

TEST_CASE("scorers refuse unknown names and unsuitable estimators", "[metrics]") {
  CHECK_THROWS_AS(fitkit::get_scorer("f2_macro"), fitkit::InvalidParameter);
  CHECK_THROWS_WITH(fitkit::get_scorer("f2_macro"), Catch::Contains("f1_macro"));
  const std::vector<std::string> names = fitkit::scorer_names();
  CHECK(std::is_sorted(names.begin(), names.end()));
  CHECK(std::find(names.begin(), names.end(), "neg_root_mean_squared_error") != names.end());
  // A binary scorer on three classes.
  const std::string dir = "metrics/iris/";
  const Vector y = reference_vector(dir + "y_true.csv");
  FixedClassifier model;
  model.pred = arma::conv_to<Labels>::from(reference_vector(dir + "y_pred.csv"));
  model.proba = reference_matrix(dir + "proba.csv");
  model.fit(index_column(y.n_elem), y);
  CHECK_THROWS_AS(fitkit::get_scorer("roc_auc")(model, index_column(y.n_elem), y),
                  fitkit::DataError);
  // A classification scorer on a continuous target.
  CHECK_THROWS_AS(fitkit::get_scorer("accuracy")(model, index_column(3), Vector{0.5, 1, 2}),
                  fitkit::DataError);
}
