// `fitkit-one-class-svm`: see `fitkit-one-class-svm --help` and src/model/registry.cpp.

#include "common/estimator_app.hpp"

int main(int argc, char** argv) {
  return fitkit::apps::run_estimator_app(argc, argv, "fitkit-one-class-svm");
}
