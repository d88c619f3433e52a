// `fitkit-lasso`: linear regression with an L1 penalty (fitkit::Lasso).

#include "common/estimator_app.hpp"
#include "fitkit/linear/lasso.hpp"

int main(int argc, char** argv) {
  return fitkit::apps::run_estimator_app<fitkit::Lasso>(argc, argv, "fitkit-lasso");
}
