#include "fitkit/pipeline/pipeline.hpp"

#include <algorithm>
#include <ostream>

#include "core/format_problem.hpp"
#include "core/payload.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/pipeline/column_transformer.hpp"

namespace fitkit {

namespace {

// What becomes of NaN taken through the steps in turn: refused by one, filled by one (the steps
// after it never see NaN), or passed through them all.
enum class MissingValuesPath { refused, filled, passed };

MissingValuesPath missing_values_path(const Pipeline& pipeline) {
  for (const NamedEstimator& step : pipeline.steps()) {
    if (!step.estimator->tags().allow_nan) return MissingValuesPath::refused;
    if (fills_missing_values(*step.estimator)) return MissingValuesPath::filled;
  }
  return MissingValuesPath::passed;
}

}  // namespace

bool fills_missing_values(const Estimator& model) {
  // An imputer fills NaN; a one-hot encoder gives NaN a column of its own.
  if (model.type_name() == "SimpleImputer" || model.type_name() == "OneHotEncoder") return true;
  if (const auto* pipeline = dynamic_cast<const Pipeline*>(&model))
    return missing_values_path(*pipeline) == MissingValuesPath::filled;
  if (const auto* columns = dynamic_cast<const ColumnTransformer*>(&model))
    return columns->remainder() == Remainder::drop &&
           std::all_of(
               columns->transformers().begin(), columns->transformers().end(),
               [](const NamedEstimator& part) { return fills_missing_values(*part.estimator); });
  return false;
}

bool allows_missing_values(const Pipeline& pipeline) {
  return missing_values_path(pipeline) != MissingValuesPath::refused;
}

Pipeline::Pipeline(std::vector<NamedEstimator> steps) {
  for (NamedEstimator& step : steps) add(std::move(step.name), std::move(step.estimator));
}

Pipeline& Pipeline::add(std::string name, std::unique_ptr<Estimator> estimator) {
  steps_.add(std::move(name), std::move(estimator));
  reset_fitted();
  return *this;
}

const Estimator& Pipeline::step(const std::string& name) const {
  const Estimator* found = steps_.find(name);
  if (found == nullptr)
    throw InvalidParameter(
        "steps", "no step is named '" + name + "' (the steps are " + steps_.list_text() + ")");
  return *found;
}

const Estimator& Pipeline::final_estimator() const {
  if (steps_.empty()) throw InvalidParameter("steps", "the pipeline has no steps");
  return *steps_.items().back().estimator;
}

void Pipeline::check_steps(const NamedEstimators& steps) {
  if (steps.empty()) throw InvalidParameter("steps", "a pipeline needs at least one step");
  for (std::size_t k = 0; k + 1 < steps.size(); ++k) {
    const NamedEstimator& step = steps.items()[k];
    if (!step.estimator->tags().transform)
      throw InvalidParameter("steps", "step '" + step.name + "' (" + step.estimator->type_name() +
                                          ") does not transform: only the last step may be a " +
                                          kind_name(step.estimator->kind()));
  }
}

Tags Pipeline::tags() const {
  if (steps_.empty()) return Tags{EstimatorKind::transformer};
  Tags t = final_estimator().tags();
  t.allow_nan = allows_missing_values(*this);
  // Only the first step sees the data as given.
  t.categorical = steps_.items().front().estimator->tags().categorical;
  t.partial_fit = false;
  t.contributions = false;
  return t;
}

std::unique_ptr<Estimator> Pipeline::clone() const {
  return std::make_unique<Pipeline>(steps_.clones());
}

std::vector<ParamInfo> Pipeline::param_info() const {
  return steps_.param_info();
}

ParamMap Pipeline::get_params() const {
  return steps_.get_params();
}

void Pipeline::set_param(std::string_view name, std::string_view value) {
  steps_.set_param(name, value);
}

void Pipeline::set_params(const ParamMap& values) {
  steps_.set_params(values);
}

void Pipeline::reset_params() {
  steps_.reset_params();
}

std::string Pipeline::categorical_features_param() const {
  if (steps_.empty()) return Estimator::categorical_features_param();
  const NamedEstimator& first = steps_.items().front();
  const std::string param = first.estimator->categorical_features_param();
  return param.empty() ? param : first.name + "__" + param;
}

Matrix Pipeline::fit_transformers(const Matrix& X, const Vector& y,
                                  std::vector<std::string>& names) {
  Matrix Xt = X;
  for (std::size_t k = 0; k + 1 < steps_.size(); ++k) {
    Estimator& step = *steps_.items()[k].estimator;
    if (names.empty()) {
      Xt = step.fit_transform(Xt, y);
      continue;
    }
    // Fitted knowing its columns' names (a column transformer's columns by name) and, for the
    // first, the texts of their categories.
    Dataset named;
    named.X = std::move(Xt);
    named.feature_names = std::move(names);
    if (k == 0) named.feature_categories = feature_categories();
    step.fit_dataset(named);
    Xt = step.transform(named.X);
    names = step.feature_names_out();
  }
  return Xt;
}

template <class Fit>
auto Pipeline::fit_steps(const Matrix& X, const Vector& y, Fit&& fit_last) {
  check_steps(steps_);
  std::vector<std::string> names = feature_names();  // given by fit_dataset, else none
  const Matrix Xt = fit_transformers(X, y, names);
  Estimator& last = *steps_.items().back().estimator;
  auto result = fit_last(last, Xt);
  if (!names.empty()) last.set_feature_names(names);
  reset_fitted();
  set_n_features_in(X.n_cols);
  return result;
}

void Pipeline::fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) {
  fit_steps(X, y, [&](Estimator& last, const Matrix& Xt) {
    last.fit(Xt, y, sample_weight);
    return true;
  });
}

