#include "common/command_line.hpp"

#include <iostream>

#include "common/usage_error.hpp"

namespace fitkit::apps {

std::optional<po::variables_map> parse_verb_options(
    const VerbCall& call, const po::options_description& options,
    const po::positional_options_description& positional) {
  po::options_description help_option;
  help_option.add_options()("help,h", "show this help and exit");
  po::options_description all;
  all.add(options).add(help_option);

  const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
  po::variables_map values;
  po::store(
      po::command_line_parser(call.args).options(all).positional(positional).style(style).run(),
      values);
  if (values.count("help") != 0) {
    std::cout << "Usage: " << call.app.name << " " << call.verb.name
              << (call.verb.usage.empty() ? "" : " " + call.verb.usage) << "\n"
              << call.verb.summary << "\n"
              << all;
    return std::nullopt;
  }
  po::notify(values);
  return values;
}

void require_option(const po::variables_map& values, const std::string& name) {
  if (values.count(name) == 0) throw UsageError("missing --" + name);
}

}  // namespace fitkit::apps
