#include "fitkit/ensemble/forest_classifier.hpp"

#include <algorithm>

#include "ensemble/forest_estimator_impl.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/ensemble/extra_trees_classifier.hpp"
#include "fitkit/ensemble/random_forest_classifier.hpp"
#include "tree/decision_tree_common.hpp"

namespace fitkit {

template <class D, class P>
D& ForestClassifier<D, P>::fit(const Matrix& X, const Labels& y) {
  return fit_weighted(X, y, nullptr);
}

template <class D, class P>
D& ForestClassifier<D, P>::fit(const Matrix& X, const Labels& y, const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight);
}

template <class D, class P>
D& ForestClassifier<D, P>::fit_weighted(const Matrix& X, const Labels& y,
                                        const Vector* sample_weight) {
  validate_params(this->params_);
  const P& p = this->params_;
  const std::string name = this->type_name();
  check_fit_input(X, arma::conv_to<Vector>::from(y), name, 1, MissingValues::allowed);
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);
  // balanced_subsample is balanced on each tree's bootstrap, or balanced on the whole without
  // one, as in scikit-learn.
  const ClassWeight whole = !p.class_weight.subsample ? p.class_weight.weight
                            : p.bootstrap             ? ClassWeight()
                                                      : ClassWeight(ClassWeightMode::balanced);
  detail::ClassTarget target = detail::class_target(y, sample_weight, whole, name);
  detail::ForestProblem problem;
  problem.X = &X;
  problem.y = target.y;
  problem.n_classes = target.classes.n_elem;
  problem.sample_weight = target.weights;
  problem.balanced_subsample = p.class_weight.subsample && p.bootstrap;
  const double total_weight = problem.sample_weight.is_empty() ? static_cast<double>(X.n_rows)
                                                               : arma::accu(problem.sample_weight);
  problem.categorical = detail::categorical_mask(p.categorical_features, X, this->feature_names());
  const detail::ForestSettings settings = detail::forest_settings(
      p, name, detail::classification_criterion(p.criterion), X.n_rows, X.n_cols, total_weight);
  detail::FittedForest fitted = detail::grow_forest(problem, settings);

  this->reset_fitted();
  this->classes_ = std::move(target.classes);
  this->set_fitted(std::move(fitted), X.n_cols);
  return static_cast<D&>(*this);
}

template <class D, class P>
Tags ForestClassifier<D, P>::tags() const {
  Tags t = detail::tree_learner_tags(Classifier::tags());
  t.predict_proba = true;
  return t;
}

template <class D, class P>
Matrix ForestClassifier<D, P>::predict_proba(const Matrix& X) const {
  return this->mean_value(X);
}

template <class D, class P>
Labels ForestClassifier<D, P>::predict(const Matrix& X) const {
  const Matrix proba = predict_proba(X);
  arma::uvec best(proba.n_rows);
  for (Index i = 0; i < proba.n_rows; ++i) best(i) = proba.row(i).index_max();
  return this->labels_of(best);
}

template <class D, class P>
const Matrix& ForestClassifier<D, P>::oob_decision_function() const {
  this->oob_score();  // the same checks
  return this->fitted().oob_prediction;
}

template class ForestEstimator<RandomForestClassifier, RandomForestClassifierParams, Classifier>;
template class ForestEstimator<ExtraTreesClassifier, ExtraTreesClassifierParams, Classifier>;
template class ForestClassifier<RandomForestClassifier, RandomForestClassifierParams>;
template class ForestClassifier<ExtraTreesClassifier, ExtraTreesClassifierParams>;

}  // namespace fitkit
