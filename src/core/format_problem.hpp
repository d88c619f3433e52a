#pragma once
// The error every model decoder throws; the loader adds the file's path and turns it into
// ModelFormatError. Light on purpose: the JSON parser and the archives share it without
// pulling in cereal.

#include <stdexcept>

namespace fitkit::detail {

class FormatProblem : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace fitkit::detail
