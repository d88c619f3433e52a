#include "fitkit/ensemble/forest_regressor.hpp"

#include "ensemble/forest_estimator_impl.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/ensemble/extra_trees_regressor.hpp"
#include "fitkit/ensemble/random_forest_regressor.hpp"
#include "tree/decision_tree_common.hpp"

namespace fitkit {

template <class D, class P>
D& ForestRegressor<D, P>::fit(const Matrix& X, const Vector& y) {
  return fit_weighted(X, y, nullptr);
}

template <class D, class P>
D& ForestRegressor<D, P>::fit(const Matrix& X, const Vector& y, const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight);
}

template <class D, class P>
D& ForestRegressor<D, P>::fit_weighted(const Matrix& X, const Vector& y,
                                       const Vector* sample_weight) {
  validate_params(this->params_);
  const P& p = this->params_;
  const std::string name = this->type_name();
  check_fit_input(X, y, name, 1, MissingValues::allowed);
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);
  const detail::CartCriterion criterion = detail::regression_criterion(p.criterion);
  detail::check_regression_target(p.criterion, X, y, name);
  detail::ForestProblem problem;
  problem.X = &X;
  problem.y = y;
  if (sample_weight != nullptr) problem.sample_weight = *sample_weight;
  const double total_weight = problem.sample_weight.is_empty() ? static_cast<double>(X.n_rows)
                                                               : arma::accu(problem.sample_weight);
  if (!(total_weight > 0)) throw DataError(name + ": the sample weights sum to zero");
  problem.categorical = detail::categorical_mask(p.categorical_features, X, this->feature_names());
  const detail::ForestSettings settings =
      detail::forest_settings(p, name, criterion, X.n_rows, X.n_cols, total_weight);
  detail::FittedForest fitted = detail::grow_forest(problem, settings);

  this->reset_fitted();
  this->set_fitted(std::move(fitted), X.n_cols);
  return static_cast<D&>(*this);
}

template <class D, class P>
Tags ForestRegressor<D, P>::tags() const {
  return detail::tree_learner_tags(Regressor::tags());
}

template <class D, class P>
Vector ForestRegressor<D, P>::predict(const Matrix& X) const {
  return this->mean_value(X).col(0);
}

template <class D, class P>
Vector ForestRegressor<D, P>::oob_prediction() const {
  this->oob_score();  // the same checks
  return this->fitted().oob_prediction.col(0);
}

template class ForestEstimator<RandomForestRegressor, RandomForestRegressorParams, Regressor>;
template class ForestEstimator<ExtraTreesRegressor, ExtraTreesRegressorParams, Regressor>;
template class ForestRegressor<RandomForestRegressor, RandomForestRegressorParams>;
template class ForestRegressor<ExtraTreesRegressor, ExtraTreesRegressorParams>;

}  // namespace fitkit
