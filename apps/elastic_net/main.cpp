// `fitkit-elastic-net`: linear regression with L1 and L2 penalties (fitkit::ElasticNet).

#include "common/estimator_app.hpp"
#include "fitkit/linear/elastic_net.hpp"

int main(int argc, char** argv) {
  return fitkit::apps::run_estimator_app<fitkit::ElasticNet>(argc, argv, "fitkit-elastic-net");
}
