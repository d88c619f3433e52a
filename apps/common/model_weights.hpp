#pragma once
// What a fitted model says about each feature, for `fitkit report`'s bar charts: a linear
// model's coefficients (one set per class for a multiclass linear classifier) or a tree
// model's feature importances. Estimators share no accessor for these, so the types that have
// them are recognised here.

#include <string>
#include <vector>

#include "fitkit/core/estimator.hpp"

namespace fitkit::apps {

struct FeatureWeights {
  std::string title;  // "coefficients", "coefficients (class setosa)", "feature importances"
  Vector values;      // one per feature, in the model's feature order
};

// The estimator whose weights, importances or trees a model shows: a pipeline's (--scale,
// --impute, --one-hot) last step, whose features are the preprocessed ones; the model itself
// otherwise.
const Estimator& final_step(const Estimator& model);

// Empty for a model with neither.
std::vector<FeatureWeights> feature_weights(const Estimator& model);

// The model's feature names, or x0, x1, ... when it has none.
std::vector<std::string> feature_labels(const Estimator& model);

// A class's name from the data file, or its label.
std::string class_text(const Estimator& model, std::int64_t label);

}  // namespace fitkit::apps
