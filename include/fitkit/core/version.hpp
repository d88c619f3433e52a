#pragma once

namespace fitkit {

// The library's version, "MAJOR.MINOR.PATCH"; written into every model file.
const char* version();

}  // namespace fitkit
