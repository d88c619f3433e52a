#include "fitkit/core/timer.hpp"

#include <iomanip>

namespace fitkit {

ScopedTimer::~ScopedTimer() {
  if (out_ != nullptr)
    *out_ << label_ << ": " << std::fixed << std::setprecision(3) << timer_.seconds() << " s\n";
}

}  // namespace fitkit
