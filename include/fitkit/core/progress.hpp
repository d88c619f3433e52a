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
  // The same, with a short status after the count (e.g. an inner loop's iteration and gap).
  void update(std::size_t done, const std::string& status);
  // False when nothing will be drawn (not a terminal, or disabled): skip building a status.
  bool active() const { return active_ && !finished_; }
  void finish();

 private:
  void draw(std::size_t done);

  std::string label_;
  std::size_t total_;
  bool active_;
  bool finished_ = false;
  std::string status_;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace fitkit
