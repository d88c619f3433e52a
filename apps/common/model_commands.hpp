#pragma once
// The verbs that work on a saved model: predict, score and info. Estimator apps load their
// own type only; the umbrella `fitkit` loads any registered type.

#include <functional>
#include <memory>
#include <string>

#include "common/command_line.hpp"
#include "common/common_options.hpp"
#include "common/data_for_model.hpp"
#include "common/program.hpp"
#include "fitkit/core/estimator.hpp"

namespace fitkit::apps {

using ModelLoader = std::function<std::unique_ptr<Estimator>(const std::string& path)>;

// What every verb on a saved model shares: the --model option, and loading the model and
// then the data for it, each timed under -v.
po::options_description model_option(std::string& path);
std::unique_ptr<Estimator> load_timed(const ModelLoader& load, const std::string& path,
                                      const CommonOptions& common);
Dataset read_timed(const DataOptions& data, const Estimator& model, TargetColumn target,
                   const CommonOptions& common);

Verb predict_verb(ModelLoader load);
Verb score_verb(ModelLoader load);
Verb info_verb(ModelLoader load);

}  // namespace fitkit::apps
