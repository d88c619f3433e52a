// Driver for bench/bench_kmeans.py: fits KMeans on raw float64 files written by numpy (X
// column-major, n x d; the initial centres k x d) and prints one JSON line: fit seconds (best of
// --repeat), inertia, iterations, the threads used.

#include <algorithm>
#include <ctime>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 9) {
    std::cerr << "usage: bench_kmeans X.f64 init.f64 n_rows n_cols k algorithm max_iter tol "
                 "[repeat]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]), k = std::stoull(argv[5]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 9, 3);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Matrix init = fitkit::bench::read_raw(argv[2], k, cols);
  fitkit::KMeans km({.n_clusters = static_cast<int>(k), .init = init});
  km.set_param("algorithm", argv[6]);
  km.set_param("max_iter", argv[7]);
  km.set_param("tol", argv[8]);

  // Wall time, and the CPU time of every thread (on a machine shared with other work the
  // wall time says more about the other work).
  double best = 1e300, best_cpu = 1e300;
  for (int i = 0; i < repeat; ++i) {
    const std::clock_t cpu = std::clock();
    fitkit::Timer timer;
    km.fit(X);
    best = std::min(best, timer.seconds());
    best_cpu = std::min(best_cpu, static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC);
  }
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << best << ", \"cpu_seconds\": " << best_cpu
            << ", \"inertia\": " << km.inertia() << ", \"n_iter\": " << km.n_iter()
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
}