Vector Pipeline::fit_predict_values(const Matrix& X, const Vector& y, const Vector& sample_weight) {
  return fit_steps(X, y, [&](Estimator& last, const Matrix& Xt) {
    return last.fit_predict(Xt, y, sample_weight);
  });
}

Matrix Pipeline::through_transformers(const Matrix& X) const {
  check_predict_input(X);
  if (steps_.size() == 1) return X;
  // The first step reads X itself: no copy of it.
  Matrix Xt = steps_.items().front().estimator->transform(X);
  for (std::size_t k = 1; k + 1 < steps_.size(); ++k)
    Xt = steps_.items()[k].estimator->transform(Xt);
  return Xt;
}

Vector Pipeline::predict_values(const Matrix& X) const {
  return final_estimator().predict(through_transformers(X));
}

Matrix Pipeline::predict_proba(const Matrix& X) const {
  if (!tags().predict_proba) refuse("predict_proba");
  return final_estimator().predict_proba(through_transformers(X));
}

Matrix Pipeline::decision_function(const Matrix& X) const {
  if (!tags().decision_function) refuse("decision_function");
  return final_estimator().decision_function(through_transformers(X));
}

Matrix Pipeline::transform(const Matrix& X) const {
  if (!tags().transform) refuse("transform");
  return final_estimator().transform(through_transformers(X));
}

double Pipeline::score_values(const Matrix& X, const Vector& y, const Vector& sample_weight) const {
  return final_estimator().score(through_transformers(X), y, sample_weight);
}

std::string Pipeline::score_name() const {
  return steps_.empty() ? Estimator::score_name() : final_estimator().score_name();
}

Labels Pipeline::class_labels() const {
  return steps_.empty() ? Labels() : final_estimator().class_labels();
}

std::vector<std::string> Pipeline::feature_names_out() const {
  if (!tags().transform) refuse("transform");
  if (!is_fitted()) throw NotFitted(type_name());
  return final_estimator().feature_names_out();
}

void Pipeline::describe_fitted(std::ostream& out) const {
  for (const NamedEstimator& step : steps_.items()) {
    out << "step " << step.name << ": " << step.estimator->type_name() << "\n";
    describe_indented(out, *step.estimator);
  }
}

template <class Archive>
void Pipeline::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::vector<std::string> names;
  for (const NamedEstimator& step : steps_.items()) names.push_back(step.name);
  ar(cereal::make_nvp("names", names));
  if constexpr (Archive::is_loading::value) {
    NamedEstimators read(steps_.list_param());
    for (std::size_t k = 0; k < names.size(); ++k) {
      std::unique_ptr<Estimator> estimator;
      const std::string key = "step" + std::to_string(k);
      ar(cereal::make_nvp(key.c_str(), detail::nested(estimator)));
      try {
        read.add(names[k], std::move(estimator));
      } catch (const InvalidParameter& e) {
        throw detail::FormatProblem(e.what());
      }
    }
    try {
      check_steps(read);
    } catch (const InvalidParameter& e) {
      throw detail::FormatProblem(e.what());
    }
    // Each step takes what the one before gives.
    Index width = n_features_in();
    for (const NamedEstimator& step : read.items()) {
      if (step.estimator->n_features_in() != width)
        throw detail::FormatProblem("step '" + step.name + "' takes " +
                                    std::to_string(step.estimator->n_features_in()) +
                                    " features, but is given " + std::to_string(width));
      if (step.estimator->tags().transform) width = step.estimator->feature_names_out().size();
    }
    steps_ = std::move(read);
  } else {
    for (std::size_t k = 0; k < steps_.size(); ++k) {
      const std::string key = "step" + std::to_string(k);
      ar(cereal::make_nvp(key.c_str(), detail::nested(steps_.items()[k].estimator)));
    }
  }
}

FITKIT_DEFINE_PAYLOAD(Pipeline)

}  // namespace fitkit
