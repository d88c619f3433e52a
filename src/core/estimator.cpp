#include "fitkit/core/estimator.hpp"

#include <algorithm>

#include "core/envelope.hpp"
#include "core/payload.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"

namespace fitkit {

const char* kind_name(EstimatorKind kind) {
  switch (kind) {
    case EstimatorKind::regressor:
      return "regressor";
    case EstimatorKind::classifier:
      return "classifier";
    case EstimatorKind::clusterer:
      return "clusterer";
    case EstimatorKind::transformer:
      return "transformer";
    case EstimatorKind::outlier_detector:
      return "outlier detector";
  }
  return "estimator";
}

void Estimator::set_params(const ParamMap& values) {
  for (const auto& [name, value] : values) set_param(name, value);
}

void Estimator::set_feature_names(std::vector<std::string> names) {
  if (!names.empty() && is_fitted() && names.size() != n_features_in_)
    throw DimensionMismatch("got " + std::to_string(names.size()) + " feature names for " +
                            std::to_string(n_features_in_) + " features");
  feature_names_ = std::move(names);
}

void Estimator::refuse(std::string_view what) const {
  if (kind() == EstimatorKind::transformer && (what == "predict" || what == "score"))
    throw Error(type_name() + " is a transformer: use transform");
  throw Error(type_name() + " has no " + std::string(what));
}

namespace {

// What fit and partial_fit check against the tags before the estimator sees the data.
void check_fit_call(const Estimator& model, const Tags& tags, const Matrix& X, const Vector& y,
                    const Vector& sample_weight) {
  // Without rows, the estimator's own check says so better than a missing target would.
  if (tags.requires_y && y.is_empty() && X.n_rows > 0)
    throw DataError(model.type_name() + " needs a target (y)");
  if (!sample_weight.is_empty() && !tags.sample_weight)
    throw InvalidParameter("sample_weight", model.type_name() + " does not take sample weights");
}

// A learner needs a target, and a regressor's must be numbers.
void check_target(const Estimator& model, const Dataset& data) {
  const Tags tags = model.tags();
  if (tags.requires_y && !data.has_target())
    throw DataError(data.source.empty() ? "data" : data.source, 0, 0,
                    model.type_name() + " needs a target column");
  if (tags.kind == EstimatorKind::regressor && !data.class_names.empty())
    throw DataError(data.source, 0, 0,
                    "the target column '" + data.target_name + "' holds text (e.g. '" +
                        data.class_names.front() + "'), but " + model.type_name() +
                        " needs numbers");
  if (!data.sample_weight.is_empty() && !tags.sample_weight)
    throw DataError(data.source, 0, 0, model.type_name() + " does not take sample weights");
}

// A data set's text columns become categorical features of an estimator that splits on
// categories (added to its categorical_features, by position); any other refuses them.
void use_categorical_columns(Estimator& model, const Dataset& data) {
  std::vector<Index> columns;
  for (Index j = 0; j < data.n_features(); ++j)
    if (data.is_categorical(j)) columns.push_back(j);
  if (columns.empty()) return;
  if (!model.tags().categorical) {
    const Index j = columns.front();
    throw DataError(
        data.source, 0, 0,
        "column '" + (j < data.feature_names.size() ? data.feature_names[j] : std::to_string(j)) +
            "' holds text, but " + model.type_name() +
            " needs numbers (tree models take text columns as categories)");
  }
  const std::string param = model.categorical_features_param();
  if (param.empty()) return;  // it hands each column on to a part that takes or refuses it
  std::string listed = model.get_params().at(param);
  if (detail::is_none(listed)) listed.clear();
  std::vector<std::string> known;
  for (const std::string_view item : detail::split_list(listed)) known.emplace_back(item);
  for (const Index j : columns)
    if (std::find(known.begin(), known.end(), std::to_string(j)) == known.end())
      listed += (listed.empty() ? "" : ",") + std::to_string(j);
  model.set_param(param, listed);
}

}  // namespace

Estimator& Estimator::fit(const Matrix& X, const Vector& y, const Vector& sample_weight) {
  check_fit_call(*this, tags(), X, y, sample_weight);
  fit_values(X, y, sample_weight);
  return *this;
}

Estimator& Estimator::fit_dataset(const Dataset& data) {
  check_target(*this, data);
  use_categorical_columns(*this, data);
  // The estimator knows the data set's feature names while it fits, so that a parameter may
  // name features (categorical_features by name). A fitted one of another width keeps its own
  // until the fit commits (set_feature_names refuses a width other than the fitted one).
  if (!is_fitted() || data.feature_names.size() == n_features_in()) {
    set_feature_names(data.feature_names);
    feature_categories_ = data.feature_categories;  // and the texts of its categories
  }
  fit(data.X, data.y, data.sample_weight);
  keep_names(data);
  return *this;
}

Estimator& Estimator::partial_fit(const Matrix& X, const Vector& y, const Vector& classes,
                                  const Vector& sample_weight) {
  const Tags t = tags();
  if (!t.partial_fit) refuse("partial_fit");
  check_fit_call(*this, t, X, y, sample_weight);
  partial_fit_values(X, y, classes, sample_weight);
  return *this;
}

Estimator& Estimator::partial_fit_dataset(const Dataset& data, const Vector& classes) {
  if (!tags().partial_fit) refuse("partial_fit");
  check_target(*this, data);
  const bool first = !is_fitted();
  partial_fit(data.X, data.y, classes, data.sample_weight);
  if (first) keep_names(data);
  return *this;
}

void Estimator::keep_names(const Dataset& data) {
  set_feature_names(data.feature_names);
  set_target_name(data.target_name);
  // A clusterer or an outlier detector ignores the target's labels, so they name nothing it
  // outputs.
  if (kind() != EstimatorKind::clusterer && kind() != EstimatorKind::outlier_detector)
    set_class_names(data.class_names);
  set_libsvm_zero_based(data.libsvm_zero_based);
  if (std::any_of(data.feature_categories.begin(), data.feature_categories.end(),
                  [](const auto& categories) { return !categories.empty(); }))
    feature_categories_ = data.feature_categories;
}

Vector Estimator::predict(const Matrix& X) const {
  const Tags t = tags();
  if (!t.predict) {
    if (t.transductive)
      throw Error(type_name() + " labels only the rows it was fitted on: use fit_predict");
    refuse("predict");
  }
  return predict_values(X);
}

Matrix Estimator::predict_proba(const Matrix&) const {
  refuse("predict_proba");
}

Matrix Estimator::decision_function(const Matrix&) const {
  refuse("decision_function");
}

Matrix Estimator::transform(const Matrix&) const {
  refuse("transform");
}

Matrix Estimator::contributions(const Matrix&) const {
  refuse("contributions");
}

Vector Estimator::fit_predict(const Matrix& X, const Vector& y, const Vector& sample_weight) {
  const Tags t = tags();
  if (!t.predict && !t.transductive)
    refuse(t.kind == EstimatorKind::transformer ? "predict" : "fit_predict");
  check_fit_call(*this, t, X, y, sample_weight);
  return fit_predict_values(X, y, sample_weight);
}

Vector Estimator::fit_predict_dataset(const Dataset& data) {
  check_target(*this, data);
  use_categorical_columns(*this, data);
  Vector labels = fit_predict(data.X, data.y, data.sample_weight);
  keep_names(data);
  return labels;
}

Matrix Estimator::fit_transform(const Matrix& X, const Vector& y, const Vector& sample_weight) {
  const Tags t = tags();
  if (!t.transform) refuse("transform");
  check_fit_call(*this, t, X, y, sample_weight);
  return fit_transform_values(X, y, sample_weight);
}

Matrix Estimator::fit_transform_values(const Matrix& X, const Vector& y,
                                       const Vector& sample_weight) {
  fit_values(X, y, sample_weight);
  return transform(X);
}

double Estimator::score(const Matrix& X, const Vector& y, const Vector& sample_weight) const {
  const Tags t = tags();
  if (!t.score) refuse("score");
  if (t.requires_y && y.is_empty()) throw DataError(type_name() + ": score needs a target (y)");
  return score_values(X, y, sample_weight);
}

std::vector<std::string> Estimator::feature_names_out() const {
  refuse("transform");
}

void Estimator::partial_fit_values(const Matrix&, const Vector&, const Vector&, const Vector&) {
  refuse("partial_fit");
}

Vector Estimator::predict_values(const Matrix&) const {
  refuse("predict");
}

Vector Estimator::fit_predict_values(const Matrix& X, const Vector& y,
                                     const Vector& sample_weight) {
  fit_values(X, y, sample_weight);
  return predict(X);
}

double Estimator::score_values(const Matrix&, const Vector&, const Vector&) const {
  refuse("score");
}

void Estimator::check_predict_input(const Matrix& X) const {
  if (!is_fitted()) throw NotFitted(type_name());
  if (X.n_cols != n_features_in_)
    throw DimensionMismatch("X has " + std::to_string(X.n_cols) + " features, but " + type_name() +
                            " was fitted with " + std::to_string(n_features_in_));
  if (tags().allow_nan)
    check_no_infinity(X, "X");
  else
    check_finite(X, "X");
}

// ---- model files ---------------------------------------------------------------------------

void Estimator::write_state(detail::PayloadWriter& writer) const {
  if (!is_fitted()) throw NotFitted(type_name());
  write_base_state(writer);
  write_payload(writer);
}

void Estimator::read_state(detail::PayloadReader& reader, const detail::Envelope& envelope,
                           const std::function<void()>& verify) {
  const ParamMap params_before = get_params();
  try {
    detail::check_envelope_for(envelope, *this);
    // A parameter the file does not give (added after it was written) takes its default.
    reset_params();
    try {
      set_params(envelope.params);
    } catch (const InvalidParameter& err) {
      throw detail::FormatProblem(err.what());
    }
    n_features_in_ = static_cast<Index>(envelope.n_features_in);
    feature_names_ = envelope.feature_names;
    target_name_ = envelope.target_name;
    class_names_ = envelope.class_names;
    feature_categories_ = envelope.feature_categories;
    libsvm_zero_based_.reset();
    if (envelope.libsvm_index_base >= 0) libsvm_zero_based_ = envelope.libsvm_index_base == 0;
    read_base_state(reader, envelope.class_version);
    read_payload(reader, envelope.class_version);
    if (verify) verify();
  } catch (...) {
    // A load that failed part-way leaves the estimator unfitted, never half-loaded.
    reset_fitted();
    // The values read back, as get_params wrote them (one set out of range directly is kept
    // at its default here, and would be refused by the next fit anyway).
    for (const auto& [name, value] : params_before) {
      try {
        set_param(name, value);
      } catch (const InvalidParameter&) {
      }
    }
    throw;
  }
}

void Estimator::write_base_state(detail::PayloadWriter&) const {}

void Estimator::read_base_state(detail::PayloadReader&, std::uint32_t) {}

}  // namespace fitkit
