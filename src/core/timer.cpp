#include "fitkit/core/timer.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>

namespace fitkit {

ScopedTimer::~ScopedTimer() {
  if (out_ == nullptr) return;
  // Three significant digits down to the microsecond: a fit of iris shows 0.00213 s, not
  // 0.002 s, so that benchmarks can compare the short phases too.
  const double seconds = timer_.seconds();
  const int decimals =
      seconds > 0 ? std::clamp(2 - static_cast<int>(std::floor(std::log10(seconds))), 3, 6) : 6;
  *out_ << label_ << ": " << std::fixed << std::setprecision(decimals) << seconds << " s\n";
}

}  // namespace fitkit
