#pragma once
// Verbs a program offers beyond those its estimator's tags give, listed by name in the
// registry (src/model/registry.cpp). Each is implemented once here and offered by every program
// whose registry line names it:
//
//   kneighbors        NearestNeighbors: the k nearest training rows of each row of --data (of
//                     each training row, itself excluded, without --data) and their distances
//   radius-neighbors  NearestNeighbors: every training row within --radius, one line per pair
//   sample            GaussianMixture: --n-samples rows drawn from the mixture
//   export            the tree models: the fitted tree (a forest's --tree I) as text
//                     (export_text) or Graphviz dot

#include <string>

#include "common/model_commands.hpp"
#include "common/program.hpp"

namespace fitkit::apps {

// Throws std::logic_error for a name no verb here has (a registry line naming a verb that was
// never written; tests/test_cli.cpp runs every program, so this fails there first).
Verb extra_verb(const std::string& name, const ModelLoader& load);

}  // namespace fitkit::apps
