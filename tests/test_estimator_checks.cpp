// The C++ twin of scikit-learn's check_estimator (DESIGN.md §8): every registered estimator
// goes through the same checks, through the polymorphic face alone, so an estimator added to
// the registry is enrolled by that line. Each TEST_CASE is one check; a failure names the
// estimator in its section.

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "contributions_support.hpp"
#include "core/parallel.hpp"
#include "fitkit/cluster/dbscan.hpp"
#include "fitkit/cluster/kmeans.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/estimator.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/core/warnings.hpp"
#include "fitkit/decomposition/pca.hpp"
#include "fitkit/io/csv.hpp"
#include "fitkit/linear/logistic_regression.hpp"
#include "fitkit/linear/ridge.hpp"
#include "fitkit/model/model_io.hpp"
#include "fitkit/model/registry.hpp"
#include "fitkit/pipeline/column_transformer.hpp"
#include "fitkit/pipeline/pipeline.hpp"
#include "fitkit/preprocessing/scalers.hpp"
#include "fitkit/preprocessing/simple_imputer.hpp"
#include "support.hpp"

using fitkit::Dataset;
using fitkit::Estimator;
using fitkit::EstimatorKind;
using fitkit::EstimatorType;
using fitkit::Index;
using fitkit::Matrix;
using fitkit::Tags;
using fitkit::Vector;
using fitkit::test::ScratchDir;

