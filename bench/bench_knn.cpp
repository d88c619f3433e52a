// Driver for bench/bench_knn.py: fits KNeighborsClassifier on raw float64 files written by
// numpy (X and Q column-major), predicts the queries, and prints one JSON line: fit and
// predict seconds (best of --repeat), accuracy, and the predictions written to a raw file for
// the script to compare with scikit-learn's.

#include <algorithm>
#include <fstream>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 10) {
    std::cerr << "usage: bench_knn X.f64 y.f64 Q.f64 yq.f64 n_train n_queries n_cols k "
                 "pred_out.f64 [algorithm] [repeat]\n";
    return 2;
  }
  const auto n = std::stoull(argv[5]), m = std::stoull(argv[6]), d = std::stoull(argv[7]);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], n, d);
  const fitkit::Vector y = fitkit::bench::read_raw(argv[2], n, 1);
  const fitkit::Matrix Q = fitkit::bench::read_raw(argv[3], m, d);
  const fitkit::Vector yq = fitkit::bench::read_raw(argv[4], m, 1);
  const std::string algorithm = argc > 10 ? argv[10] : "auto";
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 11, 3);
  fitkit::KNeighborsClassifier knn;
  knn.set_param("n_neighbors", argv[8]);
  knn.set_param("algorithm", algorithm);
  const fitkit::Labels labels = arma::conv_to<fitkit::Labels>::from(y);
  const fitkit::Labels truth = arma::conv_to<fitkit::Labels>::from(yq);

  double best_fit = 1e300, best_predict = 1e300;
  fitkit::Labels pred;
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    knn.fit(X, labels);
    best_fit = std::min(best_fit, timer.seconds());
    fitkit::Timer predict_timer;
    pred = knn.predict(Q);
    best_predict = std::min(best_predict, predict_timer.seconds());
  }
  const fitkit::Vector out = arma::conv_to<fitkit::Vector>::from(pred);
  std::ofstream(argv[9], std::ios::binary)
      .write(reinterpret_cast<const char*>(out.memptr()),
             static_cast<std::streamsize>(out.n_elem * sizeof(double)));
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << best_fit << ", \"predict_seconds\": " << best_predict
            << ", \"accuracy\": " << arma::mean(arma::conv_to<fitkit::Vector>::from(pred == truth))
            << ", \"fit_method\": \""
            << (knn.fit_method() == fitkit::NeighborsAlgorithm::brute ? "brute" : "kd_tree")
            << "\", \"threads\": " << fitkit::get_num_threads() << "}\n";
}
