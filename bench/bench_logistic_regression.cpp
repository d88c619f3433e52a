// Driver for bench/bench_logistic_regression.py: fits LogisticRegression (defaults) on raw
// float64 files written by numpy (X column-major, n x d; y as 0 / 1) and prints one JSON
// line: fit seconds (best of --repeat), iterations, the mean log-loss and the accuracy.

#include <algorithm>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: bench_logistic_regression X.f64 y.f64 n_rows n_cols [repeat]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 5, 3);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Labels y =
      arma::conv_to<fitkit::Labels>::from(arma::round(fitkit::bench::read_raw(argv[2], rows, 1)));
  fitkit::LogisticRegression clf;

  double best = 1e300;
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    clf.fit(X, y);
    best = std::min(best, timer.seconds());
  }
  const fitkit::Matrix proba = clf.predict_proba(X);
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << best << ", \"n_iter\": " << clf.n_iter()
            << ", \"log_loss\": " << fitkit::log_loss(y, proba, clf.classes())
            << ", \"accuracy\": " << clf.score(X, y) << ", \"intercept\": " << clf.intercept()(0)
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
}
