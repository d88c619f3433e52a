#include "fitkit/core/version.hpp"

namespace fitkit {

const char* version() {
  return FITKIT_VERSION_STRING;
}

}  // namespace fitkit
