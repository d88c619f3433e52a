#pragma once
// Command-line options generated from an estimator's parameters (DESIGN.md §3): one per
// param_info() entry, named after it with '_' turned into '-' (n_clusters -> --n-clusters,
// case kept), values applied through set_param so that the estimator does the validation.

#include <boost/program_options.hpp>
#include <string>

#include "fitkit/core/estimator.hpp"

namespace fitkit::apps {

std::string option_name(const std::string& param_name);

boost::program_options::options_description estimator_options(const Estimator& estimator);

// Sets every parameter given on the command line. Throws InvalidParameter for a value the
// estimator refuses (a usage error).
void apply_estimator_options(const boost::program_options::variables_map& values,
                             Estimator& estimator);

}  // namespace fitkit::apps
