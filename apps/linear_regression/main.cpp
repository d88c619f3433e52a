// `fitkit-linear-regression`: ordinary least squares (fitkit::LinearRegression).

#include "common/estimator_app.hpp"
#include "fitkit/linear/linear_regression.hpp"

int main(int argc, char** argv) {
  return fitkit::apps::run_estimator_app<fitkit::LinearRegression>(argc, argv,
                                                                   "fitkit-linear-regression");
}
