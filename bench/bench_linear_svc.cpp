// Driver for bench/bench_linear_svc.py: fits LinearSVC (dual false; other options as given)
// on raw float64 files written by numpy (X column-major, n x d; y as 0 / 1) and prints one
// JSON line: fit seconds and CPU seconds (best of --repeat), iterations, the primal objective and
// accuracy.

#include <algorithm>
#include <ctime>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: bench_linear_svc X.f64 y.f64 n_rows n_cols [repeat] [dual]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 5, 3);
  const bool dual = argc > 6 && std::string(argv[6]) == "true";
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Labels y =
      arma::conv_to<fitkit::Labels>::from(arma::round(fitkit::bench::read_raw(argv[2], rows, 1)));
  fitkit::LinearSVC clf({.dual = dual ? fitkit::LinearSVMDual::yes : fitkit::LinearSVMDual::no});

  double best = 1e300, best_cpu = 1e300;
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    const std::clock_t cpu = std::clock();  // process CPU time, all threads
    clf.fit(X, y);
    best = std::min(best, timer.seconds());
    best_cpu = std::min(best_cpu, static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC);
  }
  // liblinear's objective: 0.5 (||w||² + b²) + C sum max(0, 1 - t (x'w + b))², t = ±1.
  const fitkit::Vector d = clf.decision_function(X).col(0);
  double objective =
      0.5 * (arma::dot(clf.coef(), clf.coef()) + clf.intercept()(0) * clf.intercept()(0));
  for (fitkit::Index i = 0; i < d.n_elem; ++i) {
    const double slack = std::max(0.0, 1.0 - (y(i) == 1 ? 1.0 : -1.0) * d(i));
    objective += clf.params().C * slack * slack;
  }
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << best << ", \"cpu_seconds\": " << best_cpu
            << ", \"n_iter\": " << clf.n_iter() << ", \"objective\": " << objective
            << ", \"accuracy\": " << clf.score(X, y)
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
}
