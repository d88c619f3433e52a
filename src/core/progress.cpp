#include "fitkit/core/progress.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdio>

namespace fitkit {
namespace {

std::atomic<bool> enabled{true};
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

}  // namespace

void set_progress_enabled(bool on) {
  enabled = on;
}
bool progress_enabled() {
  return enabled;
}

Progress::Progress(std::string label, std::size_t total)
    : label_(std::move(label)), total_(total), active_(enabled && isatty(STDERR_FILENO) == 1) {}

Progress::~Progress() {
  finish();
}

void Progress::update(std::size_t done) {
  if (!active_ || finished_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  draw(done);
}

void Progress::update(std::size_t done, const std::string& status) {
  if (!active_ || finished_) return;
  status_ = status;
  update(done);
}

void Progress::finish() {
  if (!active_ || finished_) return;
  finished_ = true;
  status_.clear();
  draw(total_);
  std::fputc('\n', stderr);
}

void Progress::draw(std::size_t done) {
  constexpr int kWidth = 30;
  const double fraction = total_ == 0 ? 1.0 : static_cast<double>(done) / total_;
  const int filled = static_cast<int>(fraction * kWidth);
  char bar[kWidth + 1];
  for (int i = 0; i < kWidth; ++i) bar[i] = i < filled ? '#' : '.';
  bar[kWidth] = '\0';
  // \x1b[K clears what a longer status left on the line.
  std::fprintf(stderr, "\r%s [%s] %zu/%zu%s%s\x1b[K", label_.c_str(), bar, done, total_,
               status_.empty() ? "" : "  ", status_.c_str());
  std::fflush(stderr);
}

}  // namespace fitkit
