// Driver for bench/bench_linear_svr.py: fits LinearSVR (loss and dual as given, other options
// default) on raw float64 files written by numpy (X column-major, n x d; y) and prints one
// JSON line: fit seconds and CPU seconds (best of --repeat), iterations, liblinear's primal
// objective and R².

#include <algorithm>
#include <cmath>
#include <ctime>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 7) {
    std::cerr << "usage: bench_linear_svr X.f64 y.f64 n_rows n_cols repeat squared|plain\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 5, 1);
  const bool squared = std::string(argv[6]) == "squared";
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Vector y = fitkit::bench::read_raw(argv[2], rows, 1);
  fitkit::LinearSVR reg({.loss = squared ? fitkit::LinearSVRLoss::squared_epsilon_insensitive
                                         : fitkit::LinearSVRLoss::epsilon_insensitive,
                         .dual = squared ? fitkit::LinearSVMDual::no : fitkit::LinearSVMDual::yes});

  double best = 1e300, best_cpu = 1e300;
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    const std::clock_t cpu = std::clock();  // process CPU time, all threads
    reg.fit(X, y);
    best = std::min(best, timer.seconds());
    best_cpu = std::min(best_cpu, static_cast<double>(std::clock() - cpu) / CLOCKS_PER_SEC);
  }
  // liblinear's objective: 0.5 (||w||² + b²) + C sum loss(|y - x'w - b| - epsilon, 0).
  const fitkit::Vector p = reg.predict(X);
  double objective = 0.5 * (arma::dot(reg.coef(), reg.coef()) + reg.intercept() * reg.intercept());
  for (fitkit::Index i = 0; i < p.n_elem; ++i) {
    const double slack = std::max(0.0, std::abs(y(i) - p(i)) - reg.params().epsilon);
    objective += reg.params().C * (squared ? slack * slack : slack);
  }
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << best << ", \"cpu_seconds\": " << best_cpu
            << ", \"n_iter\": " << reg.n_iter() << ", \"objective\": " << objective
            << ", \"r2\": " << reg.score(X, y) << ", \"threads\": " << fitkit::get_num_threads()
            << "}\n";
}
