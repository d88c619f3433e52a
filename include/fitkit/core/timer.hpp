#pragma once
// Wall-clock timers for `-v` (load, fit, save).

#include <chrono>
#include <ostream>
#include <string>

namespace fitkit {

class Timer {
 public:
  Timer() : start_(std::chrono::steady_clock::now()) {}
  double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

// Prints "label: 0.123 s" (0.00213 s: three significant digits below a second) to `out` when
// it goes out of scope; prints nothing if out is null.
class ScopedTimer {
 public:
  ScopedTimer(std::string label, std::ostream* out) : label_(std::move(label)), out_(out) {}
  ~ScopedTimer();
  ScopedTimer(const ScopedTimer&) = delete;
  ScopedTimer& operator=(const ScopedTimer&) = delete;

 private:
  std::string label_;
  std::ostream* out_;
  Timer timer_;
};

}  // namespace fitkit