namespace {

// Convergence warnings are not what these checks are about.
struct QuietWarnings {
  QuietWarnings() : previous(fitkit::set_warning_handler([](const fitkit::Warning&) {})) {}
  ~QuietWarnings() { fitkit::set_warning_handler(previous); }
  fitkit::WarningHandler previous;
};

Dataset read_bundled(const std::string& name, const std::string& target) {
  fitkit::io::CsvOptions options;
  options.target = target;
  return fitkit::io::read_csv(fitkit::test::source_path("datasets/" + name), options);
}

// Columns scaled to mean 0 and deviation 1, so that every solver converges quickly.
Matrix standardised(const Matrix& X) {
  Matrix out = X;
  for (Index j = 0; j < X.n_cols; ++j) {
    const double sd = arma::stddev(X.col(j));
    out.col(j) = (X.col(j) - arma::mean(X.col(j))) / (sd > 0 ? sd : 1.0);
  }
  return out;
}

// A small problem of the kind the estimator learns: iris's three classes for classifiers,
// diabetes for the rest (its target ignored by those that learn from X alone).
struct Problem {
  Matrix X;
  Vector y;
};

Problem problem_for(const Estimator& model) {
  if (model.kind() == EstimatorKind::classifier) {
    static const Dataset iris = read_bundled("iris.csv", "species");
    return {standardised(iris.X), iris.y};
  }
  static const Dataset diabetes = read_bundled("diabetes.csv", "progression");
  const arma::uvec rows = arma::regspace<arma::uvec>(0, 2, 199);  // 100 rows
  const Matrix X = standardised(diabetes.X);
  const Vector y = diabetes.y;
  return {X.rows(rows), (y(rows) - arma::mean(y)) / arma::stddev(y)};
}

// y as fit receives it: empty for estimators that learn from X alone.
Vector y_for(const Estimator& model, const Problem& p) {
  return model.tags().requires_y ? p.y : Vector();
}

std::unique_ptr<Estimator> fitted(const EstimatorType& type, const Problem& p) {
  std::unique_ptr<Estimator> model = type.make();
  model->fit(p.X, y_for(*model, p));
  return model;
}

// Everything the estimator's tags say it can compute on X, as matrices, to compare.
std::vector<Matrix> outputs(const Estimator& model, const Matrix& X) {
  const Tags tags = model.tags();
  std::vector<Matrix> out;
  if (tags.predict) out.push_back(Matrix(model.predict(X)));
  if (tags.predict_proba) out.push_back(model.predict_proba(X));
  if (tags.decision_function) out.push_back(model.decision_function(X));
  if (tags.transform) out.push_back(model.transform(X));
  if (tags.contributions) out.push_back(model.contributions(X));
  return out;
}

bool same_outputs(const std::vector<Matrix>& a, const std::vector<Matrix>& b, double tolerance) {
  if (a.size() != b.size()) return false;
  for (std::size_t k = 0; k < a.size(); ++k)
    if (!arma::approx_equal(a[k], b[k], "reldiff", tolerance) &&
        !arma::approx_equal(a[k], b[k], "absdiff", tolerance))
      return false;
  return true;
}

// A pipeline of a scaler and `Final`, for the checks: a composite type is nothing to fit
// until given its parts.
template <class Final>
std::unique_ptr<Estimator> scaled() {
  auto model = std::make_unique<fitkit::Pipeline>();
  model->add("scale", std::make_unique<fitkit::StandardScaler>())
      .add("final", std::make_unique<Final>());
  return model;
}

std::unique_ptr<Estimator> imputed_logistic_regression() {
  auto model = std::make_unique<fitkit::Pipeline>();
  model->add("impute", std::make_unique<fitkit::SimpleImputer>())
      .add("final", std::make_unique<fitkit::LogisticRegression>());
  return model;
}

std::unique_ptr<Estimator> scaled_columns() {
  auto model = std::make_unique<fitkit::ColumnTransformer>();
  model->add("scale", std::make_unique<fitkit::StandardScaler>(), {"0", "2"})
      .add("range", std::make_unique<fitkit::MinMaxScaler>(), {"1"});
  model->set_param("remainder", "passthrough");
  return model;
}

// Every composite type, once per kind of final step, made as the registry's entry would be.
const std::vector<EstimatorType>& composite_examples() {
  static const std::vector<EstimatorType> examples = {
      {"Pipeline", scaled<fitkit::Ridge>, "", "scaler, ridge", {}},
      {"Pipeline", imputed_logistic_regression, "", "imputer, logistic regression", {}},
      {"Pipeline", scaled<fitkit::KMeans>, "", "scaler, k-means", {}},
      {"Pipeline", scaled<fitkit::PCA>, "", "scaler, PCA", {}},
      {"Pipeline", scaled<fitkit::DBSCAN>, "", "scaler, DBSCAN", {}},
      {"ColumnTransformer", scaled_columns, "", "two scalers, the rest passed through", {}},
  };
  return examples;
}

// Runs `check` once per registered estimator and composite example, each in a section named
// after it.
void for_each_estimator(const std::function<void(const EstimatorType&)>& check) {
  const QuietWarnings quiet;
  REQUIRE_FALSE(fitkit::registered_estimators().empty());
  for (const EstimatorType& type : fitkit::registered_estimators()) {
    DYNAMIC_SECTION(type.type_name) {
      check(type);
    }
  }
  for (const EstimatorType& type : composite_examples()) {
    DYNAMIC_SECTION(type.type_name << " of " << type.description) {
      check(type);
    }
  }
}

}  // namespace

TEST_CASE("checks: the registry's entries are consistent", "[estimator_checks]") {
  for_each_estimator([](const EstimatorType& type) {
    const std::unique_ptr<Estimator> model = type.make();
    CHECK(model->type_name() == type.type_name);
    CHECK(model->class_version() >= 1);
    CHECK_FALSE(type.description.empty());
    if (!type.program.empty()) {
      CHECK(type.program.starts_with("fitkit-"));
      CHECK(fitkit::find_estimator_program(type.program) == &type);
    }
    CHECK(fitkit::make_estimator(type.type_name)->type_name() == type.type_name);
    const Tags tags = model->tags();
    // A kind's promises: a learner of y predicts; a transformer transforms.
    if (tags.kind == EstimatorKind::regressor || tags.kind == EstimatorKind::classifier) {
      CHECK(tags.requires_y);
      CHECK(tags.predict);
    }
    if (tags.kind == EstimatorKind::transformer) CHECK(tags.transform);
    if (tags.transductive) CHECK_FALSE(tags.predict);
  });
}

