#include "common/partial_fit_command.hpp"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include "common/command_line.hpp"
#include "common/common_options.hpp"
#include "common/data_for_model.hpp"
#include "common/data_options.hpp"
#include "common/estimator_options.hpp"
#include "common/text.hpp"
#include "common/usage_error.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/output_file.hpp"
#include "fitkit/core/params.hpp"
#include "fitkit/core/timer.hpp"
#include "fitkit/io/input_file.hpp"
#include "fitkit/model/model_io.hpp"

namespace fitkit::apps {
namespace {

// --classes as the values partial_fit_dataset takes. Text labels: `names` (the model's sorted
// class names) gives each its index; a name not there is an error. Numeric labels: the numbers.
Vector classes_as_values(const std::vector<std::string>& listed, bool text,
                         const std::vector<std::string>& names) {
  Vector classes(listed.size());
  for (std::size_t k = 0; k < listed.size(); ++k) {
    if (text) {
      const auto found = std::find(names.begin(), names.end(), listed[k]);
      if (found == names.end())
        throw DataError("--classes names '" + listed[k] + "', which the model does not know (" +
                        join(names) + ")");
      classes(k) = static_cast<double>(found - names.begin());
    } else if (!fitkit::detail::parse_double(listed[k], classes(k))) {
      throw UsageError("--classes: '" + listed[k] +
                       "' is not a number, but the target column holds numbers");
    }
  }
  return classes;
}

// The first chunk of a classifier with text labels: its class indices (into the chunk's own
// sorted names) become indices into all the classes of --classes, sorted.
void to_listed_classes(Dataset& data, std::vector<std::string> listed) {
  std::sort(listed.begin(), listed.end());
  listed.erase(std::unique(listed.begin(), listed.end()), listed.end());
  std::vector<double> index(data.class_names.size());
  for (std::size_t k = 0; k < data.class_names.size(); ++k) {
    const auto found = std::find(listed.begin(), listed.end(), data.class_names[k]);
    if (found == listed.end())
      throw DataError(data.source, 0, 0,
                      "class '" + data.class_names[k] + "' in the target column '" +
                          data.target_name + "' is not one of --classes (" + join(listed) + ")");
    index[k] = static_cast<double>(found - listed.begin());
  }
  data.y.transform([&](double k) { return index[static_cast<std::size_t>(k)]; });
  data.class_names = std::move(listed);
}

int partial_fit(const VerbCall& call, const EstimatorFactory& make, const ModelLoader& load) {
  std::unique_ptr<Estimator> model = make();
  const std::string type = model->type_name();
  const bool classifier = model->kind() == EstimatorKind::classifier;
  std::string model_path, classes_text;
  DataOptions data;
  CommonOptions common;
  po::options_description model_group("model");
  model_group.add_options()("model", po::value(&model_path)->value_name("FILE"),
                            "the model: created by the first call, updated by later ones");
  if (classifier)
    model_group.add_options()("classes", po::value(&classes_text)->value_name("A,B,..."),
                              "every class label the chunks will hold (required by the call "
                              "that creates the model)");
  po::options_description options = data_options(data);
  options.add(model_group).add(estimator_options(*model)).add(common_options(common));
  const auto values = parse_verb_options(call, options);
  if (!values) return 0;
  require_option(*values, "data");
  require_option(*values, "model");
  apply_common_options(common);
  check_data_options(data);
  std::vector<std::string> listed;
  for (const std::string_view item : fitkit::detail::split_list(classes_text))
    if (!item.empty()) listed.emplace_back(item);
  if (classifier && values->count("classes") && listed.empty())
    throw UsageError("--classes lists no class");

  // The model is read and saved back, so it must be a file (a link to one is followed); "-"
  // (standard output) can only be created.
  std::error_code error;  // an unreadable path counts as missing; saving there says why
  const bool exists = model_path != "-" && std::filesystem::exists(model_path, error);
  if (exists && !std::filesystem::is_regular_file(model_path, error))
    throw FileError(model_path,
                    "partial-fit reads the model and saves it back in place: --model must be a "
                    "regular file, or a path where none exists yet");
  Dataset dataset;
  Vector classes;
  if (exists) {
    for (const ParamInfo& param : model->param_info())
      if (values->count(option_name(param.name)))
        throw UsageError("--" + option_name(param.name) + ": parameters are set by the call that " +
                         "creates the model, and " + model_path + " exists");
    model = load_timed(load, model_path, common);
    // A learner of X alone (MiniBatchKMeans) reads its features only, as its first call did.
    dataset = read_timed(data, *model,
                         model->tags().requires_y ? TargetColumn::required : TargetColumn::ignored,
                         common);
    if (!listed.empty())
      classes = classes_as_values(listed, !model->class_names().empty(), model->class_names());
  } else {
    const auto class_weights_by_name = apply_estimator_options(*values, *model);
    if (classifier && listed.empty())
      throw UsageError("--classes is required when partial-fit creates the model (" + model_path +
                       " does not exist): list every class label, e.g. --classes 0,1,2");
    check_output_path(model_path);
    ScopedTimer timer("load data", common.log());
    dataset = read_training_data(data, *model, common.log());
    if (classifier) {
      const bool text = !dataset.class_names.empty();
      if (text) to_listed_classes(dataset, listed);
      classes = classes_as_values(listed, text, dataset.class_names);
    }
    apply_class_weights_by_name(class_weights_by_name, *model, dataset.class_names);
  }
  {
    ScopedTimer timer("partial fit", common.log());
    naming_source(dataset, [&] { return &model->partial_fit_dataset(dataset, classes); });
  }
  {
    ScopedTimer timer("save model", common.log());
    save(*model, model_path);
  }
  if (common.verbose)
    std::cerr << (exists ? "updated " : "created ") << type << " with " << dataset.n_samples()
              << " x " << dataset.n_features() << " from " << io::input_name(data.path)
              << ", saved to " << model_path << "\n";
  return 0;
}

}  // namespace

Verb partial_fit_verb(EstimatorFactory make, ModelLoader load) {
  return {"partial-fit",
          "one more pass of incremental learning over a data file: creates the model if the "
          "file does not exist, else updates it",
          "--data FILE --model FILE [--classes A,B,...] [parameters] [options]",
          [make, load](const VerbCall& call) { return partial_fit(call, make, load); }};
}

}  // namespace fitkit::apps
