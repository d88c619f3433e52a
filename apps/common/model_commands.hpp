#pragma once
// The verbs that work on a saved model: predict, score and info. Estimator apps load their
// own type only; the umbrella `fitkit` loads any registered type (and refuses, through the
// estimator's tags, a verb its model does not offer).

#include <functional>
#include <memory>
#include <string>

#include "common/command_line.hpp"
#include "common/common_options.hpp"
#include "common/data_for_model.hpp"
#include "common/program.hpp"
#include "fitkit/core/estimator.hpp"
#include "fitkit/model/model_io.hpp"

namespace fitkit::apps {

// Makes a fresh estimator of a program's type.
using EstimatorFactory = std::function<std::unique_ptr<Estimator>()>;

// Loads a model file; `info`, when not null, receives what the file says about itself.
using ModelLoader =
    std::function<std::unique_ptr<Estimator>(const std::string& path, ModelInfo* info)>;

// What every verb on a saved model shares: the --model option, and loading the model and
// then the data for it, each timed under -v.
po::options_description model_option(std::string& path);
// --output FILE, "-" (stdout) by default; `what` is what the verb writes there.
po::options_description output_option(std::string& output, const std::string& what);
std::unique_ptr<Estimator> load_timed(const ModelLoader& load, const std::string& path,
                                      const CommonOptions& common);
Dataset read_timed(const DataOptions& data, const Estimator& model, TargetColumn target,
                   const CommonOptions& common);

// The options of a verb that applies a saved model to a data file: `options` (made with
// model_option, plus the verb's own) gets the data and common options, the call is parsed,
// --model and --data are required and the common options applied. False when only --help
// was asked for.
struct ModelOnData {
  std::string model_path;
  DataOptions data;
  CommonOptions common;
};
bool parse_model_on_data(const VerbCall& call, po::options_description& options, ModelOnData& out);

// Writes labels or values predicted by `model` (one per row) to `output` ("-": stdout), named
// after the model's target and written as its class names when it has them.
void write_labels(const std::string& output, const Estimator& model, Vector values,
                  const CommonOptions& common);

Verb predict_verb(ModelLoader load);
Verb score_verb(ModelLoader load);
Verb info_verb(ModelLoader load);

}  // namespace fitkit::apps
