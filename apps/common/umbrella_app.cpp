#include "common/umbrella_app.hpp"

#include <iomanip>
#include <iostream>

#include "common/command_line.hpp"
#include "common/model_commands.hpp"
#include "common/model_selection_commands.hpp"
#include "common/program.hpp"
#include "common/report_command.hpp"
#include "common/split_command.hpp"
#include "common/transform_command.hpp"
#include "fitkit/model/model_io.hpp"

namespace fitkit::apps {
namespace {

int list(const VerbCall& call) {
  const po::options_description no_options;
  if (!parse_verb_options(call, no_options)) return 0;
  std::size_t width = 0;
  for (const EstimatorType& type : registered_estimators())
    width = std::max(width, type.program.size());
  for (const EstimatorType& type : registered_estimators())
    std::cout << std::left << std::setw(static_cast<int>(width)) << type.program << "  "
              << type.description << "\n";
  return 0;
}

}  // namespace

int run_umbrella_app(int argc, char** argv) {
  const AppInfo app{"fitkit", "classical machine learning: scikit-learn's ease, faster"};
  const ModelLoader load_any_type = [](const std::string& path, ModelInfo* info) {
    return load_any(path, info);
  };
  const std::vector<Verb> verbs = {
      {"list", "list the fitkit programs, one per estimator", "", list},
      info_verb(load_any_type),
      predict_verb(load_any_type),
      score_verb(load_any_type),
      transform_verb(load_any_type),
      cv_verb(),
      search_verb(),
      split_verb(),
      report_verb(load_any_type),
  };
  return run_program(app, verbs, argc, argv);
}

}  // namespace fitkit::apps
