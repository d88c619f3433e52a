#include "common/estimator_app.hpp"

#include <iostream>

#include "common/app_registry.hpp"
#include "common/command_line.hpp"
#include "common/common_options.hpp"
#include "common/data_options.hpp"
#include "common/estimator_options.hpp"
#include "common/model_commands.hpp"
#include "common/partial_fit_command.hpp"
#include "common/program.hpp"
#include "common/transform_command.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/output_file.hpp"
#include "fitkit/core/timer.hpp"
#include "fitkit/io/input_file.hpp"
#include "fitkit/model/model_io.hpp"

namespace fitkit::apps {
namespace {

// Errors about data passed in memory (NaN in X, say) name the file it came from.
void fit_on(Estimator& model, const Dataset& dataset) {
  try {
    model.fit_dataset(dataset);
  } catch (const DataError& error) {
    if (!error.file().empty()) throw;
    throw DataError(dataset.source, 0, 0, error.what());
  }
}

int fit(const VerbCall& call, const EstimatorFactory& make) {
  const std::unique_ptr<Estimator> model = make();
  std::string model_path;
  DataOptions data;
  CommonOptions common;
  po::options_description output("model");
  output.add_options()("model", po::value(&model_path)->value_name("FILE"),
                       "where to save the model (.json: JSON, else binary)");
  po::options_description options = data_options(data);
  options.add(output).add(estimator_options(*model)).add(common_options(common));
  const auto values = parse_verb_options(call, options);
  if (!values) return 0;
  require_option(*values, "data");
  require_option(*values, "model");
  apply_common_options(common);
  check_data_options(data);
  apply_estimator_options(*values, *model);
  check_output_path(model_path);  // before fitting, so a typo in --model costs no fitting time

  Dataset dataset;
  {
    ScopedTimer timer("load data", common.log());
    dataset = read_training_data(data, *model);
  }
  {
    ScopedTimer timer("fit", common.log());
    fit_on(*model, dataset);
  }
  {
    ScopedTimer timer("save model", common.log());
    save(*model, model_path);
  }
  if (common.verbose)
    std::cerr << "fitted " << model->type_name() << " on " << dataset.n_samples() << " x "
              << dataset.n_features() << " from " << io::input_name(data.path) << ", saved to "
              << model_path << "\n";
  return 0;
}

}  // namespace

int run_estimator_app(int argc, char** argv, std::string_view name, const EstimatorFactory& make) {
  const AppInfo& app = registered_app(name);
  const std::string type = make()->type_name();
  const ModelLoader load_own_type = [make](const std::string& path) {
    std::unique_ptr<Estimator> model = make();
    load_into(*model, path);  // refuses a file that holds another type, naming it
    return model;
  };
  std::vector<Verb> verbs = {{"fit", "fit a " + type + " to a data file and save the model",
                              "--data FILE --model FILE [parameters] [options]",
                              [make](const VerbCall& call) { return fit(call, make); }}};
  // A transformer's model predicts nothing: it transforms.
  if (make()->has_transform()) {
    verbs.push_back(transform_verb(load_own_type));
  } else {
    verbs.push_back(predict_verb(load_own_type));
    verbs.push_back(score_verb(load_own_type));
  }
  verbs.push_back(info_verb(load_own_type));
  if (make()->supports_partial_fit())
    verbs.insert(verbs.begin() + 1, partial_fit_verb(make, load_own_type));
  return run_program(app, verbs, argc, argv);
}

}  // namespace fitkit::apps
