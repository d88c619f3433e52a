#pragma once
// The umbrella program `fitkit`: lists the other programs and works on a model file of any
// registered type (`fitkit info m.bin`, `fitkit predict --model m.bin --data X.csv`).

namespace fitkit::apps {

int run_umbrella_app(int argc, char** argv);

}  // namespace fitkit::apps
