#include "fitkit/core/warnings.hpp"

#include <iostream>
#include <mutex>

namespace fitkit {
namespace {

std::mutex handler_mutex;
WarningHandler current_handler;

}  // namespace

WarningHandler set_warning_handler(WarningHandler handler) {
  const std::lock_guard lock(handler_mutex);
  std::swap(current_handler, handler);
  return handler;
}

void warn(WarningKind kind, std::string message) {
  WarningHandler handler;
  {
    const std::lock_guard lock(handler_mutex);
    handler = current_handler;
  }
  const Warning warning{kind, std::move(message)};
  if (handler)
    handler(warning);
  else
    std::cerr << "fitkit: warning: " << warning.message << "\n";
}

void warn_not_converged(std::string_view estimator, Index max_iter, std::string_view detail) {
  std::string message =
      std::string(estimator) + " did not converge in " + std::to_string(max_iter) + " iterations";
  if (!detail.empty()) message += " (" + std::string(detail) + ")";
  message += "; increase max_iter or tol, or scale the features";
  warn(WarningKind::convergence, std::move(message));
}

WarningCapture::WarningCapture()
    : previous_(set_warning_handler([this](const Warning& w) { warnings_.push_back(w); })) {}

WarningCapture::~WarningCapture() {
  set_warning_handler(std::move(previous_));
}

}  // namespace fitkit
