#pragma once
// Command-line options generated from an estimator's parameters (DESIGN.md §3): one per
// param_info() entry, named after it with '_' turned into '-' (n_clusters -> --n-clusters,
// case kept), values applied through set_param so that the estimator does the validation.

#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "fitkit/core/estimator.hpp"

namespace fitkit::apps {

std::string option_name(const std::string& param_name);

// `reserved`: option names the verb itself takes (`fitkit cv --algorithm`), whose parameters
// are left out (settable there with --param NAME=VALUE).
boost::program_options::options_description estimator_options(
    const Estimator& estimator, const std::vector<std::string>& reserved = {});

// Class weights keyed by class name (--class-weight setosa:2,virginica:0.5), which only the
// data can turn into labels: set by apply_class_weights_by_name once it is read.
struct ClassWeightsByName {
  std::string param;  // "class_weight"
  std::string text;   // "setosa:2,virginica:0.5"
};

// Sets every parameter given on the command line. Throws InvalidParameter for a value the
// estimator refuses (a usage error), except class weights that name classes: those are
// returned, to be set once the data's class names are known.
std::vector<ClassWeightsByName> apply_estimator_options(
    const boost::program_options::variables_map& values, Estimator& estimator,
    const std::vector<std::string>& reserved = {});

// Sets the class weights of `pending` with each class name replaced by its label (its index
// among `class_names`, as the target column's labels are). Throws UsageError for a name that
// is no class of the data, or class weights by name on a target of numbers.
void apply_class_weights_by_name(const std::vector<ClassWeightsByName>& pending,
                                 Estimator& estimator, const std::vector<std::string>& class_names);

}  // namespace fitkit::apps
