#pragma once
// A progress bar for long work (iterations, trees, epochs): drawn on stderr only when it is
// a terminal, redrawn at most ten times a second, silent in pipes and when disabled.

#include <chrono>
#include <cstddef>
#include <string>

namespace fitkit {

// Global switch used by --quiet; progress is on by default (and still needs a terminal).
void set_progress_enabled(bool enabled);
bool progress_enabled();

class Progress {
 public:
  Progress(std::string label, std::size_t total);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void update(std::size_t done);
  void finish();

 private:
  void draw(std::size_t done);

  std::string label_;
  std::size_t total_;
  bool active_;
  bool finished_ = false;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace fitkit