TEST_CASE("checks: parameters round-trip by name", "[estimator_checks]") {
  for_each_estimator([](const EstimatorType& type) {
    const std::unique_ptr<Estimator> model = type.make();
    const fitkit::ParamMap defaults = model->get_params();
    const auto info = model->param_info();
    REQUIRE(info.size() == defaults.size());
    for (const fitkit::ParamInfo& param : info) {
      CHECK(defaults.at(param.name) == param.value);
      CHECK_FALSE(param.help.empty());
    }
    // Every value set back as text reads back as the same text.
    const std::unique_ptr<Estimator> other = type.make();
    other->set_params(defaults);
    CHECK(other->get_params() == defaults);
    CHECK_THROWS_AS(model->set_param("no_such_parameter", "1"), fitkit::InvalidParameter);
  });
}

TEST_CASE("checks: clone is unfitted, of the same type, with the same parameters",
          "[estimator_checks]") {
  for_each_estimator([](const EstimatorType& type) {
    const Problem p = problem_for(*type.make());
    std::unique_ptr<Estimator> model = type.make();
    // Parameters other than their defaults, to see them copied: every bool flipped and every
    // choice moved to another, where the estimator takes it (MaxAbsScaler has none).
    bool changed = false;
    for (const fitkit::ParamInfo& param : model->param_info()) try {
        if (param.type == "bool")
          model->set_param(param.name, param.value == "true" ? "false" : "true");
        if (param.type == "choice")
          model->set_param(param.name, param.choices.back() == param.value ? param.choices.front()
                                                                           : param.choices.back());
        changed = changed || param.type == "bool" || param.type == "choice";
      } catch (const fitkit::InvalidParameter&) {
      }
    if (changed) REQUIRE(model->get_params() != type.make()->get_params());
    const fitkit::ParamMap params = model->get_params();
    const std::unique_ptr<Estimator> fresh = model->clone();
    CHECK(fresh->type_name() == model->type_name());
    CHECK(fresh->get_params() == params);
    CHECK_FALSE(fresh->is_fitted());
    model = type.make();
    model->fit(p.X, y_for(*model, p));
    const std::unique_ptr<Estimator> from_fitted = model->clone();
    CHECK_FALSE(from_fitted->is_fitted());
    CHECK(from_fitted->get_params() == model->get_params());
    CHECK(from_fitted->n_features_in() == 0);
  });
}

TEST_CASE("checks: every method before fit says NotFitted", "[estimator_checks]") {
  for_each_estimator([](const EstimatorType& type) {
    const std::unique_ptr<Estimator> model = type.make();
    const Problem p = problem_for(*model);
    const Tags tags = model->tags();
    CHECK_FALSE(model->is_fitted());
    if (tags.predict) CHECK_THROWS_AS(model->predict(p.X), fitkit::NotFitted);
    if (tags.predict_proba) CHECK_THROWS_AS(model->predict_proba(p.X), fitkit::NotFitted);
    if (tags.decision_function) CHECK_THROWS_AS(model->decision_function(p.X), fitkit::NotFitted);
    if (tags.transform) CHECK_THROWS_AS(model->transform(p.X), fitkit::NotFitted);
    if (tags.contributions) CHECK_THROWS_AS(model->contributions(p.X), fitkit::NotFitted);
    if (tags.score) CHECK_THROWS_AS(model->score(p.X, y_for(*model, p)), fitkit::NotFitted);
    ScratchDir dir;
    CHECK_THROWS_AS(fitkit::save(*model, dir.file("m.bin")), fitkit::NotFitted);
  });
}

TEST_CASE("checks: fit returns the estimator, which predicts one row per input row",
          "[estimator_checks]") {
  for_each_estimator([](const EstimatorType& type) {
    std::unique_ptr<Estimator> model = type.make();
    const Problem p = problem_for(*model);
    CHECK(&model->fit(p.X, y_for(*model, p)) == model.get());
    CHECK(model->is_fitted());
    CHECK(model->n_features_in() == p.X.n_cols);
    const Tags tags = model->tags();
    const Matrix some = p.X.rows(0, 4);
    for (const Matrix& out : outputs(*model, some)) CHECK(out.n_rows == some.n_rows);
    if (tags.predict) CHECK(model->predict(some).n_elem == some.n_rows);
    if (tags.score) CHECK(std::isfinite(model->score(p.X, y_for(*model, p))));
  });
}

