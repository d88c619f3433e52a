#pragma once

#include <stdexcept>

namespace fitkit::apps {

// A command line the program cannot run: unknown or missing options, bad option values,
// a missing or unknown verb. Exits with status 2, unlike errors in the data or model (1).
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace fitkit::apps
