// Helpers shared by the bench/bench_*.cpp drivers, kept here once so that every driver reads
// its input and measures memory the same way. Header-only (the CMake glob builds only
// bench_*.cpp), included as "bench_support.hpp" from the same directory.

#pragma once

#include <fstream>
#include <stdexcept>
#include <string>

#include "fitkit/fitkit.hpp"

namespace fitkit::bench {

// Reads a raw float64 file written by numpy (`a.ravel(order="F").tofile(path)`) into a
// rows x cols column-major matrix; throws if the file holds fewer values.
inline fitkit::Matrix read_raw(const std::string& path, fitkit::Index rows, fitkit::Index cols) {
  fitkit::Matrix m(rows, cols);
  std::ifstream in(path, std::ios::binary);
  in.read(reinterpret_cast<char*>(m.memptr()), static_cast<std::streamsize>(m.n_elem * 8));
  if (!in) throw std::runtime_error("cannot read " + path);
  return m;
}

// The value in kB of a field of /proc/self/status (e.g. "VmHWM", the peak resident set size),
// or -1 if it is missing.
inline long status_kb(const std::string& field) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  return -1;
}

// Resets VmHWM to the current resident set size, so the next reading is the peak from here on.
inline void reset_peak_memory() {
  std::ofstream("/proc/self/clear_refs") << "5";
}

// argv[index] as an int if it was given, otherwise fallback (the optional [repeat] argument).
inline int int_arg_or(int argc, char** argv, int index, int fallback) {
  return argc > index ? std::stoi(argv[index]) : fallback;
}

}  // namespace fitkit::bench
