// Driver for bench/bench_gaussian_mixture.py: fits GaussianMixture on raw float64 files written
// by numpy (X column-major, n x d; the initial means k x d and precisions k x d x d in C
// order) from the same initial parameters as scikit-learn, and prints one JSON line: fit
// seconds (best of repeat), the lower bound, n_iter, and the mean log-likelihood.

#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 9) {
    std::cerr << "usage: bench_gaussian_mixture X.f64 means.f64 precisions.f64 n_rows n_cols "
                 "n_components covariance_type max_iter [repeat]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[4]), cols = std::stoull(argv[5]);
  const auto k = std::stoull(argv[6]);
  const std::string type = argv[7];
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 9, 3);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Matrix means = fitkit::bench::read_raw(argv[2], k * cols, 1);
  const fitkit::Index n_precisions = type == "full"   ? k * cols * cols
                                     : type == "tied" ? cols * cols
                                     : type == "diag" ? k * cols
                                                      : k;
  const fitkit::Matrix precisions = fitkit::bench::read_raw(argv[3], n_precisions, 1);

  fitkit::GaussianMixture gm;
  gm.set_param("n_components", std::to_string(k));
  gm.set_param("covariance_type", type);
  gm.set_param("max_iter", argv[8]);
  gm.set_param("tol", "0");
  gm.params().weights_init = std::vector<double>(k, 1.0 / static_cast<double>(k));
  gm.params().means_init = std::vector<double>(means.begin(), means.end());
  gm.params().precisions_init = std::vector<double>(precisions.begin(), precisions.end());
  fitkit::set_warning_handler([](const fitkit::Warning&) {});  // tol 0: never converged

  double best = 1e300;
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    gm.fit(X);
    best = std::min(best, timer.seconds());
  }
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << best << ", \"lower_bound\": " << gm.lower_bound()
            << ", \"n_iter\": " << gm.n_iter() << ", \"score\": " << gm.score(X)
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
}
