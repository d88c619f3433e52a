// Driver for bench/bench_truncated_svd.py: fits TruncatedSVD (randomized or arpack, here the
// exact SVD) on a raw float64 file written by numpy (X column-major, n x d) and prints one JSON
// line: the fit seconds (best of --repeat) and the explained variance ratios.

#include <algorithm>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: bench_truncated_svd X.f64 n_rows n_cols n_components [repeat] "
                 "[randomized|arpack]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[2]), cols = std::stoull(argv[3]);
  const int components = std::stoi(argv[4]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 5, 1);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  fitkit::TruncatedSVD svd({.n_components = components, .seed = 0});
  svd.set_param("algorithm", argc > 6 ? argv[6] : "randomized");
  double best = 1e300;
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    svd.fit(X);
    best = std::min(best, timer.seconds());
  }
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << best << ", \"threads\": " << fitkit::get_num_threads()
            << ", \"explained_variance_ratio\": [";
  for (fitkit::Index k = 0; k < svd.explained_variance_ratio().n_elem; ++k)
    std::cout << (k ? ", " : "") << svd.explained_variance_ratio()(k);
  std::cout << "]}\n";
}
