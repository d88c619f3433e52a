// `fitkit`: lists the programs and reads, describes and applies any model file.

#include "common/umbrella_app.hpp"

int main(int argc, char** argv) {
  return fitkit::apps::run_umbrella_app(argc, argv);
}
