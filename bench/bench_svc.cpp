// Driver for bench/bench_svc.py: fits SVC (rbf, defaults) on raw float64 files written by
// numpy (X column-major, n x d; y as 0 / 1; a held-out X of m rows), predicts the held-out
// rows, writes their decision values (raw float64) and prints one JSON line: fit and predict
// seconds (best of --repeat), support vectors, the dual objective, held-out accuracy.

#include <algorithm>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 8) {
    std::cerr << "usage: bench_svc X.f64 y.f64 n_rows n_cols Xtest.f64 n_test decision.f64 "
                 "[repeat]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]), m = std::stoull(argv[6]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 8, 1);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Labels y =
      arma::conv_to<fitkit::Labels>::from(arma::round(fitkit::bench::read_raw(argv[2], rows, 1)));
  const fitkit::Matrix Xt = fitkit::bench::read_raw(argv[5], m, cols);
  fitkit::SVC svc;

  double fit_best = 1e300, predict_best = 1e300;
  fitkit::Labels pred;
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    svc.fit(X, y);
    fit_best = std::min(fit_best, timer.seconds());
  }
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    pred = svc.predict(Xt);
    predict_best = std::min(predict_best, timer.seconds());
  }
  const fitkit::Matrix decision = svc.decision_function(Xt);
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << fit_best << ", \"predict_seconds\": " << predict_best
            << ", \"n_sv\": " << svc.support().n_elem << ", \"n_iter\": " << svc.n_iter()(0)
            << ", \"objective\": " << svc.dual_objective()(0)
            << ", \"decision_sum\": " << arma::accu(arma::abs(decision))
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
  decision.save(argv[7], arma::raw_binary);  // held-out decision values, float64
}
