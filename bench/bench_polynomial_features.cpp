// Driver for bench/bench_polynomial_features.py: PolynomialFeatures.fit_transform on a raw
// float64 file written by numpy (X column-major, n x d), printing one JSON line: seconds (best
// of --repeat), the output's shape, and checksums to compare with scikit-learn's output.

#include <algorithm>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: bench_polynomial_features X.f64 n_rows n_cols degree "
                 "[interaction_only] [repeat]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[2]), cols = std::stoull(argv[3]);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  fitkit::PolynomialFeatures poly;
  poly.set_param("degree", argv[4]);
  if (argc > 5) poly.set_param("interaction_only", argv[5]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 6, 3);

  double best = 1e300;
  fitkit::Matrix XP;
  for (int i = 0; i < repeat; ++i) {
    XP.reset();  // each run allocates its output, as scikit-learn's does
    fitkit::Timer timer;
    XP = poly.fit_transform(X);
    best = std::min(best, timer.seconds());
  }
  std::cout.precision(17);
  std::cout << "{\"seconds\": " << best << ", \"n_rows\": " << XP.n_rows
            << ", \"n_cols\": " << XP.n_cols << ", \"sum\": " << arma::accu(XP)
            << ", \"sum_abs\": " << arma::accu(arma::abs(XP))
            << ", \"last_row_sum\": " << arma::accu(XP.row(XP.n_rows - 1))
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
}
