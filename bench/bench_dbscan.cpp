// Driver for bench/bench_dbscan.py: fits DBSCAN on a raw float64 file written by numpy (X
// column-major, n x d), writes the labels as raw int64 to labels_out, and prints one JSON line:
// fit seconds (best of --repeat), clusters, noise and core counts, and this process's peak
// resident memory (VmHWM, the whole process: what a user's machine must hold) with its resident
// size before the first fit.

#include <algorithm>
#include <fstream>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 8) {
    std::cerr << "usage: bench_dbscan X.f64 n_rows n_cols eps min_samples algorithm labels_out "
                 "[repeat]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[2]), cols = std::stoull(argv[3]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 8, 1);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  fitkit::DBSCAN model;
  model.set_param("eps", argv[4]);
  model.set_param("min_samples", argv[5]);
  model.set_param("algorithm", argv[6]);

  const long before_kb = fitkit::bench::status_kb("VmRSS");
  double best = 1e300;
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    model.fit(X);
    best = std::min(best, timer.seconds());
  }
  const long peak_kb = fitkit::bench::status_kb("VmHWM");
  const fitkit::Labels& labels = model.labels();
  std::ofstream(argv[7], std::ios::binary)
      .write(reinterpret_cast<const char*>(labels.memptr()),
             static_cast<std::streamsize>(labels.n_elem * sizeof(std::int64_t)));
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << best << ", \"clusters\": " << labels.max() + 1
            << ", \"noise\": " << arma::accu(labels < 0)
            << ", \"core\": " << model.core_sample_indices().n_elem
            << ", \"peak_mb\": " << peak_kb / 1e3 << ", \"before_mb\": " << before_kb / 1e3
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
}
