// Driver for bench/bench_agglomerative.py: fits AgglomerativeClustering on a raw float64 file
// written by numpy (X column-major, n x d), writes the labels (int64) and merge distances
// (float64) as raw files for the script to compare with scikit-learn's, and prints one JSON
// line: fit seconds (best of --repeat), the number of clusters, and the peak resident memory
// during fit (X included) with the size of X.

#include <algorithm>
#include <fstream>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 8) {
    std::cerr << "usage: bench_agglomerative X.f64 n_rows n_cols linkage n_clusters "
                 "labels.i64 distances.f64 [repeat]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[2]), cols = std::stoull(argv[3]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 8, 1);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  fitkit::AgglomerativeClustering model;
  model.set_param("linkage", argv[4]);
  model.set_param("n_clusters", argv[5]);
  model.set_param("compute_distances", "true");
  fitkit::set_progress_enabled(false);

  double best = 1e300;
  long peak_kb = 0;
  for (int i = 0; i < repeat; ++i) {
    fitkit::bench::reset_peak_memory();
    fitkit::Timer timer;
    model.fit(X);
    best = std::min(best, timer.seconds());
    peak_kb = std::max(peak_kb, fitkit::bench::status_kb("VmHWM"));
  }
  std::ofstream(argv[6], std::ios::binary)
      .write(reinterpret_cast<const char*>(model.labels().memptr()),
             static_cast<std::streamsize>(model.labels().n_elem * 8));
  std::ofstream(argv[7], std::ios::binary)
      .write(reinterpret_cast<const char*>(model.distances().memptr()),
             static_cast<std::streamsize>(model.distances().n_elem * 8));
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << best << ", \"n_clusters\": " << model.n_clusters_found()
            << ", \"peak_mb\": " << peak_kb / 1e3 << ", \"x_mb\": " << X.n_elem * 8.0 / 1e6
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
}
