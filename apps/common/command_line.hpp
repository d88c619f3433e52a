#pragma once
// Parsing a verb's options with Boost.Program_options, strictly: no abbreviations (a
// guessed `--fit` could silently mean another option once a new one starts the same way)
// and no unknown options. Parse errors propagate to run_program, which reports them as
// usage errors.

#include <boost/program_options.hpp>
#include <optional>
#include <string>

#include "common/program.hpp"

namespace fitkit::apps {

namespace po = boost::program_options;

// Adds -h/--help to `options` and parses the call's arguments. Returns nullopt after
// printing the verb's help.
std::optional<po::variables_map> parse_verb_options(
    const VerbCall& call, const po::options_description& options,
    const po::positional_options_description& positional = {});

// Throws UsageError("missing --name") when the option was not given.
void require_option(const po::variables_map& values, const std::string& name);

}  // namespace fitkit::apps
