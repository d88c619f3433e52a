#pragma once
// The verbs that work on a saved model: predict, score and info. Estimator apps load their
// own type only; the umbrella `fitkit` loads any registered type.

#include <functional>
#include <memory>
#include <string>

#include "common/program.hpp"
#include "fitkit/core/estimator.hpp"

namespace fitkit::apps {

using ModelLoader = std::function<std::unique_ptr<Estimator>(const std::string& path)>;

Verb predict_verb(ModelLoader load);
Verb score_verb(ModelLoader load);
Verb info_verb(ModelLoader load);

}  // namespace fitkit::apps
