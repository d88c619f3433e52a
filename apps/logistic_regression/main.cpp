// `fitkit-logistic-regression`: logistic regression (fitkit::LogisticRegression).

#include "common/estimator_app.hpp"
#include "fitkit/linear/logistic_regression.hpp"

int main(int argc, char** argv) {
  return fitkit::apps::run_estimator_app<fitkit::LogisticRegression>(argc, argv,
                                                                     "fitkit-logistic-regression");
}
