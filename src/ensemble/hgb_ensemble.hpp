#pragma once
// What both HistGradientBoosting estimators do the same way around the boosting loop: the
// checks of fit's inputs, the settings the loop takes from their parameters, the model file
// payload, and `info`.

#include <iosfwd>
#include <string>
#include <vector>

#include "core/named_columns.hpp"
#include "core/payload.hpp"
#include "ensemble/hgb_boosting.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/estimator.hpp"
#include "fitkit/tree/tree.hpp"
#include "tree/tree_archive.hpp"

namespace fitkit::detail::hgb {

// X: rows, columns, no infinity (NaN is missing); y: one finite value per row; weights checked.
void check_fit_input(const Matrix& X, const Vector& y, const Vector* sample_weight,
                     const std::string& estimator);

// The settings common to both estimators, from either's Params.
template <class P>
BoostingSettings settings_from(const P& p, const std::string& estimator, const Matrix& X,
                               const std::vector<std::string>& feature_names) {
  BoostingSettings s;
  s.estimator = estimator;
  s.learning_rate = p.learning_rate;
  s.max_iter = p.max_iter;
  s.max_leaf_nodes = p.max_leaf_nodes;
  s.max_depth = p.max_depth;
  s.min_samples_leaf = p.min_samples_leaf;
  s.l2_regularization = p.l2_regularization;
  s.max_bins = p.max_bins;
  // Names from an earlier fit on other data do not name these columns.
  const std::vector<std::string> names =
      feature_names.size() == X.n_cols ? feature_names : std::vector<std::string>();
  s.is_categorical = named_columns_mask(p.categorical_features, X.n_cols, names);
  s.monotonic_cst = monotonic_constraints(p.monotonic_cst, X.n_cols, s.is_categorical);
  s.early_stopping = p.early_stopping;
  s.validation_fraction = p.validation_fraction;
  s.n_iter_no_change = p.n_iter_no_change;
  s.tol = p.tol;
  s.seed = p.seed;
  return s;
}

// "<n> iterations, <trees> trees, <leaves> leaves", early stopping and categorical features.
void describe_ensemble(std::ostream& out, const HgbEnsemble& model,
                       const std::vector<std::string>& feature_names);

// The ensemble in a model file; on load every tree is checked against n_features and the
// shapes against n_trees_per_iteration (known from the classes or the loss).
template <class Archive>
void serialize_ensemble(Archive& ar, HgbEnsemble& model, Index n_features,
                        Index n_trees_per_iteration) {
  std::uint64_t n_iter = model.n_iter;
  ar(cereal::make_nvp("n_iter", n_iter),
     cereal::make_nvp("baseline", detail::arma_ref(model.baseline)),
     cereal::make_nvp("do_early_stopping", model.do_early_stopping),
     cereal::make_nvp("train_score", model.train_score),
     cereal::make_nvp("validation_score", model.validation_score),
     cereal::make_nvp("is_categorical", model.is_categorical),
     cereal::make_nvp("trees", model.trees));
  if constexpr (Archive::is_loading::value) {
    model.n_iter = static_cast<Index>(n_iter);
    model.n_trees_per_iteration = n_trees_per_iteration;
    if (model.baseline.n_elem != n_trees_per_iteration || !model.baseline.is_finite())
      throw FormatProblem("the baseline prediction has " + std::to_string(model.baseline.n_elem) +
                          " values, expected " + std::to_string(n_trees_per_iteration));
    if (n_iter == 0 || model.trees.size() / n_trees_per_iteration != n_iter ||
        model.trees.size() % n_trees_per_iteration != 0)
      throw FormatProblem("the model holds " + std::to_string(model.trees.size()) +
                          " trees, expected " + std::to_string(n_iter) + " x " +
                          std::to_string(n_trees_per_iteration));
    if (model.is_categorical.size() != n_features)
      throw FormatProblem("is_categorical has " + std::to_string(model.is_categorical.size()) +
                          " entries, expected " + std::to_string(n_features));
    for (const Tree& tree : model.trees) {
      tree.check(n_features, 1);
      if (!tree.value.is_finite()) throw FormatProblem("a tree has non-finite leaf values");
    }
  }
}

// `model` of `owner`, which must be fitted (NotFitted otherwise): the accessors' check.
inline const HgbEnsemble& fitted(const Estimator& owner, const HgbEnsemble& model) {
  if (!owner.is_fitted()) throw NotFitted(owner.type_name());
  return model;
}

}  // namespace fitkit::detail::hgb
