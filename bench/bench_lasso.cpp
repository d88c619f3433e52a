// Driver for bench/bench_lasso.py: fits Lasso on raw float64 files written by numpy (X
// column-major, n x d) and prints one JSON line: fit seconds (best of repeat), epochs, the
// objective 1/(2n) ||y - X w - b||^2 + alpha ||w||_1, R² and the number of non-zero
// coefficients.

#include <algorithm>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 8) {
    std::cerr << "usage: bench_lasso X.f64 y.f64 n_rows n_cols alpha tol precompute [repeat] "
                 "[screening]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 8, 1);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Vector y = fitkit::bench::read_raw(argv[2], rows, 1);
  fitkit::Lasso lasso;
  lasso.set_param("alpha", argv[5]);
  lasso.set_param("tol", argv[6]);
  lasso.set_param("precompute", argv[7]);
  if (argc > 9) lasso.set_param("screening", argv[9]);

  double best = 1e300;
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    lasso.fit(X, y);
    best = std::min(best, timer.seconds());
  }
  const fitkit::Vector residual = y - lasso.predict(X);
  const double objective = arma::dot(residual, residual) / (2.0 * static_cast<double>(rows)) +
                           lasso.params().alpha * arma::accu(arma::abs(lasso.coef()));
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << best << ", \"n_iter\": " << lasso.n_iter()
            << ", \"objective\": " << objective << ", \"r2\": " << lasso.score(X, y)
            << ", \"nonzero\": " << arma::accu(lasso.coef() != 0.0)
            << ", \"dual_gap\": " << lasso.dual_gap()
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
}
