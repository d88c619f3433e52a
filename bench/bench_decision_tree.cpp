// Driver for bench/bench_decision_tree.py: fits DecisionTreeClassifier (defaults, seed 0) on
// raw float64 files written by numpy (X column-major, n x d; y labels; a held-out X of m rows),
// predicts the held-out rows, writes the predictions (raw float64) and prints one JSON line:
// fit and predict seconds (best of --repeat) and the node count.

#include <algorithm>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 8) {
    std::cerr << "usage: bench_decision_tree X.f64 y.f64 n_rows n_cols Xtest.f64 n_test pred.f64 "
                 "[repeat]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]), m = std::stoull(argv[6]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 8, 1);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Labels y = arma::conv_to<fitkit::Labels>::from(
      fitkit::Vector(fitkit::bench::read_raw(argv[2], rows, 1)));
  const fitkit::Matrix Xt = fitkit::bench::read_raw(argv[5], m, cols);
  fitkit::DecisionTreeClassifier clf;

  double fit_best = 1e300, predict_best = 1e300;
  fitkit::Labels pred;
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    clf.fit(X, y);
    fit_best = std::min(fit_best, timer.seconds());
  }
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    pred = clf.predict(Xt);
    predict_best = std::min(predict_best, timer.seconds());
  }
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << fit_best << ", \"predict_seconds\": " << predict_best
            << ", \"node_count\": " << clf.tree().node_count()
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
  arma::conv_to<fitkit::Vector>::from(pred).eval().save(argv[7], arma::raw_binary);
}
