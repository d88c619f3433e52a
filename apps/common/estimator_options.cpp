#include "common/estimator_options.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "common/usage_error.hpp"
#include "fitkit/core/class_weight.hpp"

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

namespace {

bool is_reserved(const ParamInfo& param, const std::vector<std::string>& reserved) {
  return std::find(reserved.begin(), reserved.end(), option_name(param.name)) != reserved.end();
}

}  // namespace

po::options_description estimator_options(const Estimator& estimator,
                                          const std::vector<std::string>& reserved) {
  po::options_description group(estimator.type_name() + " parameters");
  for (const ParamInfo& param : estimator.param_info()) {
    if (is_reserved(param, reserved)) continue;
    auto* value = po::value<std::string>()->value_name(value_name(param));
    // A boolean given bare means true, as GNU tools take a flag; `--shuffle false` still works.
    if (param.type == "bool") value->implicit_value("true");
    group.add_options()(option_name(param.name).c_str(), value, help_text(param).c_str());
  }
  return group;
}

std::vector<ClassWeightsByName> apply_estimator_options(const po::variables_map& values,
                                                        Estimator& estimator,
                                                        const std::vector<std::string>& reserved) {
  std::vector<ClassWeightsByName> pending;
  for (const ParamInfo& param : estimator.param_info()) {
    if (is_reserved(param, reserved)) continue;
    const auto given = values.find(option_name(param.name));
    if (given == values.end()) continue;
    const std::string text = given->second.as<std::string>();
    try {
      estimator.set_param(param.name, text);
    } catch (const InvalidParameter&) {
      const bool by_name =
          param.type == ClassWeight::param_type_name() && text.find(':') != std::string::npos;
      if (!by_name) throw;
      pending.push_back({param.name, text});
    }
  }
  return pending;
}

void apply_class_weights_by_name(const std::vector<ClassWeightsByName>& pending,
                                 Estimator& estimator,
                                 const std::vector<std::string>& class_names) {
  for (const auto& [param, text] : pending) {
    const std::string option = "--" + option_name(param);
    if (class_names.empty()) estimator.set_param(param, text);  // its own error says why
    std::string labels;
    for (const std::string_view item : detail::split_list(text)) {
      const std::size_t colon = item.find(':');
      const std::string name(item.substr(0, colon));
      const auto found = std::find(class_names.begin(), class_names.end(), name);
      if (found == class_names.end())
        throw UsageError(option + ": '" + name + "' is not a class of the target (" +
                         join(class_names) + ")");
      labels += (labels.empty() ? "" : ",") + std::to_string(found - class_names.begin()) +
                std::string(item.substr(colon));
    }
    estimator.set_param(param, labels);
  }
}

}  // namespace fitkit::apps
