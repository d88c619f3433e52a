// Driver for bench/bench_hist_gradient_boosting.py: fits HistGradientBoostingClassifier (100
// iterations, no early stopping, other parameters default) on raw float64 files written by
// numpy (X column-major, n x d; y labels 0/1; a held-out X of m rows), writes the held-out
// probabilities of class 1 (raw float64) and prints one JSON line: fit and predict seconds
// (best of --repeat), iterations, leaves, threads.

#include <algorithm>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 8) {
    std::cerr << "usage: bench_hist_gradient_boosting X.f64 y.f64 n_rows n_cols Xtest.f64 n_test "
                 "proba.f64 [repeat]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]), m = std::stoull(argv[6]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 8, 1);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Labels y = arma::conv_to<fitkit::Labels>::from(
      fitkit::Vector(fitkit::bench::read_raw(argv[2], rows, 1)));
  const fitkit::Matrix Xt = fitkit::bench::read_raw(argv[5], m, cols);
  fitkit::HistGradientBoostingClassifier clf(
      {.max_iter = 100, .early_stopping = fitkit::HgbEarlyStopping::no});

  double fit_best = 1e300, predict_best = 1e300;
  fitkit::Matrix proba;
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    clf.fit(X, y);
    fit_best = std::min(fit_best, timer.seconds());
  }
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    proba = clf.predict_proba(Xt);
    predict_best = std::min(predict_best, timer.seconds());
  }
  fitkit::Index leaves = 0;
  for (const fitkit::Tree& tree : clf.trees()) leaves += tree.n_leaves();
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << fit_best << ", \"predict_seconds\": " << predict_best
            << ", \"n_iter\": " << clf.n_iter() << ", \"leaves\": " << leaves
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
  fitkit::Vector(proba.col(1)).save(argv[7], arma::raw_binary);
}
