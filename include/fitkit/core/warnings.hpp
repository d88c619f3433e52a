#pragma once
// Warnings, as scikit-learn's ConvergenceWarning: an estimator that stops at max_iter before
// meeting tol still returns its model, and says so through one handler. By default the
// message goes to stderr ("fitkit: warning: ..."); a program can collect or silence it.
//
//   fitkit::set_warning_handler([](const fitkit::Warning& w) { log(w.message); });
//   fitkit::set_warning_handler(nullptr);   // back to stderr

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "fitkit/core/types.hpp"

namespace fitkit {

// convergence: scikit-learn's ConvergenceWarning (max_iter reached, fewer distinct clusters than
// asked for); runtime: its RuntimeWarning (a parameter replaced by a usable value for this fit).
enum class WarningKind { convergence, runtime };

struct Warning {
  WarningKind kind;
  std::string message;
};

using WarningHandler = std::function<void(const Warning&)>;

// Replaces the handler for the whole process and returns the previous one (nullptr: stderr).
WarningHandler set_warning_handler(WarningHandler handler);
void warn(WarningKind kind, std::string message);

// "Lasso did not converge in 1000 iterations (duality gap 3.2e-2 > tol 1e-4); increase
// max_iter or tol, or scale the features". `detail` is the estimator's own stopping measure.
void warn_not_converged(std::string_view estimator, Index max_iter, std::string_view detail);

// Collects warnings while alive and restores the previous handler (tests, CLI).
class WarningCapture {
 public:
  WarningCapture();
  ~WarningCapture();
  WarningCapture(const WarningCapture&) = delete;
  WarningCapture& operator=(const WarningCapture&) = delete;

  const std::vector<Warning>& warnings() const { return warnings_; }

 private:
  std::vector<Warning> warnings_;
  WarningHandler previous_;
};

}  // namespace fitkit