TEST_CASE("checks: a different width at predict is a DimensionMismatch", "[estimator_checks]") {
  for_each_estimator([](const EstimatorType& type) {
    const Problem p = problem_for(*type.make());
    const std::unique_ptr<Estimator> model = fitted(type, p);
    const Tags tags = model->tags();
    const Matrix narrower = p.X.cols(0, p.X.n_cols - 2);
    const Matrix wider = arma::join_rows(p.X, p.X.col(0));
    for (const Matrix& X : {narrower, wider}) {
      if (tags.predict) CHECK_THROWS_AS(model->predict(X), fitkit::DimensionMismatch);
      if (tags.predict_proba) CHECK_THROWS_AS(model->predict_proba(X), fitkit::DimensionMismatch);
      if (tags.decision_function)
        CHECK_THROWS_AS(model->decision_function(X), fitkit::DimensionMismatch);
      if (tags.transform) CHECK_THROWS_AS(model->transform(X), fitkit::DimensionMismatch);
      if (tags.contributions) CHECK_THROWS_AS(model->contributions(X), fitkit::DimensionMismatch);
    }
  });
}

TEST_CASE("checks: NaN and Inf are refused unless the tags allow NaN", "[estimator_checks]") {
  for_each_estimator([](const EstimatorType& type) {
    const Problem p = problem_for(*type.make());
    const bool allow_nan = type.make()->tags().allow_nan;
    for (const double bad : {arma::datum::nan, arma::datum::inf, -arma::datum::inf}) {
      Matrix X = p.X;
      X(3, 1) = bad;
      std::unique_ptr<Estimator> model = type.make();
      if (allow_nan && std::isnan(bad))
        CHECK_NOTHROW(model->fit(X, y_for(*model, p)));
      else
        CHECK_THROWS_AS(model->fit(X, y_for(*model, p)), fitkit::DataError);
      const std::unique_ptr<Estimator> good = fitted(type, p);
      if (!(allow_nan && std::isnan(bad))) {
        const Tags tags = good->tags();
        if (tags.predict) CHECK_THROWS_AS(good->predict(X), fitkit::DataError);
        if (tags.transform) CHECK_THROWS_AS(good->transform(X), fitkit::DataError);
        if (tags.predict_proba) CHECK_THROWS_AS(good->predict_proba(X), fitkit::DataError);
        if (tags.decision_function) CHECK_THROWS_AS(good->decision_function(X), fitkit::DataError);
        if (tags.contributions) CHECK_THROWS_AS(good->contributions(X), fitkit::DataError);
      }
    }
    if (type.make()->tags().requires_y) {
      Vector y = p.y;
      y(2) = arma::datum::nan;
      std::unique_ptr<Estimator> model = type.make();
      CHECK_THROWS_AS(model->fit(p.X, y), fitkit::DataError);
    }
  });
}

