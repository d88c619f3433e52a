// Times fitkit::io::read_csv on one file, for bench_csv.py to set beside pandas.read_csv.
//   bench_csv FILE [REPEATS]
// Prints one line: {"seconds": best of REPEATS, "rows": ..., "cols": ..., "threads": ...}

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "fitkit/core/threads.hpp"
#include "fitkit/io/csv.hpp"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: %s FILE [REPEATS]\n", argv[0]);
    return 2;
  }
  const int repeats = argc == 3 ? std::max(1, std::atoi(argv[2])) : 1;
  try {
    double best = 1e300;
    fitkit::Dataset data;
    for (int i = 0; i < repeats; ++i) {
      data = {};  // the previous matrix is freed outside the timed part
      const auto start = std::chrono::steady_clock::now();
      data = fitkit::io::read_csv(argv[1]);
      const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
      best = std::min(best, elapsed.count());
    }
    // cols counts the target too, as pandas' shape does.
    std::printf("{\"seconds\": %.4f, \"rows\": %llu, \"cols\": %llu, \"threads\": %d}\n", best,
                static_cast<unsigned long long>(data.n_samples()),
                static_cast<unsigned long long>(data.n_features() + (data.has_target() ? 1 : 0)),
                fitkit::get_num_threads());
  } catch (const std::exception& error) {
    std::fprintf(stderr, "bench_csv: %s\n", error.what());
    return 1;
  }
  return 0;
}
