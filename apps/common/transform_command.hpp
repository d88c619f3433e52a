#pragma once
// The verb of transformers: transform, which writes a model's output features as a CSV file
// whose header is feature_names_out(). The target column the model was fitted with, when the
// data file holds it, follows unchanged as the last column, so the output can be fitted on
// (`fitkit-ridge fit --data out.csv --target progression`).

#include "common/model_commands.hpp"
#include "common/program.hpp"

namespace fitkit::apps {

Verb transform_verb(ModelLoader load);

}  // namespace fitkit::apps
