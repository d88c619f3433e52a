// Driver for bench/bench_sgd.py: fits SGDClassifier or SGDRegressor (defaults, seed 0) on raw
// float64 files written by numpy (X column-major, n x d; y labels or values) and prints one
// JSON line: fit seconds, epochs and the training score (accuracy or R²).

#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 6) {
    std::cerr << "usage: bench_sgd X.f64 y.f64 n_rows n_cols classifier|regressor\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]);
  const std::string kind = argv[5];
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Vector y = fitkit::bench::read_raw(argv[2], rows, 1);
  fitkit::set_warning_handler([](const fitkit::Warning&) {});

  double seconds = 0, score = 0;
  fitkit::Index n_iter = 0;
  if (kind == "classifier") {
    const fitkit::Labels labels = arma::conv_to<fitkit::Labels>::from(arma::round(y));
    fitkit::SGDClassifier clf;
    fitkit::Timer timer;
    clf.fit(X, labels);
    seconds = timer.seconds();
    n_iter = clf.n_iter();
    score = clf.score(X, labels);
  } else {
    fitkit::SGDRegressor reg;
    fitkit::Timer timer;
    reg.fit(X, y);
    seconds = timer.seconds();
    n_iter = reg.n_iter();
    score = reg.score(X, y);
  }
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << seconds << ", \"n_iter\": " << n_iter
            << ", \"score\": " << score << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
}