TEST_CASE("checks: the bad inputs of DESIGN.md §8 get clear errors", "[estimator_checks]") {
  for_each_estimator([](const EstimatorType& type) {
    const Problem p = problem_for(*type.make());
    const Tags tags = type.make()->tags();
    std::unique_ptr<Estimator> model = type.make();
    // No rows, no columns.
    CHECK_THROWS_AS(model->fit(Matrix(0, p.X.n_cols)), fitkit::DataError);
    CHECK_THROWS_AS(model->fit(Matrix(p.X.n_rows, 0), y_for(*model, p)), fitkit::DataError);
    if (tags.requires_y) {
      // No target, or one of another length.
      CHECK_THROWS_AS(model->fit(p.X), fitkit::DataError);
      CHECK_THROWS_AS(model->fit(p.X, p.y.head(p.y.n_elem - 1)), fitkit::DimensionMismatch);
    }
    // Weights: refused by estimators that take none; checked by those that do.
    const Vector ones(p.X.n_rows, arma::fill::ones);
    if (!tags.sample_weight) {
      CHECK_THROWS_AS(model->fit(p.X, y_for(*model, p), ones), fitkit::InvalidParameter);
    } else {
      CHECK_THROWS_AS(model->fit(p.X, y_for(*model, p), ones.head(3)), fitkit::Error);
      Vector negative = ones;
      negative(0) = -1;
      CHECK_THROWS_AS(model->fit(p.X, y_for(*model, p), negative), fitkit::DataError);
    }
    // One sample: fitted, or refused with a DataError (a classifier sees one class).
    std::unique_ptr<Estimator> one = type.make();
    try {
      one->fit(p.X.rows(0, 0), tags.requires_y ? Vector(p.y.head(1)) : Vector());
      CHECK(one->is_fitted());
      // An encoder (handle_unknown error) refuses the other rows' values: it saw only one.
      const Matrix three = one->get_params().count("handle_unknown")
                               ? Matrix(arma::repmat(p.X.rows(0, 0), 3, 1))
                               : Matrix(p.X.rows(0, 2));
      for (const Matrix& out : outputs(*one, three)) CHECK(out.n_rows == 3);
    } catch (const fitkit::DataError&) {
      CHECK_FALSE(one->is_fitted());
    }
    // Constant and duplicated columns, duplicated rows: fitted without complaint.
    Matrix awkward = arma::join_rows(p.X, p.X.col(0), Matrix(p.X.n_rows, 1, arma::fill::value(3)));
    std::unique_ptr<Estimator> robust = type.make();
    CHECK_NOTHROW(robust->fit(arma::join_cols(awkward, awkward),
                              tags.requires_y ? Vector(arma::join_cols(p.y, p.y)) : Vector()));
    // A classifier with one class.
    if (tags.kind == EstimatorKind::classifier) {
      std::unique_ptr<Estimator> single = type.make();
      CHECK_THROWS_AS(single->fit(p.X, Vector(p.X.n_rows, arma::fill::value(2))),
                      fitkit::DataError);
    }
    // partial_fit exactly when tagged.
    if (!tags.partial_fit) CHECK_THROWS_AS(type.make()->partial_fit(p.X, p.y), fitkit::Error);
  });
}

TEST_CASE("checks: fit leaves X, y and the weights alone", "[estimator_checks]") {
  for_each_estimator([](const EstimatorType& type) {
    const Problem p = problem_for(*type.make());
    std::unique_ptr<Estimator> model = type.make();
    const Matrix X = p.X;
    const Vector y = y_for(*model, p);
    const Vector w = arma::linspace(0.5, 2.0, p.X.n_rows);
    const Matrix X_before = X;
    const Vector y_before = y, w_before = w;
    if (model->tags().sample_weight)
      model->fit(X, y, w);
    else
      model->fit(X, y);
    CHECK(arma::approx_equal(X, X_before, "absdiff", 0.0));
    CHECK(arma::approx_equal(y, y_before, "absdiff", 0.0));
    CHECK(arma::approx_equal(w, w_before, "absdiff", 0.0));
  });
}

TEST_CASE("checks: unit sample weights give the unweighted model", "[estimator_checks]") {
  for_each_estimator([](const EstimatorType& type) {
    if (!type.make()->tags().sample_weight) return;
    const Problem p = problem_for(*type.make());
    std::unique_ptr<Estimator> plain = type.make(), weighted = type.make();
    plain->fit(p.X, y_for(*plain, p));
    weighted->fit(p.X, y_for(*weighted, p), Vector(p.X.n_rows, arma::fill::ones));
    // Through BLAS in both, in possibly other orders: to rounding.
    CHECK(same_outputs(outputs(*plain, p.X), outputs(*weighted, p.X), 1e-9));
  });
}

TEST_CASE("checks: the same parameters and seed give the same model",
          "[estimator_checks][determinism]") {
  for_each_estimator([](const EstimatorType& type) {
    const Problem p = problem_for(*type.make());
    const std::unique_ptr<Estimator> one = fitted(type, p), two = fitted(type, p);
    // One process, one thread count, the same calls: the BLAS sums in the same order too.
    CHECK(same_outputs(outputs(*one, p.X), outputs(*two, p.X), 0.0));
  });
}

