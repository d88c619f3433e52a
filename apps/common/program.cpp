#include "common/program.hpp"

#include <boost/program_options/errors.hpp>
#include <iomanip>
#include <iostream>
#include <new>
#include <string_view>

#include "common/text.hpp"
#include "common/usage_error.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/version.hpp"
#include "fitkit/core/warnings.hpp"

namespace fitkit::apps {
namespace {

std::string verb_names(const std::vector<Verb>& verbs) {
  std::vector<std::string> names;
  for (const Verb& verb : verbs) names.push_back(verb.name);
  return join(names);
}

void print_overview(const AppInfo& app, const std::vector<Verb>& verbs) {
  std::size_t width = 0;
  for (const Verb& verb : verbs) width = std::max(width, verb.name.size());
  std::cout << app.name << ": " << app.description << "\n\n"
            << "Usage: " << app.name << " <verb> [options]\n"
            << "       " << app.name << " --help | --version\n\nVerbs:\n";
  for (const Verb& verb : verbs)
    std::cout << "  " << std::left << std::setw(static_cast<int>(width)) << verb.name << "  "
              << verb.summary << "\n";
  std::cout << "\nRun '" << app.name << " <verb> --help' for the options of a verb.\n";
}

// `current` is set once the verb is known, so that a usage error can point to its help.
int dispatch(const AppInfo& app, const std::vector<Verb>& verbs, int argc, char** argv,
             const Verb*& current) {
  if (argc < 2) throw UsageError("missing verb: expected one of " + verb_names(verbs));
  const std::string_view first = argv[1];
  if (first == "--help" || first == "-h") {
    print_overview(app, verbs);
    return 0;
  }
  if (first == "--version") {
    std::cout << app.name << " (fitkit) " << fitkit::version() << "\n";
    return 0;
  }
  for (const Verb& verb : verbs) {
    if (verb.name != first) continue;
    current = &verb;
    return verb.run(VerbCall{app, verb, std::vector<std::string>(argv + 2, argv + argc)});
  }
  if (first.starts_with("-"))
    throw UsageError("expected a verb (" + verb_names(verbs) + ") before the options, found '" +
                     std::string(first) + "'");
  throw UsageError("unknown verb '" + std::string(first) + "': expected one of " +
                   verb_names(verbs));
}

int fail(const AppInfo& app, std::string_view what) {
  std::cout.flush();
  std::cerr << app.name << ": error: " << what << "\n";
  return 1;
}

int fail_usage(const AppInfo& app, const Verb* verb, std::string_view what) {
  std::cout.flush();
  std::cerr << app.name << ": error: " << what << "\n"
            << "see '" << app.name << (verb != nullptr ? " " + verb->name : "") << " --help'\n";
  return 2;
}

}  // namespace

int run_program(const AppInfo& app, const std::vector<Verb>& verbs, int argc, char** argv) {
  const Verb* verb = nullptr;
  // Warnings (an estimator stopped at max_iter, say) go to stderr under the program's name;
  // --quiet silences them.
  set_warning_handler([name = app.name](const Warning& warning) {
    std::cout.flush();
    std::cerr << name << ": warning: " << warning.message << "\n";
  });
  try {
    return dispatch(app, verbs, argc, argv, verb);
  } catch (const UsageError& e) {
    return fail_usage(app, verb, e.what());
  } catch (const InvalidParameter& e) {
    return fail_usage(app, verb, e.what());
  } catch (const boost::program_options::error& e) {
    return fail_usage(app, verb, e.what());
  } catch (const std::bad_alloc&) {
    return fail(app, "out of memory");
  } catch (const std::exception& e) {
    return fail(app, e.what());
  } catch (...) {
    return fail(app, "unknown error");
  }
}

}  // namespace fitkit::apps
