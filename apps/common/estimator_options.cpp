#include "common/estimator_options.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace fitkit::apps {

namespace po = boost::program_options;

namespace {

// What goes after the option name in --help: the choices, or the type.
std::string value_name(const ParamInfo& param) {
  return param.choices.empty() ? param.type : join(param.choices, "|");
}

std::string help_text(const ParamInfo& param) {
  std::string text = param.help + " (";
  if (!param.constraint.empty()) text += param.constraint + "; ";
  return text + "default: " + param.value + ")";
}

}  // namespace

std::string option_name(const std::string& param_name) {
  std::string name = param_name;
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

po::options_description estimator_options(const Estimator& estimator) {
  po::options_description group(estimator.type_name() + " parameters");
  for (const ParamInfo& param : estimator.param_info())
    group.add_options()(option_name(param.name).c_str(),
                        po::value<std::string>()->value_name(value_name(param)),
                        help_text(param).c_str());
  return group;
}

void apply_estimator_options(const po::variables_map& values, Estimator& estimator) {
  for (const ParamInfo& param : estimator.param_info()) {
    const auto given = values.find(option_name(param.name));
    if (given != values.end()) estimator.set_param(param.name, given->second.as<std::string>());
  }
}

}  // namespace fitkit::apps
