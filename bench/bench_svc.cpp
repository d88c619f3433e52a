// Driver for bench/bench_svc.py: fits SVC or NuSVC (rbf, defaults; optionally probability=true,
// seed 0) on raw float64 files written by numpy (X column-major, n x d; y as 0 / 1; a held-out
// X of m rows), predicts the held-out rows, writes their decision values (raw float64; with
// probability, then the probabilities of class 1) and prints one JSON line: fit and predict
// seconds (best of --repeat), support vectors, the dual objective, probA and probB.

#include <algorithm>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 8) {
    std::cerr << "usage: bench_svc X.f64 y.f64 n_rows n_cols Xtest.f64 n_test decision.f64 "
                 "[repeat [svc|nusvc [probability 0|1]]]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]), m = std::stoull(argv[6]);
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 8, 1);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Labels y =
      arma::conv_to<fitkit::Labels>::from(arma::round(fitkit::bench::read_raw(argv[2], rows, 1)));
  const fitkit::Matrix Xt = fitkit::bench::read_raw(argv[5], m, cols);
  const std::string estimator = argc > 9 ? argv[9] : "svc";
  const bool probability = argc > 10 && std::string(argv[10]) == "1";
  fitkit::SVC svc({.probability = probability});
  fitkit::NuSVC nu_svc({.probability = probability});
  const bool nu = estimator == "nusvc";
  const auto fit = [&] {
    if (nu)
      nu_svc.fit(X, y);
    else
      svc.fit(X, y);
  };
  const fitkit::Classifier& model = nu ? static_cast<const fitkit::Classifier&>(nu_svc)
                                       : static_cast<const fitkit::Classifier&>(svc);

  double fit_best = 1e300, predict_best = 1e300;
  fitkit::Labels pred;
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    fit();
    fit_best = std::min(fit_best, timer.seconds());
  }
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    pred = model.predict(Xt);
    predict_best = std::min(predict_best, timer.seconds());
  }
  fitkit::Matrix decision = model.decision_function(Xt);
  const auto n_sv = nu ? nu_svc.support().n_elem : svc.support().n_elem;
  const auto n_iter = nu ? nu_svc.n_iter()(0) : svc.n_iter()(0);
  const double objective = nu ? nu_svc.dual_objective()(0) : svc.dual_objective()(0);
  const fitkit::Vector probA = nu ? nu_svc.probA() : svc.probA();
  const fitkit::Vector probB = nu ? nu_svc.probB() : svc.probB();
  std::cout.precision(17);
  std::cout << "{\"fit_seconds\": " << fit_best << ", \"predict_seconds\": " << predict_best
            << ", \"n_sv\": " << n_sv << ", \"n_iter\": " << n_iter
            << ", \"objective\": " << objective
            << ", \"decision_sum\": " << arma::accu(arma::abs(decision))
            << ", \"probA\": " << (probA.is_empty() ? 0.0 : probA(0))
            << ", \"probB\": " << (probB.is_empty() ? 0.0 : probB(0))
            << ", \"threads\": " << fitkit::get_num_threads() << "}\n";
  if (probability)  // then P(class 1) of the held-out rows
    decision = arma::join_cols(decision, fitkit::Matrix(model.predict_proba(Xt).col(1)));
  decision.save(argv[7], arma::raw_binary);  // held-out decision values, float64
}