TEST_CASE("checks: save and load in both formats give identical outputs", "[estimator_checks]") {
  for_each_estimator([](const EstimatorType& type) {
    const Problem p = problem_for(*type.make());
    const std::unique_ptr<Estimator> model = fitted(type, p);
    model->set_feature_names({});
    ScratchDir dir;
    for (const std::string name : {"m.bin", "m.json"}) {
      fitkit::save(*model, dir.file(name));
      fitkit::ModelInfo info;
      const std::unique_ptr<Estimator> back = fitkit::load_any(dir.file(name), &info);
      CHECK(info.type == type.type_name);
      CHECK(back->type_name() == type.type_name);
      CHECK(back->get_params() == model->get_params());
      CHECK(back->n_features_in() == model->n_features_in());
      CHECK(same_outputs(outputs(*model, p.X), outputs(*back, p.X), 0.0));
      // Into an estimator of the type, too.
      std::unique_ptr<Estimator> typed = type.make();
      fitkit::load_into(*typed, dir.file(name));
      CHECK(same_outputs(outputs(*model, p.X), outputs(*typed, p.X), 0.0));
    }
  });
}

namespace {

// What the tags of a fitted estimator promise, checked: the shapes and sums of what it
// computes, that what it does not offer throws, and partial_fit where tagged.
void check_tags_honest(const Estimator& model, const Problem& p) {
  const Tags tags = model.tags();
  const Index n = p.X.n_rows;
  if (tags.predict_proba) {
    const Matrix proba = model.predict_proba(p.X);
    CHECK(proba.n_cols == model.class_labels().n_elem);
    CHECK(proba.min() >= 0.0);
    CHECK(proba.max() <= 1.0);
    CHECK(arma::approx_equal(Vector(arma::sum(proba, 1)), Vector(n, arma::fill::ones), "absdiff",
                             1e-12));
  } else {
    CHECK_THROWS_AS(model.predict_proba(p.X), fitkit::Error);
  }
  if (tags.decision_function) {
    const Matrix decision = model.decision_function(p.X);
    const Index k = model.class_labels().n_elem;
    CHECK(decision.n_rows == n);
    CHECK(decision.n_cols == (k == 2 || k == 0 ? 1 : k));
  } else {
    CHECK_THROWS_AS(model.decision_function(p.X), fitkit::Error);
  }
  if (tags.transform) {
    const Matrix Xt = model.transform(p.X);
    CHECK(Xt.n_cols == model.feature_names_out().size());
  } else {
    CHECK_THROWS_AS(model.transform(p.X), fitkit::Error);
  }
  fitkit::test::check_contributions_honest(model, p.X);
  if (tags.kind == EstimatorKind::classifier) {
    // predict answers with the classes it was fitted on, and agrees with its probabilities
    // when it has them.
    const Vector labels = model.predict(p.X);
    const fitkit::Labels classes = model.class_labels();
    for (const double label : labels)
      CHECK(arma::any(classes == static_cast<fitkit::Labels::elem_type>(label)));
    if (tags.predict_proba) {
      // The label predicted has the largest probability (one of them, where they tie).
      const Matrix proba = model.predict_proba(p.X);
      for (Index i = 0; i < n; ++i) {
        const auto k = static_cast<Index>(
            std::find(classes.begin(), classes.end(), static_cast<std::int64_t>(labels(i))) -
            classes.begin());
        CHECK(proba(i, k) == proba.row(i).max());
      }
    }
  }
  if (!tags.predict) CHECK_THROWS_AS(model.predict(p.X), fitkit::Error);
  if (!tags.score) CHECK_THROWS_AS(model.score(p.X, p.y), fitkit::Error);
  if (tags.partial_fit) {
    std::unique_ptr<Estimator> incremental = model.clone();
    const Vector classes =
        tags.kind == EstimatorKind::classifier ? Vector(arma::unique(p.y)) : Vector();
    incremental->partial_fit(p.X, y_for(*incremental, p), classes);
    incremental->partial_fit(p.X, y_for(*incremental, p));
    CHECK(incremental->is_fitted());
  }
}

}  // namespace

