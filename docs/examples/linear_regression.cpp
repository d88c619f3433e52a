// The C++ API in one program: read a CSV, fit, inspect, save, reload, predict, score.
// Built against an installed fitkit and run by the test suite (tests/consumer), so it cannot go
// stale.
//
//   linear_regression datasets/diabetes.csv /tmp/lr.json

#include <fitkit/fitkit.hpp>
#include <iostream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " data.csv model.json\n";
    return 2;
  }
  try {
    // The last column is the target unless CsvOptions::target names another.
    const fitkit::Dataset data = fitkit::io::read_csv(argv[1]);

    fitkit::LinearRegression lr({.fit_intercept = true});
    lr.fit(data.X, data.y);  // or lr.fit_dataset(data) to keep the column names
    std::cout << "intercept " << lr.intercept() << "\n";
    for (fitkit::Index j = 0; j < lr.coef().n_elem; ++j)
      std::cout << data.feature_names[j] << " " << lr.coef()(j) << "\n";

    fitkit::save(lr, argv[2]);
    const auto back = fitkit::load<fitkit::LinearRegression>(argv[2]);
    const fitkit::Vector predictions = back.predict(data.X);
    std::cout << "R2 " << fitkit::r2_score(data.y, predictions) << "\n";
    return arma::approx_equal(predictions, lr.predict(data.X), "absdiff", 0.0) ? 0 : 1;
  } catch (const fitkit::Error& e) {
    std::cerr << "error: " << e.what()
              << "\n";  // e.g. "diabetes.csv:17: expected 11 fields, found 10"
    return 1;
  }
}
