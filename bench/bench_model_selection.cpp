// Driver for bench/bench_model_selection.py: on raw float64 files written by numpy (X
// column-major, n x d), either cross_val_score of a Ridge over 5 folds or a 5-fold grid search
// of LogisticRegression's C and fit_intercept; prints one JSON line: seconds (best of
// --repeat), the fold scores or the candidates' mean scores, and the thread count.

#include <algorithm>
#include <iostream>
#include <string>

#include "bench_support.hpp"
#include "fitkit/fitkit.hpp"

int main(int argc, char** argv) {
  if (argc < 6) {
    std::cerr << "usage: bench_model_selection X.f64 y.f64 n_rows n_cols ridge|logistic [grid] "
                 "[repeat]\n";
    return 2;
  }
  const auto rows = std::stoull(argv[3]), cols = std::stoull(argv[4]);
  const std::string task = argv[5];
  const std::string grid = argc > 6 ? argv[6] : "";
  const int repeat = fitkit::bench::int_arg_or(argc, argv, 7, 1);
  const fitkit::Matrix X = fitkit::bench::read_raw(argv[1], rows, cols);
  const fitkit::Vector y = fitkit::bench::read_raw(argv[2], rows, 1);

  double best = 1e300;
  fitkit::Vector scores;
  for (int i = 0; i < repeat; ++i) {
    fitkit::Timer timer;
    if (task == "ridge") {
      const fitkit::Ridge ridge;
      scores = fitkit::cross_val_score(ridge, X, y, fitkit::KFold{5}.split(X.n_rows));
    } else {
      fitkit::LogisticRegression logistic;
      fitkit::GridSearchCV search(logistic, fitkit::parse_param_grid(grid));
      search.fit(X, y, fitkit::default_folds(logistic, y, X.n_rows));
      scores = search.cv_results().mean_test_score;
    }
    best = std::min(best, timer.seconds());
  }
  std::cout.precision(17);
  std::cout << "{\"seconds\": " << best << ", \"scores\": [";
  for (fitkit::Index i = 0; i < scores.n_elem; ++i) std::cout << (i ? ", " : "") << scores(i);
  std::cout << "], \"threads\": " << fitkit::get_num_threads() << "}\n";
}
