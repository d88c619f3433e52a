#pragma once
// The shape every fitkit program shares: `program <verb> [options]`, `--help` and `--version`
// in place of a verb, and the one place where exceptions become messages and exit codes.

#include <functional>
#include <string>
#include <vector>

#include "common/app_info.hpp"

namespace fitkit::apps {

struct Verb;

// One run of a verb: the program, the verb and the arguments after it.
struct VerbCall {
  const AppInfo& app;
  const Verb& verb;
  std::vector<std::string> args;
};

struct Verb {
  std::string name;     // "fit"
  std::string summary;  // one line for the program's --help
  std::string usage;    // what follows the verb on the usage line: "--model FILE [options]"
  std::function<int(const VerbCall&)> run;
};

// Runs the verb named by argv[1] and returns the exit status: 0, 2 for a usage error
// (UsageError, InvalidParameter), 1 for anything else. Never throws; errors go to stderr as
// "program: error: what".
int run_program(const AppInfo& app, const std::vector<Verb>& verbs, int argc, char** argv);

}  // namespace fitkit::apps
