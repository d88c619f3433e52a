// `fitkit-polynomial-features`: polynomial and interaction features
// (fitkit::PolynomialFeatures).

#include "common/estimator_app.hpp"
#include "fitkit/preprocessing/polynomial_features.hpp"

int main(int argc, char** argv) {
  return fitkit::apps::run_estimator_app<fitkit::PolynomialFeatures>(argc, argv,
                                                                     "fitkit-polynomial-features");
}
