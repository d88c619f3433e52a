// Driver for bench/bench_encoders.py: OneHotEncoder, OrdinalEncoder or KBinsDiscretizer
// fit_transform on a raw float64 file written by numpy (X column-major, n x d), printing one
// JSON line: seconds (best of --repeat), the output's shape and checksums to compare with
// scikit-learn's output.

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: bench_encoders X.f64 n_rows n_cols onehot|ordinal|kbins-STRATEGY "
                 "[repeat]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[2]), cols = std::stoull(argv[3]);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const std::string what = argv[4];
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 5, 3);
  std::unique_ptr<fitkit::Estimator> model;
  if (what == "onehot") {
    model = std::make_unique<fitkit::OneHotEncoder>();
  } else if (what == "ordinal") {
    model = std::make_unique<fitkit::OrdinalEncoder>();
  } else {
    model = std::make_unique<fitkit::KBinsDiscretizer>();
    model->set_param("strategy", what.substr(what.find('-') + 1));
    model->set_param("encode", "ordinal");
  }
  double best = 1e300;
  fitkit::Matrix Z;
  for (int i = 0; i < repeat; ++i) {
    Z.reset();  // each run allocates its output, as scikit-learn's does
    fitkit::Timer timer;
    Z = model->fit_transform(X);
    best = std::min(best, timer.seconds());
  }
  std::cout.precision(17);
  std::cout << "{\"seconds\": " << best << ", \"n_rows\": " << Z.n_rows
            << ", \"n_cols\": " << Z.n_cols << ", \"sum\": " << arma::accu(Z) << "}\n";
}
