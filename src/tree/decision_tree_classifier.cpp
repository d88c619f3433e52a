#include "fitkit/tree/decision_tree_classifier.hpp"

#include "core/payload.hpp"
#include "tree/tree_archive.hpp"

#include <algorithm>
#include <ostream>

#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/tree/tree_shap.hpp"
#include "tree/decision_tree_common.hpp"

namespace fitkit {

DecisionTreeClassifier& DecisionTreeClassifier::fit(const Matrix& X, const Labels& y) {
  return fit_weighted(X, y, nullptr);
}

DecisionTreeClassifier& DecisionTreeClassifier::fit(const Matrix& X, const Labels& y,
                                                    const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight);
}

DecisionTreeClassifier& DecisionTreeClassifier::fit_weighted(const Matrix& X, const Labels& y,
                                                             const Vector* sample_weight) {
  validate_params(params_);
  const std::string name = type_name();
  check_fit_input(X, arma::conv_to<Vector>::from(y), name, 1, MissingValues::allowed);
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);
  detail::ClassTarget target = detail::class_target(y, sample_weight, params_.class_weight, name);
  const double total_weight =
      target.weights.is_empty() ? static_cast<double>(X.n_rows) : arma::accu(target.weights);
  const detail::CartOptions options = detail::cart_options(
      params_, detail::classification_criterion(params_.criterion), X.n_cols, total_weight);
  detail::FittedTree fitted = detail::fit_cart(
      X, target.y, target.classes.n_elem, target.weights, options, params_.seed, params_.ccp_alpha,
      detail::categorical_mask(params_.categorical_features, X, feature_names()));

  reset_fitted();
  classes_ = std::move(target.classes);
  fitted_ = std::move(fitted);
  set_n_features_in(X.n_cols);
  return *this;
}

Tags DecisionTreeClassifier::tags() const {
  Tags t = detail::tree_learner_tags(Classifier::tags());
  t.predict_proba = true;
  return t;
}

Matrix DecisionTreeClassifier::predict_proba(const Matrix& X) const {
  check_predict_input(X);
  return fitted_.tree.value.rows(detail::leaves_of(fitted_, X));
}

Labels DecisionTreeClassifier::predict(const Matrix& X) const {
  check_predict_input(X);
  const Tree& t = fitted_.tree;
  // Each leaf's class once: the first of the largest fraction, as numpy's argmax.
  arma::uvec leaf_class(t.node_count(), arma::fill::zeros);
  for (Index node = 0; node < t.node_count(); ++node)
    if (t.is_leaf(node)) leaf_class(node) = t.value.row(node).index_max();
  return labels_of(leaf_class.elem(detail::leaves_of(fitted_, X)));
}

const Tree& DecisionTreeClassifier::tree() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return fitted_.tree;
}

const Vector& DecisionTreeClassifier::feature_importances() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return fitted_.feature_importances;
}

Index DecisionTreeClassifier::get_depth() const {
  return tree().max_depth();
}

Index DecisionTreeClassifier::get_n_leaves() const {
  return tree().n_leaves();
}

Matrix DecisionTreeClassifier::contributions(const Matrix& X) const {
  check_predict_input(X);
  return tree_contributions({&fitted_.tree}, {1.0}, detail::as_float32_values(X));
}

arma::uvec DecisionTreeClassifier::apply(const Matrix& X) const {
  check_predict_input(X);
  return detail::leaves_of(fitted_, X);
}

arma::umat DecisionTreeClassifier::decision_path(const Matrix& X) const {
  check_predict_input(X);
  return fitted_.tree.decision_path(detail::as_float32_values(X));
}

void DecisionTreeClassifier::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  describe_classes(out);
  detail::describe_tree(out, fitted_, feature_names());
}

template <class Archive>
void DecisionTreeClassifier::serialize(Archive& ar, std::uint32_t /*version*/) {
  ar(cereal::make_nvp("tree", fitted_.tree));
  if constexpr (Archive::is_loading::value)
    detail::check_loaded_tree(fitted_, n_features_in(), classes_.n_elem);
}

FITKIT_DEFINE_PAYLOAD(DecisionTreeClassifier)

}  // namespace fitkit
