#pragma once
// `fitkit split`: a CSV file's rows into a training and a test file, as scikit-learn's
// train_test_split (the same rows for the same --seed), stratified on the target with
// --stratify; the rows are copied byte for byte under the file's header.

#include "common/program.hpp"

namespace fitkit::apps {

Verb split_verb();

}  // namespace fitkit::apps
