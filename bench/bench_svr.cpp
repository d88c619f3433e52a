// Driver for bench/bench_svr.py: fits SVR or NuSVR (rbf, defaults) on raw float64 files written by
// numpy (X column-major, n x d; y; a held-out X of m rows), predicts the held-out rows, writes
// the predictions (raw float64) and prints one JSON line: fit and predict seconds (best of
// --repeat), support vectors, SMO iterations, the dual objective.

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

namespace {

template <class Model>
void run(Model& svr, const fitkit::Matrix& X, const fitkit::Vector& y, const fitkit::Matrix& Xt,
         int repeat, const char* pred_path) {
  if (const char* mb = std::getenv("BENCH_SVR_CACHE_MB")) svr.set_param("cache_size", mb);

  double fit_best = 1e300, predict_best = 1e300;
  fitkit::Vector pred;
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    svr.fit(X, y);
    fit_best = std::min(fit_best, timer.seconds());
  }
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    pred = svr.predict(Xt);
    predict_best = std::min(predict_best, timer.seconds());
  }
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << fit_best << ", \"predict_seconds\": " << predict_best
            << ", \"n_sv\": " << svr.n_support() << ", \"n_iter\": " << svr.n_iter()
            << ", \"objective\": " << svr.dual_objective()
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
  pred.save(pred_path, arma::raw_binary);  // held-out predictions, float64
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 8) {
    std::cerr << "usage: bench_svr X.f64 y.f64 n_rows n_cols Xtest.f64 n_test pred.f64 "
                 "[repeat [svr|nusvr]]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]), m = std::stoull(argv[6]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 8, 1);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Vector y = fitkit::bench::read_raw(argv[2], rows, 1);
  const fitkit::Matrix Xt = fitkit::bench::read_raw(argv[5], m, cols);
  if (argc > 9 && std::string(argv[9]) == "nusvr") {
    fitkit::NuSVR nu_svr;
    run(nu_svr, X, y, Xt, repeat, argv[7]);
  } else {
    fitkit::SVR svr;
    run(svr, X, y, Xt, repeat, argv[7]);
  }
}
