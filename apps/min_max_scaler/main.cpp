// `fitkit-min-max-scaler`: see `fitkit-min-max-scaler --help` and src/model/registry.cpp.

#include "common/estimator_app.hpp"

int main(int argc, char** argv) {
  return fitkit::apps::run_estimator_app(argc, argv, "fitkit-min-max-scaler");
}