TEST_CASE("checks: every tag is honest", "[estimator_checks]") {
  for_each_estimator([](const EstimatorType& type) {
    const Problem p = problem_for(*type.make());
    check_tags_honest(*fitted(type, p), p);
  });
}

TEST_CASE("checks: tags stay honest whatever the choice parameters", "[estimator_checks]") {
  // Tags may depend on parameters (SGDClassifier's predict_proba on its loss): every choice of
  // every choice parameter, one at a time, where the estimator fits with it.
  for_each_estimator([](const EstimatorType& type) {
    const Problem p = problem_for(*type.make());
    for (const fitkit::ParamInfo& param : type.make()->param_info()) {
      if (param.type != "choice") continue;
      for (const std::string& choice : param.choices) {
        std::unique_ptr<Estimator> model = type.make();
        try {
          model->set_param(param.name, choice);
          model->fit(p.X, y_for(*model, p));
        } catch (const fitkit::Error&) {
          continue;  // a choice that needs other parameters too (eta0 for a constant rate)
        }
        INFO(param.name << " = " << choice);
        check_tags_honest(*model, p);
      }
    }
  });
}

TEST_CASE("checks: sample weights change the model", "[estimator_checks]") {
  // An estimator that takes weights and ignores them would pass the unit-weight check.
  for_each_estimator([](const EstimatorType& type) {
    if (!type.make()->tags().sample_weight) return;
    const Problem p = problem_for(*type.make());
    Vector w(p.X.n_rows, arma::fill::ones);
    // Every third row, so that no class's total weight swamps the others' (NuSVC's default
    // nu would become infeasible, as in scikit-learn).
    w.elem(arma::regspace<arma::uvec>(0, 3, p.X.n_rows - 1)).fill(10.0);
    std::unique_ptr<Estimator> plain = type.make(), weighted = type.make();
    plain->fit(p.X, y_for(*plain, p));
    weighted->fit(p.X, y_for(*weighted, p), w);
    // Also away from the training rows (points spread over their bounding box): a fully
    // grown tree reproduces its training rows whatever the weights, and differs elsewhere.
    arma::arma_rng::set_seed(7);
    Matrix elsewhere = arma::randu<Matrix>(2000, p.X.n_cols);
    for (Index j = 0; j < p.X.n_cols; ++j)
      elsewhere.col(j) =
          p.X.col(j).min() + elsewhere.col(j) * (p.X.col(j).max() - p.X.col(j).min());
    CHECK_FALSE((same_outputs(outputs(*plain, p.X), outputs(*weighted, p.X), 1e-6) &&
                 same_outputs(outputs(*plain, elsewhere), outputs(*weighted, elsewhere), 1e-6)));
  });
}

TEST_CASE("checks: out-of-range parameters are refused by name", "[estimator_checks]") {
  // Each constrained parameter refuses a value far below or far above any range.
  for_each_estimator([](const EstimatorType& type) {
    for (const fitkit::ParamInfo& param : type.make()->param_info()) {
      if (param.constraint.empty()) continue;
      const bool integer = param.type == "int" || param.type == "int or none";
      int refused = 0;
      for (const std::string value : integer ? std::vector<std::string>{"-2147483648", "2147483647"}
                                             : std::vector<std::string>{"-1e300", "1e300"}) {
        std::unique_ptr<Estimator> model = type.make();
        try {
          model->set_param(param.name, value);
        } catch (const fitkit::InvalidParameter& e) {
          CHECK(e.name() == param.name);
          ++refused;
        }
      }
      INFO(param.name << " (" << param.constraint << ")");
      CHECK(refused >= 1);
    }
  });
}

