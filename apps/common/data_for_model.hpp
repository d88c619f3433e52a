#pragma once
// Reading a file to predict or score with a saved model, so that its columns line up with
// the ones the model was fitted on.

#include "common/data_options.hpp"
#include "fitkit/core/dataset.hpp"
#include "fitkit/core/estimator.hpp"

namespace fitkit::apps {

enum class TargetColumn { ignored, required };

// With a header and a model that knows its feature names, the features are taken by name
// (in the model's order, other columns ignored) and the target, when required, by --target
// or the model's target name. Without a header, columns are taken by position: as many as
// the model's features, or one more (the target: --target, else the last), which is left
// out when not required. Any other width is a DimensionMismatch naming both.
Dataset read_data_for_model(const DataOptions& options, const Estimator& model,
                            TargetColumn target);

}  // namespace fitkit::apps
