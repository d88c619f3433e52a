// Driver for bench/bench_one_class_svm.py: fits OneClassSVM (rbf, defaults) on raw float64
// files written by numpy (X column-major, n x d; a held-out X of m rows), computes the held-out
// decision function, writes it (raw float64) and prints one JSON line: fit and decision seconds
// (best of --repeat), support vectors, SMO iterations, the dual objective.

#include <algorithm>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 7) {
    std::cerr << "usage: bench_one_class_svm X.f64 n_rows n_cols Xtest.f64 n_test decision.f64 "
                 "[repeat]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[2]), cols = std::stoull(argv[3]), m = std::stoull(argv[5]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 7, 1);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Matrix Xt = fitkit::bench::read_raw(argv[4], m, cols);
  fitkit::OneClassSVM model;

  double fit_best = 1e300, decision_best = 1e300;
  fitkit::Matrix decision;
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    model.fit(X);
    fit_best = std::min(fit_best, timer.seconds());
  }
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    decision = model.decision_function(Xt);
    decision_best = std::min(decision_best, timer.seconds());
  }
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << fit_best << ", \"decision_seconds\": " << decision_best
            << ", \"n_sv\": " << model.n_support() << ", \"n_iter\": " << model.n_iter()
            << ", \"objective\": " << model.dual_objective()
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
  decision.save(argv[6], arma::raw_binary);  // held-out decision function, float64
}
