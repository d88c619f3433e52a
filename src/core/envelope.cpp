#include "core/envelope.hpp"

#include "fitkit/core/version.hpp"

namespace fitkit::detail {
namespace {

constexpr std::uint64_t kMaxFeatures = std::uint64_t{1} << 40;

}  // namespace

Envelope envelope_of(const Estimator& model) {
  Envelope e;
  e.type = model.type_name();
  e.class_version = model.class_version();
  e.fitkit_version = version();
  e.n_features_in = model.n_features_in();
  e.feature_names = model.feature_names();
  e.target_name = model.target_name();
  e.class_names = model.class_names();
  e.params = model.get_params();
  if (model.libsvm_zero_based()) e.libsvm_index_base = *model.libsvm_zero_based() ? 0 : 1;
  e.feature_categories = model.feature_categories();
  return e;
}

void check_envelope(const Envelope& e) {
  if (e.class_version == 0) throw FormatProblem("class version 0 is invalid");
  if (e.n_features_in == 0 || e.n_features_in > kMaxFeatures)
    throw FormatProblem("invalid n_features_in " + std::to_string(e.n_features_in));
  if (!e.feature_names.empty() && e.feature_names.size() != e.n_features_in)
    throw FormatProblem(std::to_string(e.feature_names.size()) + " feature names for " +
                        std::to_string(e.n_features_in) + " features");
  if (!e.feature_categories.empty() && e.feature_categories.size() != e.n_features_in)
    throw FormatProblem(std::to_string(e.feature_categories.size()) + " category lists for " +
                        std::to_string(e.n_features_in) + " features");
  if (e.libsvm_index_base < -1 || e.libsvm_index_base > 1)
    throw FormatProblem(
        "libsvm_index_base must be 0, 1 or -1 (not fitted on a LIBSVM file), "
        "found " +
        std::to_string(e.libsvm_index_base));
}

void check_envelope_for(const Envelope& e, const Estimator& model) {
  check_envelope(e);
  if (e.type != model.type_name())
    throw FormatProblem("the file holds a " + e.type + " model, not a " + model.type_name());
  if (e.class_version > model.class_version())
    throw FormatProblem(e.type + " model version " + std::to_string(e.class_version) +
                        " is newer than this fitkit " + version() + " reads (version " +
                        std::to_string(model.class_version()) + "); upgrade fitkit");
}

std::uint64_t checksum(std::string_view bytes) {
  Checksum sum;
  sum.add(bytes);
  return sum.value();
}

}  // namespace fitkit::detail
