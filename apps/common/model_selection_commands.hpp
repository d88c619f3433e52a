#pragma once
// The umbrella program's model-selection verbs: `fitkit cv` cross-validates one algorithm with
// the parameters given on its command line, `fitkit search` tries a grid of them (all, or
// --random N of them) and saves the best, refitted on all the data.

#include "common/program.hpp"

namespace fitkit::apps {

Verb cv_verb();
Verb search_verb();

}  // namespace fitkit::apps
