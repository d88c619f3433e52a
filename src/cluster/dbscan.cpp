#include "fitkit/cluster/dbscan.hpp"

#include "core/payload.hpp"

#include <ostream>
#include <string>

#include "cluster/dbscan_search.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"

namespace fitkit {
namespace {

detail::DbscanSettings settings_of(const DBSCANParams& params) {
  detail::DbscanSettings s;
  s.eps = params.eps;
  s.min_samples = params.min_samples;
  s.metric = params.metric;
  s.p = params.p;
  s.leaf_size = static_cast<Index>(params.leaf_size);
  switch (params.algorithm) {
    case DBSCANAlgorithm::automatic:
      s.search = detail::DbscanSearch::grid;  // where it fits (d <= 3), else the kd-tree
      break;
    case DBSCANAlgorithm::kd_tree:
      s.search = detail::DbscanSearch::kd_tree;
      break;
    case DBSCANAlgorithm::brute:
      s.search = detail::DbscanSearch::brute;
      break;
  }
  return s;
}

}  // namespace

DBSCAN& DBSCAN::fit(const Matrix& X) {
  return fit_weighted(X, nullptr);
}

DBSCAN& DBSCAN::fit(const Matrix& X, const Vector& sample_weight) {
  return fit_weighted(X, &sample_weight);
}

DBSCAN& DBSCAN::fit_weighted(const Matrix& X, const Vector* sample_weight) {
  validate_params(params_);
  check_fit_input(X, type_name());
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);
  detail::DbscanResult result = detail::run_dbscan(X, sample_weight, settings_of(params_));
  reset_fitted();
  labels_ = std::move(result.labels);
  core_sample_indices_ = std::move(result.core_indices);
  components_ = X.rows(core_sample_indices_);
  set_n_features_in(X.n_cols);
  return *this;
}

Tags DBSCAN::tags() const {
  Tags t = Clusterer::tags();
  t.sample_weight = true;
  t.predict = true;
  return t;
}

Labels DBSCAN::predict(const Matrix& X) const {
  check_predict_input(X);
  const Labels core_labels = labels_(core_sample_indices_);
  return detail::nearest_core_labels(components_, core_labels, X, settings_of(params_));
}

const arma::uvec& DBSCAN::core_sample_indices() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return core_sample_indices_;
}

const Matrix& DBSCAN::components() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return components_;
}

void DBSCAN::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  const std::int64_t clusters = labels_.is_empty() ? 0 : labels_.max() + 1;
  out << "samples: " << labels_.n_elem << "\n";
  out << "clusters: " << clusters << "\n";
  out << "core samples: " << core_sample_indices_.n_elem << "\n";
  out << "noise: " << arma::accu(labels_ < 0) << "\n";
  if (clusters > 0) {
    out << "cluster sizes:";
    for (std::int64_t c = 0; c < clusters; ++c) out << " " << arma::accu(labels_ == c);
    out << "\n";
  }
}

template <class Archive>
void DBSCAN::serialize(Archive& ar, std::uint32_t /*version*/) {
  ar(cereal::make_nvp("core_sample_indices", detail::arma_ref(core_sample_indices_)),
     cereal::make_nvp("components", detail::arma_ref(components_)));
  if constexpr (Archive::is_loading::value) {
    const Index n_core = core_sample_indices_.n_elem;
    if (components_.n_rows != n_core || (n_core > 0 && components_.n_cols != n_features_in()))
      throw detail::FormatProblem("components are " + std::to_string(components_.n_rows) + " x " +
                                  std::to_string(components_.n_cols) + " for " +
                                  std::to_string(n_core) + " core samples of " +
                                  std::to_string(n_features_in()) + " features");
    if (n_core == 0) components_.set_size(0, n_features_in());
    if (!components_.is_finite()) throw detail::FormatProblem("non-finite components");
    for (Index k = 0; k < n_core; ++k) {
      const Index row = core_sample_indices_(k);
      if (row >= labels_.n_elem || (k > 0 && row <= core_sample_indices_(k - 1)))
        throw detail::FormatProblem("core sample indices are not increasing rows of the labels");
      if (labels_(row) < 0) throw detail::FormatProblem("a core sample labelled as noise");
    }
  }
}

FITKIT_DEFINE_PAYLOAD(DBSCAN)

}  // namespace fitkit
