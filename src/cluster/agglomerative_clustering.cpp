#include "fitkit/cluster/agglomerative_clustering.hpp"

#include "core/payload.hpp"

#include <ostream>
#include <string>

#include "cluster/agglomerative_tree.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"

namespace fitkit {
namespace {

const char* metric_name(AgglomerativeMetric metric) {
  return EnumNames<AgglomerativeMetric>::values[static_cast<std::size_t>(metric)].second;
}

// scikit-learn's checks of the parameters together (each alone is checked by its constraint).
void check_combination(const AgglomerativeClusteringParams& p) {
  if (p.n_clusters.has_value() == p.distance_threshold.has_value())
    throw InvalidParameter(
        "n_clusters",
        std::string("exactly one of n_clusters and distance_threshold must be set, the other "
                    "none; ") +
            (p.n_clusters ? "both are (with distance_threshold, set n_clusters to none)"
                          : "neither is"));
  if (p.distance_threshold && p.compute_full_tree == ComputeFullTree::no)
    throw InvalidParameter("compute_full_tree",
                           "must be true or auto when distance_threshold is set");
  if (p.linkage == Linkage::ward && p.metric != AgglomerativeMetric::euclidean)
    throw InvalidParameter("metric", std::string("ward linkage works only with euclidean "
                                                 "distances, got ") +
                                         metric_name(p.metric));
}

// The first all-zero row, or -1: the cosine distance to it is undefined.
long long first_zero_row(const Matrix& X) {
  for (Index i = 0; i < X.n_rows; ++i) {
    bool zero = true;
    for (Index j = 0; j < X.n_cols && zero; ++j) zero = X(i, j) == 0;
    if (zero) return static_cast<long long>(i);
  }
  return -1;
}

}  // namespace

Tags AgglomerativeClustering::tags() const {
  Tags t = Clusterer::tags();
  t.transductive = true;
  return t;
}

AgglomerativeClustering& AgglomerativeClustering::fit(const Matrix& X) {
  Estimator::fit(X);
  return *this;
}

void AgglomerativeClustering::fit_values(const Matrix& X, const Vector& /*y*/,
                                         const Vector& /*sample_weight*/) {
  validate_params(params_);
  check_combination(params_);
  check_fit_input(X, type_name());
  const Index n = X.n_rows;
  if (n < 2)
    throw DataError(type_name() + " needs at least 2 samples to merge, got " + std::to_string(n));
  if (params_.n_clusters && static_cast<Index>(*params_.n_clusters) > n)
    throw InvalidParameter("n_clusters", "cannot find " + std::to_string(*params_.n_clusters) +
                                             " clusters in " + std::to_string(n) + " samples");
  if (params_.metric == AgglomerativeMetric::cosine) {
    const long long zero = first_zero_row(X);
    if (zero >= 0)
      throw DataError(type_name() + ": the cosine distance is undefined for a row of zeros (row " +
                      std::to_string(zero) + ")");
  }

  std::vector<detail::Merge> merges;
  detail::ChildOrder order = detail::ChildOrder::smaller_first;
  switch (params_.linkage) {
    case Linkage::ward:
      merges = detail::ward_merges(X);
      break;
    case Linkage::complete:
    case Linkage::average:
      merges = detail::condensed_chain_merges(X, params_.linkage, params_.metric);
      break;
    case Linkage::single:
      merges = detail::single_linkage_merges(X, params_.metric);
      // scikit-learn labels its own MST (euclidean, manhattan) without ordering the children;
      // cosine goes through scipy, which puts the smaller first.
      if (params_.metric != AgglomerativeMetric::cosine) order = detail::ChildOrder::as_merged;
      break;
  }
  detail::MergeTree tree = detail::number_merges(std::move(merges), n, order);

  Index n_found = 0;
  if (params_.distance_threshold) {
    n_found = 1 + static_cast<Index>(arma::accu(tree.distances >= *params_.distance_threshold));
  } else {
    n_found = static_cast<Index>(*params_.n_clusters);
  }
  Labels labels = detail::cut_tree(tree.children, n_found);

  reset_fitted();
  children_ = std::move(tree.children);
  if (params_.compute_distances || params_.distance_threshold)
    distances_ = std::move(tree.distances);
  else
    distances_.reset();
  n_clusters_found_ = n_found;
  labels_ = std::move(labels);
  set_n_features_in(X.n_cols);
}

Index AgglomerativeClustering::n_clusters_found() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return n_clusters_found_;
}