TEST_CASE("checks: more bad inputs: Inf in y, NaN weights, NaN at every method",
          "[estimator_checks]") {
  for_each_estimator([](const EstimatorType& type) {
    const Problem p = problem_for(*type.make());
    const Tags tags = type.make()->tags();
    if (tags.requires_y) {
      Vector y = p.y;
      y(1) = arma::datum::inf;
      CHECK_THROWS_AS(type.make()->fit(p.X, y), fitkit::DataError);
    }
    if (tags.sample_weight) {
      Vector w(p.X.n_rows, arma::fill::ones);
      w(4) = arma::datum::nan;
      CHECK_THROWS_AS(type.make()->fit(p.X, y_for(*type.make(), p), w), fitkit::DataError);
    }
    if (tags.allow_nan) return;
    const std::unique_ptr<Estimator> model = fitted(type, p);
    Matrix X = p.X;
    X(0, 0) = arma::datum::nan;
    if (tags.predict_proba) CHECK_THROWS_AS(model->predict_proba(X), fitkit::DataError);
    if (tags.decision_function) CHECK_THROWS_AS(model->decision_function(X), fitkit::DataError);
    if (tags.contributions) CHECK_THROWS_AS(model->contributions(X), fitkit::DataError);
    if (tags.score) CHECK_THROWS_AS(model->score(X, y_for(*model, p)), fitkit::DataError);
  });
}

TEST_CASE("checks: truncated, bit-flipped and foreign model files are refused",
          "[estimator_checks]") {
  for_each_estimator([](const EstimatorType& type) {
    const Problem p = problem_for(*type.make());
    const std::unique_ptr<Estimator> model = fitted(type, p);
    ScratchDir dir;
    for (const std::string name : {"m.bin", "m.json"}) {
      fitkit::save(*model, dir.file(name));
      const std::string bytes = fitkit::test::read_file(dir.file(name));
      for (const std::size_t keep :
           {std::size_t{0}, std::size_t{20}, bytes.size() / 2, bytes.size() - 3}) {
        const std::string cut = dir.write("cut-" + name, bytes.substr(0, keep));
        CHECK_THROWS_AS(fitkit::load_any(cut), fitkit::ModelFormatError);
      }
      for (const std::size_t at : {std::size_t{30}, bytes.size() / 2, bytes.size() - 5}) {
        std::string flipped = bytes;
        flipped[at] = static_cast<char>(flipped[at] ^ 0x10);
        std::unique_ptr<Estimator> target = type.make();
        CHECK_THROWS_AS(fitkit::load_into(*target, dir.write("flip-" + name, flipped)),
                        fitkit::ModelFormatError);
        CHECK_FALSE(target->is_fitted());
      }
      // Into an estimator of another type: refused, naming the type the file holds.
      for (const EstimatorType& other : fitkit::registered_estimators()) {
        if (other.type_name == type.type_name) continue;
        std::unique_ptr<Estimator> wrong = other.make();
        CHECK_THROWS_WITH(fitkit::load_into(*wrong, dir.file(name)),
                          Catch::Matchers::Contains("holds a " + type.type_name + " model"));
        break;
      }
    }
  });
}

TEST_CASE("checks: the model is the same at one thread and at two",
          "[estimator_checks][determinism]") {
  // Every kernel on its threads even at this size, as it would be on a large problem.
  struct EveryKernelThreaded {
    EveryKernelThreaded() { fitkit::detail::set_min_nanoseconds_per_thread(0); }
    ~EveryKernelThreaded() {
      fitkit::detail::set_min_nanoseconds_per_thread(
          fitkit::detail::kDefaultMinNanosecondsPerThread);
    }
  } threaded;
  for_each_estimator([](const EstimatorType& type) {
    const Problem p = problem_for(*type.make());
    const int threads = fitkit::get_num_threads();
    fitkit::set_num_threads(1);
    const std::unique_ptr<Estimator> one = fitted(type, p);
    const std::vector<Matrix> one_out = outputs(*one, p.X);
    fitkit::set_num_threads(2);
    const std::unique_ptr<Estimator> two = fitted(type, p);
    const std::vector<Matrix> two_out = outputs(*two, p.X);
    fitkit::set_num_threads(threads);
    // BLAS may sum in another order at another thread count: to rounding.
    CHECK(same_outputs(one_out, two_out, 1e-9));
  });
}
