// Driver for bench/bench_clustering_metrics.py: silhouette_score of a labelled X read from raw
// float64 files written by numpy (X column-major, n x d; labels as float64), printed as one JSON
// line: seconds (best of --repeat), the score, the threads, and the peak resident memory during
// the call relative to the size of X.

#include <algorithm>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 6) {
    std::cerr << "usage: bench_clustering_metrics X.f64 labels.f64 n_rows n_cols metric [repeat]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 6, 3);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Labels labels =
      arma::conv_to<fitkit::Labels>::from(fitkit::bench::read_raw(argv[2], rows, 1));
  auto metric = fitkit::SilhouetteMetric::euclidean;
  for (const auto& [value, name] : fitkit::EnumNames<fitkit::SilhouetteMetric>::values)
    if (std::string(argv[5]) == name) metric = value;

  double best = 1e300, score = 0;
  long peak_kb = 0;
  for (int i = 0; i < repeat; ++i) {
    fitkit::bench::reset_peak_memory();
    fitkit::Timer timer;
    score = fitkit::silhouette_score(X, labels, metric);
    best = std::min(best, timer.seconds());
    peak_kb = std::max(peak_kb, fitkit::bench::status_kb("VmHWM"));
  }
  std::cout.precision(17);
  std::cout << "{\"seconds\": " << best << ", \"score\": " << score
            << ", \"peak_mb\": " << peak_kb / 1e3 << ", \"x_mb\": " << X.n_elem * 8.0 / 1e6
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
}
