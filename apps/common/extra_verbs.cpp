#include "common/extra_verbs.hpp"

#include <stdexcept>

namespace fitkit::apps {

Verb extra_verb(const std::string& name, const ModelLoader& /*load*/) {
  // No estimator has an extra verb yet; the tree family's "export" will be the first.
  throw std::logic_error("no extra verb named '" + name + "' (apps/common/extra_verbs.cpp)");
}

}  // namespace fitkit::apps