Index AgglomerativeClustering::n_leaves() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return labels_.n_elem;
}

const AgglomerativeClustering::IndexMatrix& AgglomerativeClustering::children() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return children_;
}

const Vector& AgglomerativeClustering::distances() const {
  if (!is_fitted()) throw NotFitted(type_name());
  if (distances_.is_empty())
    throw Error(type_name() +
                ": the merge distances are kept only with compute_distances or "
                "distance_threshold, as scikit-learn's distances_");
  return distances_;
}

void AgglomerativeClustering::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  out << "n_leaves: " << n_leaves() << "\n";
  out << "n_clusters: " << n_clusters_found_ << "\n";
  Labels sizes(n_clusters_found_, arma::fill::zeros);
  for (const auto label : labels_) ++sizes(static_cast<Index>(label));
  out << "cluster sizes:";
  for (const auto s : sizes) out << " " << s;
  out << "\n";
  if (!distances_.is_empty()) {
    const Index shown = std::min<Index>(distances_.n_elem, 5);
    out << "last merge distances:";
    for (Index k = distances_.n_elem - shown; k < distances_.n_elem; ++k)
      out << " " << detail::format_double(distances_(k));
    out << "\n";
  }
}

template <class Archive>
void AgglomerativeClustering::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::uint64_t n_found = n_clusters_found_;
  ar(cereal::make_nvp("children", detail::arma_ref(children_)),
     cereal::make_nvp("distances", detail::arma_ref(distances_)),
     cereal::make_nvp("n_clusters", n_found));
  if constexpr (Archive::is_loading::value) {
    const Index n = labels_.n_elem;
    if (n < 2) throw detail::FormatProblem("fewer than 2 labelled samples");
    if (children_.n_rows != n - 1 || children_.n_cols != 2)
      throw detail::FormatProblem("children is " + std::to_string(children_.n_rows) + " x " +
                                  std::to_string(children_.n_cols) + " for " + std::to_string(n) +
                                  " samples (expected " + std::to_string(n - 1) + " x 2)");
    // Each row names two nodes made before it, each used once: a tree over the samples.
    std::vector<bool> used(2 * n - 1, false);
    for (Index k = 0; k + 1 < n; ++k)
      for (Index c = 0; c < 2; ++c) {
        const std::int64_t node = children_(k, c);
        if (node < 0 || node >= static_cast<std::int64_t>(n + k) ||
            used[static_cast<std::size_t>(node)])
          throw detail::FormatProblem("children row " + std::to_string(k) +
                                      " does not name two distinct earlier nodes");
        used[static_cast<std::size_t>(node)] = true;
      }
    if (!distances_.is_empty() && (distances_.n_elem != n - 1 || !distances_.is_finite()))
      throw detail::FormatProblem("distances must be n_samples - 1 finite values");
    if (n_found < 1 || n_found > n)
      throw detail::FormatProblem("n_clusters " + std::to_string(n_found) + " for " +
                                  std::to_string(n) + " samples");
    if (labels_.min() < 0 || labels_.max() >= static_cast<std::int64_t>(n_found))
      throw detail::FormatProblem("a label outside 0 .. n_clusters - 1");
    n_clusters_found_ = static_cast<Index>(n_found);
  }
}

FITKIT_DEFINE_PAYLOAD(AgglomerativeClustering)

}  // namespace fitkit
