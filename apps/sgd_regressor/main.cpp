// `fitkit-sgd-regressor`: linear regression by stochastic gradient descent
// (fitkit::SGDRegressor).

#include "common/estimator_app.hpp"
#include "fitkit/linear/sgd_regressor.hpp"

int main(int argc, char** argv) {
  return fitkit::apps::run_estimator_app<fitkit::SGDRegressor>(argc, argv, "fitkit-sgd-regressor");
}
