#include "fitkit/tree/decision_tree_regressor.hpp"

#include "core/payload.hpp"
#include "tree/tree_archive.hpp"

#include <ostream>

#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/tree/tree_shap.hpp"
#include "tree/decision_tree_common.hpp"

namespace fitkit {

DecisionTreeRegressor& DecisionTreeRegressor::fit(const Matrix& X, const Vector& y) {
  return fit_weighted(X, y, nullptr);
}

DecisionTreeRegressor& DecisionTreeRegressor::fit(const Matrix& X, const Vector& y,
                                                  const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight);
}

DecisionTreeRegressor& DecisionTreeRegressor::fit_weighted(const Matrix& X, const Vector& y,
                                                           const Vector* sample_weight) {
  validate_params(params_);
  const std::string name = type_name();
  check_fit_input(X, y, name, 1, MissingValues::allowed);
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);
  detail::check_regression_target(params_.criterion, X, y, name);
  const Vector weights = sample_weight != nullptr ? *sample_weight : Vector();
  const double total_weight =
      weights.is_empty() ? static_cast<double>(X.n_rows) : arma::accu(weights);
  const detail::CartOptions options = detail::cart_options(
      params_, detail::regression_criterion(params_.criterion), X.n_cols, total_weight);
  detail::FittedTree fitted =
      detail::fit_cart(X, y, 0, weights, options, params_.seed, params_.ccp_alpha,
                       detail::categorical_mask(params_.categorical_features, X, feature_names()));

  reset_fitted();
  fitted_ = std::move(fitted);
  set_n_features_in(X.n_cols);
  return *this;
}

Tags DecisionTreeRegressor::tags() const {
  return detail::tree_learner_tags(Regressor::tags());
}

Vector DecisionTreeRegressor::predict(const Matrix& X) const {
  check_predict_input(X);
  const Vector values = fitted_.tree.value.col(0);
  return values.elem(detail::leaves_of(fitted_, X));
}

const Tree& DecisionTreeRegressor::tree() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return fitted_.tree;
}

const Vector& DecisionTreeRegressor::feature_importances() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return fitted_.feature_importances;
}

Index DecisionTreeRegressor::get_depth() const {
  return tree().max_depth();
}

Index DecisionTreeRegressor::get_n_leaves() const {
  return tree().n_leaves();
}

Matrix DecisionTreeRegressor::contributions(const Matrix& X) const {
  check_predict_input(X);
  return tree_contributions({&fitted_.tree}, {1.0}, detail::as_float32_values(X));
}

arma::uvec DecisionTreeRegressor::apply(const Matrix& X) const {
  check_predict_input(X);
  return detail::leaves_of(fitted_, X);
}

arma::umat DecisionTreeRegressor::decision_path(const Matrix& X) const {
  check_predict_input(X);
  return fitted_.tree.decision_path(detail::as_float32_values(X));
}

void DecisionTreeRegressor::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  detail::describe_tree(out, fitted_, feature_names());
}

template <class Archive>
void DecisionTreeRegressor::serialize(Archive& ar, std::uint32_t /*version*/) {
  ar(cereal::make_nvp("tree", fitted_.tree));
  if constexpr (Archive::is_loading::value) detail::check_loaded_tree(fitted_, n_features_in(), 1);
}

FITKIT_DEFINE_PAYLOAD(DecisionTreeRegressor)

}  // namespace fitkit
