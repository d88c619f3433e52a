// `fitkit-kbins-discretizer`: see `fitkit-kbins-discretizer --help` and src/model/registry.cpp.

#include "common/estimator_app.hpp"

int main(int argc, char** argv) {
  return fitkit::apps::run_estimator_app(argc, argv, "fitkit-kbins-discretizer");
}
