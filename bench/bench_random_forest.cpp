// Driver for bench/bench_random_forest.py: fits RandomForestClassifier (n_estimators trees,
// seed 0, max_bins as given: "none" for exact CART, else a bin count) on raw float64 files
// written by numpy (X column-major, n x d; y labels; a held-out X of m rows), predicts the
// held-out rows' probabilities, saves the model to model_path, writes the probability of
// class 1 (raw float64) and prints one JSON line: fit and predict seconds, the model file's
// size in bytes.

#include <filesystem>
#include <iostream>
#include <optional>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 11) {
    std::cerr << "usage: bench_random_forest X.f64 y.f64 n_rows n_cols Xtest.f64 n_test proba.f64 "
                 "n_estimators max_bins model_path\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]), m = std::stoull(argv[6]);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Labels y = arma::conv_to<fitkit::Labels>::from(
      fitkit::Vector(fitkit::bench::read_raw(argv[2], rows, 1)));
  const fitkit::Matrix Xt = fitkit::bench::read_raw(argv[5], m, cols);
  const std::string max_bins = argv[9];
  fitkit::RandomForestClassifier forest;
  forest.set_param("n_estimators", argv[8]);
  forest.set_param("max_bins", max_bins);
  fitkit::set_progress_enabled(false);

  fitkit::Timer fit_timer;
  forest.fit(X, y);
  const double fit_seconds = fit_timer.seconds();
  fitkit::Timer predict_timer;
  const fitkit::Matrix proba = forest.predict_proba(Xt);
  const double predict_seconds = predict_timer.seconds();
  fitkit::save(forest, argv[10]);
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << fit_seconds << ", \"predict_seconds\": " << predict_seconds
            << ", \"model_bytes\": " << std::filesystem::file_size(argv[10])
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
  fitkit::Vector(proba.col(1)).save(argv[7], arma::raw_binary);
}
