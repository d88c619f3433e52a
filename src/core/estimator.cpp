#include "fitkit/core/estimator.hpp"

#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"

namespace fitkit {

void Estimator::set_feature_names(std::vector<std::string> names) {
  if (!names.empty() && is_fitted() && names.size() != n_features_in_)
    throw DimensionMismatch("got " + std::to_string(names.size()) + " feature names for " +
                            std::to_string(n_features_in_) + " features");
  feature_names_ = std::move(names);
}

namespace {

// A learner needs a target, and a regressor's must be numbers.
void check_target(const Estimator& model, const Dataset& data) {
  if (model.kind() != EstimatorKind::clusterer && model.kind() != EstimatorKind::transformer &&
      !data.has_target())
    throw DataError(data.source.empty() ? "data" : data.source, 0, 0,
                    model.type_name() + " needs a target column");
  if (model.kind() == EstimatorKind::regressor && !data.class_names.empty())
    throw DataError(data.source, 0, 0,
                    "the target column '" + data.target_name + "' holds text (e.g. '" +
                        data.class_names.front() + "'), but " + model.type_name() +
                        " needs numbers");
}

}  // namespace

void Estimator::fit_dataset(const Dataset& data) {
  check_target(*this, data);
  fit_values(data.X, data.y);
  set_feature_names(data.feature_names);
  set_target_name(data.target_name);
  set_class_names(data.class_names);
}

void Estimator::partial_fit_dataset(const Dataset& data, const Vector& classes) {
  if (!supports_partial_fit()) throw Error(type_name() + " has no partial_fit");
  check_target(*this, data);
  const bool first = !is_fitted();
  partial_fit_values(data.X, data.y, classes);
  if (!first) return;
  set_feature_names(data.feature_names);
  set_target_name(data.target_name);
  set_class_names(data.class_names);
}

void Estimator::partial_fit_values(const Matrix&, const Vector&, const Vector&) {
  throw Error(type_name() + " has no partial_fit");
}

Matrix Estimator::predict_proba_values(const Matrix&) const {
  throw Error(type_name() + " has no predict_proba");
}

Matrix Estimator::transform_values(const Matrix&) const {
  throw Error(type_name() + " has no transform");
}

std::vector<std::string> Estimator::feature_names_out() const {
  throw Error(type_name() + " has no transform");
}

void Estimator::check_predict_input(const Matrix& X) const {
  if (!is_fitted()) throw NotFitted(type_name());
  if (X.n_cols != n_features_in_)
    throw DimensionMismatch("X has " + std::to_string(X.n_cols) + " features, but " + type_name() +
                            " was fitted with " + std::to_string(n_features_in_));
  check_finite(X, "X");
}

}  // namespace fitkit
