// `fitkit-ridge-cv`: ridge with alpha chosen by efficient leave-one-out (fitkit::RidgeCV).

#include "common/estimator_app.hpp"
#include "fitkit/linear/ridge_cv.hpp"

int main(int argc, char** argv) {
  return fitkit::apps::run_estimator_app<fitkit::RidgeCV>(argc, argv, "fitkit-ridge-cv");
}
