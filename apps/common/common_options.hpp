#pragma once
// Options every verb takes: --threads, -v/--verbose, -q/--quiet.

#include <boost/program_options/options_description.hpp>
#include <iosfwd>

namespace fitkit::apps {

struct CommonOptions {
  int threads = 0;  // 0: every core, or FITKIT_NUM_THREADS
  bool verbose = false;
  bool quiet = false;

  // Where -v sends timers and summaries: stderr, so stdout keeps only the verb's output.
  // Null without -v (fitkit::ScopedTimer then prints nothing).
  std::ostream* log() const;
};

boost::program_options::options_description common_options(CommonOptions& options);

// Sets the thread count, the progress switch and (with --quiet) silences warnings. Throws
// UsageError for a thread count outside 0..4095 (the range FITKIT_NUM_THREADS accepts; 0 is the
// default).
void apply_common_options(const CommonOptions& options);

}  // namespace fitkit::apps
