// Driver for bench/bench_ridge_cv.py: fits RidgeCV on raw float64 files written by numpy
// (X column-major, n x d) and prints one JSON line: fit seconds (best of --repeat), the alpha
// chosen, best_score, R², coefficients checksum, and the peak resident memory during fit
// relative to the size of X.

#include <algorithm>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 7) {
    std::cerr << "usage: bench_ridge_cv X.f64 y.f64 n_rows n_cols alphas gcv_mode [repeat]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 7, 1);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Vector y = fitkit::bench::read_raw(argv[2], rows, 1);
  fitkit::RidgeCV model;
  model.set_param("alphas", argv[5]);
  model.set_param("gcv_mode", argv[6]);

  double best = 1e300;
  long peak_kb = 0;
  for (int i = 0; i < repeat; ++i) {
    fitkit::bench::reset_peak_memory();
    fitkit::Timer timer;
    model.fit(X, y);
    best = std::min(best, timer.seconds());
    peak_kb = std::max(peak_kb, fitkit::bench::status_kb("VmHWM"));
  }
  const double x_mb = X.n_elem * 8.0 / 1e6;
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << best << ", \"alpha\": " << model.alpha()
            << ", \"best_score\": " << model.best_score() << ", \"r2\": " << model.score(X, y)
            << ", \"intercept\": " << model.intercept()
            << ", \"coef_sum\": " << arma::accu(model.coef()) << ", \"peak_mb\": " << peak_kb / 1e3
            << ", \"x_mb\": " << x_mb << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
}
