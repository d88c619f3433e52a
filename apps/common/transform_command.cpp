#include "common/transform_command.hpp"

#include "common/command_line.hpp"
#include "common/common_options.hpp"
#include "common/data_for_model.hpp"
#include "common/data_options.hpp"
#include "common/model_commands.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/output_file.hpp"
#include "fitkit/core/timer.hpp"
#include "fitkit/io/predictions.hpp"

namespace fitkit::apps {
namespace {

int transform(const VerbCall& call, const ModelLoader& load) {
  ModelOnData args;
  std::string output = "-";
  po::options_description options = model_option(args.model_path);
  options.add(output_option(output, "the features"));
  if (!parse_model_on_data(call, options, args)) return 0;
  const auto& [model_path, data, common] = args;

  check_output_path(output);  // before the work that ends in writing it
  const std::unique_ptr<Estimator> model = load_timed(load, model_path, common);
  if (!model->tags().transform)
    throw Error(model->type_name() + " is not a transformer: use predict");
  Dataset dataset = read_timed(data, *model, TargetColumn::passed_through, common);
  io::FeatureTable table;
  {
    ScopedTimer timer("transform", common.log());
    table.values = model->transform(dataset.X);
    table.column_names = model->feature_names_out();
  }
  if (dataset.has_target()) {
    table.passed_through.name = dataset.target_name;
    table.passed_through.values = std::move(dataset.y);
    table.passed_through.class_names = std::move(dataset.class_names);
  }
  ScopedTimer timer("write features", common.log());
  io::write_features(output, table);
  return 0;
}

}  // namespace

Verb transform_verb(ModelLoader load) {
  return {"transform",
          "write a transformer's output features for a data file (with its target column, "
          "when the file has the one the model was fitted with)",
          "--model FILE --data FILE [--output FILE] [options]",
          [load](const VerbCall& call) { return transform(call, load); }};
}

}  // namespace fitkit::apps
