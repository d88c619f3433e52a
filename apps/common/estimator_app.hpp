#pragma once
// The whole of an estimator's program, its verbs chosen from the estimator's tags (DESIGN.md
// §6): `fit` and `info` always; `predict` (with --proba / --decision as tagged), `score`,
// `transform`, `partial-fit` and `fit-predict` when the tags offer them; and any extra verb
// the registry lists. Its options are generated from the estimator's parameters. An app's
// main is one line:
//
//   int main(int argc, char** argv) {
//     return fitkit::apps::run_estimator_app(argc, argv, "fitkit-kmeans");
//   }
//
// This header includes nothing of the library, so that each program's main compiles in a
// moment.

#include <string_view>

namespace fitkit::apps {

// `program` is the program's name in the registry (src/model/registry.cpp), which gives the
// estimator type and the program's description.
int run_estimator_app(int argc, char** argv, std::string_view program);

}  // namespace fitkit::apps
