#pragma once
// Reading a file to predict or score with a saved model, so that its columns line up with
// the ones the model was fitted on.

#include <iosfwd>

#include "common/data_options.hpp"
#include "fitkit/core/dataset.hpp"
#include "fitkit/core/estimator.hpp"

namespace fitkit::apps {

// passed_through (transform): the target is read when the file has it, --target's column
// (an error when missing) or else the model's target name (nothing when the file has no
// column of that name), and kept as the file holds it (not mapped to the model's classes).
enum class TargetColumn { ignored, required, passed_through };

// When the model knows its feature names, the features are taken by name (in the model's
// order, other columns ignored) and the target, when required, by --target or the model's
// target name. A file without a header has positional names (x0, x1, ...), so one like the
// file the model was fitted on is matched the same way, wherever its target was.
// Otherwise (no names in the model, or a --no-header file without them) columns are taken by
// position: all of them are the features, in order, except the one --target names; the
// target is never guessed, so scoring that way needs --target. A width other than the
// model's features is a DimensionMismatch naming both. A regressor's target must be numbers.
// The first line is the header unless --no-header, as in fit; with a `log` (-v), a header of
// numbers is noted there.
Dataset read_data_for_model(const DataOptions& options, const Estimator& model, TargetColumn target,
                            std::ostream* log = nullptr);

}  // namespace fitkit::apps
