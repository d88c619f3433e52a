#include "fitkit/ensemble/hist_gradient_boosting_classifier.hpp"

#include "ensemble/hgb_ensemble.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>

#include "fitkit/core/error.hpp"

namespace fitkit {

HistGradientBoostingClassifier& HistGradientBoostingClassifier::fit(const Matrix& X,
                                                                    const Labels& y) {
  return fit_weighted(X, y, nullptr);
}

HistGradientBoostingClassifier& HistGradientBoostingClassifier::fit(const Matrix& X,
                                                                    const Labels& y,
                                                                    const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight);
}

HistGradientBoostingClassifier& HistGradientBoostingClassifier::fit_weighted(
    const Matrix& X, const Labels& y, const Vector* sample_weight) {
  validate_params(params_);
  const std::string name = type_name();
  const Vector y_values = arma::conv_to<Vector>::from(y);
  detail::hgb::check_fit_input(X, y_values, sample_weight, name);
  // Classifier::index_classes would refuse NaN in X, which is data here.
  ClassIndex ci{arma::unique(y), arma::uvec(y.n_elem)};
  if (ci.classes.n_elem < 2)
    throw DataError(name + " needs at least two classes, but the target has only one (" +
                    std::to_string(ci.classes(0)) + ")");
  for (Index i = 0; i < y.n_elem; ++i)
    ci.index(i) = static_cast<arma::uword>(
        std::lower_bound(ci.classes.begin(), ci.classes.end(), y(i)) - ci.classes.begin());
  const Index n_classes = ci.classes.n_elem;
  detail::hgb::BoostingSettings settings =
      detail::hgb::settings_from(params_, name, X, feature_names());
  settings.loss.kind =
      n_classes == 2 ? detail::hgb::LossKind::binomial : detail::hgb::LossKind::multinomial;
  settings.loss.n_classes = n_classes;
  if (!settings.monotonic_cst.empty() && n_classes > 2)
    throw InvalidParameter("monotonic_cst",
                           "monotonic constraints are not supported for multiclass "
                           "classification");
  // class_weight multiplies the sample weights (scikit-learn's _finalize_sample_weight).
  Vector weights;
  if (sample_weight != nullptr) weights = *sample_weight;
  if (!params_.class_weight.is_none()) {
    const Vector per_class = params_.class_weight.per_class(ci.classes, ci.index);
    const Vector expanded = per_class.elem(ci.index);
    weights = weights.is_empty() ? expanded : Vector(weights % expanded);
  }
  const Vector target = arma::conv_to<Vector>::from(ci.index);
  detail::HgbEnsemble model =
      detail::hgb::boost(X, target, weights.is_empty() ? nullptr : &weights, settings);
  reset_fitted();
  classes_ = std::move(ci.classes);
  model_ = std::move(model);
  set_n_features_in(X.n_cols);
  return *this;
}

Matrix HistGradientBoostingClassifier::decision_function(const Matrix& X) const {
  check_predict_input(X);
  return model_.raw_predict(X);
}

Matrix HistGradientBoostingClassifier::predict_proba(const Matrix& X) const {
  const Matrix raw = decision_function(X);
  if (raw.n_cols == 1) {
    Matrix proba(raw.n_rows, 2);
    proba.col(1) = 1.0 / (1.0 + arma::exp(-raw.col(0)));
    proba.col(0) = 1.0 - proba.col(1);
    return proba;
  }
  Matrix proba = raw.each_col() - arma::max(raw, 1);
  proba = arma::exp(proba);
  proba.each_col() /= arma::sum(proba, 1);
  return proba;
}

Labels HistGradientBoostingClassifier::predict(const Matrix& X) const {
  const Matrix raw = decision_function(X);
  arma::uvec index(raw.n_rows);
  if (raw.n_cols == 1) {
    for (Index i = 0; i < raw.n_rows; ++i) index(i) = raw(i, 0) > 0 ? 1 : 0;
  } else {
    index = arma::index_max(raw, 1);
  }
  return labels_of(index);
}

Matrix HistGradientBoostingClassifier::contributions(const Matrix& X) const {
  check_predict_input(X);
  return model_.contributions(X);
}

Tags HistGradientBoostingClassifier::tags() const {
  Tags t = Classifier::tags();
  t.categorical = true;
  t.contributions = true;
  t.sample_weight = true;
  t.allow_nan = true;
  t.predict_proba = true;
  t.decision_function = true;
  return t;
}

Index HistGradientBoostingClassifier::n_iter() const {
  return detail::hgb::fitted(*this, model_).n_iter;
}
const std::vector<Tree>& HistGradientBoostingClassifier::trees() const {
  return detail::hgb::fitted(*this, model_).trees;
}
Index HistGradientBoostingClassifier::n_trees_per_iteration() const {
  return detail::hgb::fitted(*this, model_).n_trees_per_iteration;
}
const Vector& HistGradientBoostingClassifier::baseline_prediction() const {
  return detail::hgb::fitted(*this, model_).baseline;
}
bool HistGradientBoostingClassifier::do_early_stopping() const {
  return detail::hgb::fitted(*this, model_).do_early_stopping;
}
const std::vector<double>& HistGradientBoostingClassifier::train_score() const {
  return detail::hgb::fitted(*this, model_).train_score;
}
const std::vector<double>& HistGradientBoostingClassifier::validation_score() const {
  return detail::hgb::fitted(*this, model_).validation_score;
}
const std::vector<std::uint8_t>& HistGradientBoostingClassifier::is_categorical() const {
  return detail::hgb::fitted(*this, model_).is_categorical;
}

void HistGradientBoostingClassifier::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  describe_classes(out);
  out << "loss log_loss (" << (model_.n_trees_per_iteration == 1 ? "binomial" : "multinomial")
      << ")\n";
  detail::hgb::describe_ensemble(out, model_, feature_names());
}

template <class Archive>
void HistGradientBoostingClassifier::serialize(Archive& ar, std::uint32_t /*version*/) {
  const Index k = classes_.n_elem;  // read and checked by Classifier
  detail::hgb::serialize_ensemble(ar, model_, n_features_in(), k == 2 ? 1 : k);
}

FITKIT_DEFINE_PAYLOAD(HistGradientBoostingClassifier)

}  // namespace fitkit
