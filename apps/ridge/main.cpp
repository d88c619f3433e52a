// `fitkit-ridge`: least squares with an L2 penalty (fitkit::Ridge).

#include "common/estimator_app.hpp"
#include "fitkit/linear/ridge.hpp"

int main(int argc, char** argv) {
  return fitkit::apps::run_estimator_app<fitkit::Ridge>(argc, argv, "fitkit-ridge");
}
