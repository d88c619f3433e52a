#include "common/estimator_app.hpp"

#include <filesystem>
#include <iostream>

#include "common/command_line.hpp"
#include "common/common_options.hpp"
#include "common/data_options.hpp"
#include "common/estimator_options.hpp"
#include "common/extra_verbs.hpp"
#include "common/model_commands.hpp"
#include "common/partial_fit_command.hpp"
#include "common/preprocessing_options.hpp"
#include "common/program.hpp"
#include "common/transform_command.hpp"
#include "common/usage_error.hpp"
#include "fitkit/core/clusterer.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/output_file.hpp"
#include "fitkit/core/timer.hpp"
#include "fitkit/io/input_file.hpp"
#include "fitkit/model/model_io.hpp"
#include "fitkit/pipeline/pipeline.hpp"

namespace fitkit::apps {
namespace {

// What fit and fit-predict share: the options, then the data read and the estimator fitted.
struct FitCall {
  std::unique_ptr<Estimator> model;  // the program's estimator, or a Pipeline ending in it
  Estimator* estimator = nullptr;    // the program's estimator
  PreprocessingOptions preprocessing;
  po::variables_map values;  // the command line, kept to set it again on a warm-started model
  std::vector<ClassWeightsByName> class_weights_by_name;
  DataOptions data;
  CommonOptions common;
  Dataset dataset;
  bool warm_started = false;
};

bool parse_fit_call(const VerbCall& call, po::options_description& own, FitCall& out,
                    const std::vector<std::string>& required) {
  po::options_description options = data_options(out.data);
  options.add(own)
      .add(estimator_options(*out.model))
      .add(preprocessing_options(out.preprocessing))
      .add(common_options(out.common));
  auto values = parse_verb_options(call, options);
  if (!values) return false;
  for (const std::string& name : required) require_option(*values, name);
  apply_common_options(out.common);
  check_data_options(out.data);
  out.class_weights_by_name = apply_estimator_options(*values, *out.model);
  check_preprocessing_options(out.preprocessing);
  out.values = std::move(*values);
  out.estimator = out.model.get();
  return true;
}

bool warm_start_requested(const Estimator& model) {
  const ParamMap params = model.get_params();
  const auto found = params.find("warm_start");
  return found != params.end() && found->second == "true";
}

// warm_start continues from the model already saved at --model, as scikit-learn's continues
// from the previous fit: that model, with the parameters of this command line set on it, is
// the one fitted. Where no model exists yet, the fit starts from scratch, as a first fit does.
void continue_from_saved_model(FitCall& fc, const EstimatorFactory& make,
                               const std::string& model_path) {
  if (!warm_start_requested(*fc.model) || model_path == "-") return;
  std::error_code error;  // an unreadable path counts as missing; saving there says why
  if (!std::filesystem::exists(model_path, error)) return;
  if (!std::filesystem::is_regular_file(model_path, error))
    throw FileError(model_path,
                    "--warm-start true continues from the model saved at --model, so it must be "
                    "a regular file, or a path where none exists yet");
  std::unique_ptr<Estimator> saved = make();
  {
    ScopedTimer timer("load model", fc.common.log());
    load_into(*saved, model_path);  // refuses a file that holds another type, naming it
  }
  fc.class_weights_by_name = apply_estimator_options(fc.values, *saved);
  fc.model = std::move(saved);
  fc.estimator = fc.model.get();
  fc.warm_started = true;
}

// After the estimator's own options (and a warm start) are settled: the preprocessing asked
// for goes before it.
void add_preprocessing(FitCall& fc) {
  if (!fc.preprocessing.any()) return;
  if (fc.warm_started || warm_start_requested(*fc.model))
    throw UsageError(
        "--warm-start continues a saved model as it is: --scale and --impute are given when "
        "it is first fitted");
  fc.model = with_preprocessing(std::move(fc.model), fc.preprocessing);
}

void read_and_fit(FitCall& fc) {
  {
    ScopedTimer timer("load data", fc.common.log());
    fc.dataset = read_training_data(fc.data, *fc.model, fc.common.log());
  }
  choose_columns(*fc.model, fc.dataset, fc.preprocessing);
  apply_class_weights_by_name(fc.class_weights_by_name, *fc.estimator, fc.dataset.class_names);
  ScopedTimer timer("fit", fc.common.log());
  naming_source(fc.dataset, [&] { return &fc.model->fit_dataset(fc.dataset); });
}

int fit(const VerbCall& call, const EstimatorFactory& make) {
  FitCall fc;
  fc.model = make();
  const bool clusterer = fc.model->kind() == EstimatorKind::clusterer;
  std::string model_path, labels_path;
  po::options_description output("model");
  output.add_options()("model", po::value(&model_path)->value_name("FILE"),
                       "where to save the model (.json: JSON, else binary)");
  if (clusterer)
    output.add_options()("labels-out", po::value(&labels_path)->value_name("FILE"),
                         "also write the cluster of every row fitted on (- for stdout), as "
                         "fit-predict does");
  if (!parse_fit_call(call, output, fc, {"data", "model"})) return 0;
  check_output_path(model_path);  // before fitting, so a typo in --model costs no fitting time
  if (!labels_path.empty() && labels_path != "-") check_output_path(labels_path);
  continue_from_saved_model(fc, make, model_path);
  add_preprocessing(fc);
  read_and_fit(fc);
  {
    ScopedTimer timer("save model", fc.common.log());
    save(*fc.model, model_path);
  }
  if (!labels_path.empty())
    write_labels(
        labels_path, *fc.model,
        arma::conv_to<Vector>::from(dynamic_cast<const Clusterer&>(*fc.estimator).labels()),
        fc.common);
  if (fc.common.verbose)
    std::cerr << (fc.warm_started ? "continued fitting " : "fitted ") << fc.model->type_name()
              << " on " << fc.dataset.n_samples() << " x " << fc.dataset.n_features() << " from "
              << io::input_name(fc.data.path) << ", saved to " << model_path << "\n";
  return 0;
}

// Clusterers label the rows they are fitted on (transductive ones, as agglomerative clustering,
// only those): fit-predict writes those labels, and saves the model too when --model is given.
int fit_predict(const VerbCall& call, const EstimatorFactory& make) {
  FitCall fc;
  fc.model = make();
  std::string model_path, output = "-";
  po::options_description own = output_option(output, "the labels");
  own.add_options()("model", po::value(&model_path)->value_name("FILE"),
                    "also save the model here (optional)");
  if (!parse_fit_call(call, own, fc, {"data"})) return 0;
  if (!model_path.empty()) check_output_path(model_path);
  if (output != "-") check_output_path(output);
  add_preprocessing(fc);
  Vector labels;
  {
    ScopedTimer timer("load data", fc.common.log());
    fc.dataset = read_training_data(fc.data, *fc.model, fc.common.log());
  }
  choose_columns(*fc.model, fc.dataset, fc.preprocessing);
  apply_class_weights_by_name(fc.class_weights_by_name, *fc.estimator, fc.dataset.class_names);
  {
    ScopedTimer timer("fit", fc.common.log());
    labels = naming_source(fc.dataset, [&] { return fc.model->fit_predict_dataset(fc.dataset); });
  }
  if (!model_path.empty()) {
    ScopedTimer timer("save model", fc.common.log());
    save(*fc.model, model_path);
  }
  write_labels(output, *fc.model, std::move(labels), fc.common);
  return 0;
}

// The program's own type, alone or at the end of a pipeline (fitted with --scale, --impute or
// --one-hot). A file that is neither is refused as loading the own type refuses it.
std::unique_ptr<Estimator> load_program_model(const std::string& path, ModelInfo* info,
                                              const EstimatorFactory& make) {
  std::unique_ptr<Estimator> model = make();
  try {
    load_into(*model, path, info);  // refuses a file that holds another type, naming it
    return model;
  } catch (const ModelFormatError& own_type_error) {
    auto pipeline = std::make_unique<Pipeline>();
    try {
      load_into(*pipeline, path, info);
    } catch (const ModelFormatError&) {
      throw own_type_error;
    }
    const std::string& held = pipeline->final_estimator().type_name();
    if (held != model->type_name())
      throw ModelFormatError(path, "the file holds a Pipeline ending in a " + held +
                                       " model, not a " + model->type_name());
    return pipeline;
  }
}

}  // namespace

int run_estimator_app(int argc, char** argv, std::string_view program) {
  const EstimatorType* type = find_estimator_program(program);
  if (type == nullptr) {
    std::cerr << program << ": internal error: missing from src/model/registry.cpp\n";
    return 1;
  }
  const AppInfo app{type->program, type->description};
  const EstimatorFactory make = type->make;
  const ModelLoader load_own_type = [make](const std::string& path, ModelInfo* info) {
    return load_program_model(path, info, make);
  };
  const Tags tags = make()->tags();
  std::vector<Verb> verbs = {{"fit",
                              "fit a " + type->type_name + " to a data file and save the model",
                              "--data FILE --model FILE [parameters] [options]",
                              [make](const VerbCall& call) { return fit(call, make); }}};
  if (tags.partial_fit) verbs.push_back(partial_fit_verb(make, load_own_type));
  // scikit-learn gives every clusterer fit_predict; for a transductive one it is the only way
  // to label rows.
  if (tags.transductive || tags.kind == EstimatorKind::clusterer)
    verbs.push_back({"fit-predict",
                     "fit a " + type->type_name +
                         " and write the labels of the rows it was "
                         "fitted on",
                     "--data FILE [--output FILE] [--model FILE] [parameters] [options]",
                     [make](const VerbCall& call) { return fit_predict(call, make); }});
  if (tags.predict) verbs.push_back(predict_verb(load_own_type));
  if (tags.transform) verbs.push_back(transform_verb(load_own_type));
  if (tags.score) verbs.push_back(score_verb(load_own_type));
  verbs.push_back(info_verb(load_own_type));
  for (const std::string& name : type->extra_verbs)
    verbs.push_back(extra_verb(name, load_own_type));
  return run_program(app, verbs, argc, argv);
}

}  // namespace fitkit::apps
