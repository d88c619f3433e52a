// Driver for bench/bench_minibatch_kmeans.py: fits MiniBatchKMeans on raw float64 files written
// by numpy (X column-major, n x d; the initial centres k x d) and prints one JSON line: fit
// seconds and CPU seconds (best of repeat), the inertia of the training data, the passes and
// mini-batches run, the threads used.

#include <algorithm>
#include <ctime>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 9) {
    std::cerr << "usage: bench_minibatch_kmeans X.f64 init.f64 n_rows n_cols k batch_size "
                 "max_iter seed [repeat]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]), k = std::stoull(argv[5]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 9, 3);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Matrix init = fitkit::bench::read_raw(argv[2], k, cols);
  fitkit::MiniBatchKMeans mbk({.n_clusters = static_cast<int>(k), .init = init});
  mbk.set_param("batch_size", argv[6]);
  mbk.set_param("max_iter", argv[7]);
  mbk.set_param("seed", argv[8]);

  double best = 1e300, best_cpu = 1e300;
  for (int i = 0; i < repeat; ++i) {
    const std::clock_t cpu = std::clock();
    fitkit::Timer timer;
    mbk.fit(X);
    best = std::min(best, timer.seconds());
    best_cpu = std::min(best_cpu, static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC);
  }
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << best << ", \"cpu_seconds\": " << best_cpu
            << ", \"inertia\": " << mbk.inertia() << ", \"n_iter\": " << mbk.n_iter()
            << ", \"n_steps\": " << mbk.n_steps() << ", \"threads\": " << fitkit::get_num_threads()
            << "}\n";
}
