// `fitkit-sgd-classifier`: linear classifiers by stochastic gradient descent
// (fitkit::SGDClassifier).

#include "common/estimator_app.hpp"
#include "fitkit/linear/sgd_classifier.hpp"

int main(int argc, char** argv) {
  return fitkit::apps::run_estimator_app<fitkit::SGDClassifier>(argc, argv,
                                                                "fitkit-sgd-classifier");
}
