#include "common/common_options.hpp"

#include <iostream>

#include "common/usage_error.hpp"
#include "fitkit/core/progress.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/core/warnings.hpp"

namespace fitkit::apps {

namespace po = boost::program_options;

namespace {

constexpr int max_threads = 4095;  // as FITKIT_NUM_THREADS

}  // namespace

std::ostream* CommonOptions::log() const {
  return verbose ? &std::cerr : nullptr;
}

po::options_description common_options(CommonOptions& options) {
  po::options_description group("common options");
  group.add_options()  //
      ("threads", po::value(&options.threads)->value_name("N"),
       "threads for parallel work and BLAS (default: FITKIT_NUM_THREADS, else every core)")      //
      ("verbose,v", po::bool_switch(&options.verbose), "print timings and a summary to stderr")  //
      ("quiet,q", po::bool_switch(&options.quiet), "no progress bars or warnings");
  return group;
}

void apply_common_options(const CommonOptions& options) {
  if (options.threads < 0 || options.threads > max_threads)
    throw UsageError("--threads must be in [1, " + std::to_string(max_threads) +
                     "] (or 0 for the default), found " + std::to_string(options.threads));
  // 0 leaves the library's default, which already honours FITKIT_NUM_THREADS.
  if (options.threads > 0) set_num_threads(options.threads);
  set_progress_enabled(!options.quiet);
  if (options.quiet) set_warning_handler([](const Warning&) {});
}

}  // namespace fitkit::apps
