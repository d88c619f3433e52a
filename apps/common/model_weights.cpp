#include "common/model_weights.hpp"

#include "fitkit/ensemble/extra_trees_classifier.hpp"
#include "fitkit/ensemble/extra_trees_regressor.hpp"
#include "fitkit/ensemble/random_forest_classifier.hpp"
#include "fitkit/ensemble/random_forest_regressor.hpp"
#include "fitkit/linear/linear_model.hpp"
#include "fitkit/linear/logistic_regression.hpp"
#include "fitkit/linear/sgd_classifier.hpp"
#include "fitkit/pipeline/pipeline.hpp"
#include "fitkit/svm/linear_svc.hpp"
#include "fitkit/tree/decision_tree_classifier.hpp"
#include "fitkit/tree/decision_tree_regressor.hpp"

namespace fitkit::apps {
namespace {

// A linear classifier's coef_: one row for two classes (the second class's), else one per class.
std::vector<FeatureWeights> class_rows(const Estimator& model, const Matrix& coef) {
  const Labels classes = model.class_labels();
  if (coef.n_rows == 1) return {{"coefficients", coef.row(0).t()}};
  std::vector<FeatureWeights> out;
  for (Index k = 0; k < coef.n_rows; ++k) {
    const std::string name = k < classes.n_elem ? class_text(model, classes(k)) : std::to_string(k);
    out.push_back({"coefficients (class " + name + ")", coef.row(k).t()});
  }
  return out;
}

template <class Model>
const Model* as(const Estimator& model) {
  return dynamic_cast<const Model*>(&final_step(model));
}

}  // namespace

const Estimator& final_step(const Estimator& model) {
  const auto* pipeline = dynamic_cast<const Pipeline*>(&model);
  return pipeline != nullptr ? pipeline->final_estimator() : model;
}

std::vector<FeatureWeights> feature_weights(const Estimator& model) {
  if (!model.is_fitted()) return {};
  if (const auto* linear = as<LinearRegressor>(model)) return {{"coefficients", linear->coef()}};
  if (const auto* m = as<LogisticRegression>(model)) return class_rows(model, m->coef());
  if (const auto* m = as<SGDClassifier>(model)) return class_rows(model, m->coef());
  if (const auto* m = as<LinearSVC>(model)) return class_rows(model, m->coef());
  const std::string importances = "feature importances";
  if (const auto* m = as<DecisionTreeClassifier>(model))
    return {{importances, m->feature_importances()}};
  if (const auto* m = as<DecisionTreeRegressor>(model))
    return {{importances, m->feature_importances()}};
  if (const auto* m = as<RandomForestClassifier>(model))
    return {{importances, m->feature_importances()}};
  if (const auto* m = as<RandomForestRegressor>(model))
    return {{importances, m->feature_importances()}};
  if (const auto* m = as<ExtraTreesClassifier>(model))
    return {{importances, m->feature_importances()}};
  if (const auto* m = as<ExtraTreesRegressor>(model))
    return {{importances, m->feature_importances()}};
  return {};
}

std::vector<std::string> feature_labels(const Estimator& whole) {
  const Estimator& model = final_step(whole);
  std::vector<std::string> names = model.feature_names();
  for (Index j = names.size(); j < model.n_features_in(); ++j)
    names.push_back(std::string(1, 'x').append(std::to_string(j)));
  return names;
}

std::string class_text(const Estimator& model, std::int64_t label) {
  const std::vector<std::string>& names = model.class_names();
  if (label >= 0 && static_cast<std::size_t>(label) < names.size()) return names[label];
  return std::to_string(label);
}

}  // namespace fitkit::apps
