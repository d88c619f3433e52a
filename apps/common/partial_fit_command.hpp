#pragma once
// The `partial-fit` verb, offered by the programs of estimators that learn incrementally
// (Estimator::supports_partial_fit, scikit-learn's partial_fit):
//
//   fitkit-sgd-classifier partial-fit --model m.bin --data chunk.csv [--target y]
//                                     [--classes a,b,c] [parameters]
//
// The first call (no file at --model) creates the model, with the parameters given and, for
// a classifier, every class in --classes; later calls load it. Each call runs one partial_fit
// on the chunk and saves the model in place (atomically: a failure leaves the old file).

#include "common/model_commands.hpp"
#include "common/program.hpp"

namespace fitkit::apps {

Verb partial_fit_verb(EstimatorFactory make, ModelLoader load);

}  // namespace fitkit::apps
