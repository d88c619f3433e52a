#pragma once
// Hierarchical agglomerative clustering, as scikit-learn's AgglomerativeClustering without
// connectivity constraints: every sample starts as its own cluster and the two closest
// clusters are merged until one is left; the tree is then cut into n_clusters clusters, or
// where merges reach distance_threshold.
//
//   fitkit::AgglomerativeClustering agg({.n_clusters = 3, .linkage = fitkit::Linkage::ward});
//   agg.fit(X);
//   agg.labels(); agg.children(); agg.n_clusters_found();
//
//   fitkit::AgglomerativeClustering cut({.n_clusters = std::nullopt, .distance_threshold = 5.0});
//   cut.fit(X).distances();   // the merge distances, kept when compute_distances or a threshold
//
// It is transductive: it labels the rows it was fitted on (labels(), fit_predict) and has no
// predict. The merge tree is scikit-learn's children_: row i merges the two nodes it names
// into node n_samples + i, leaves being 0 .. n_samples - 1, and the rows are in increasing
// order of merge distance.
//
// Algorithms (memory beyond X in brackets):
//   ward      nearest-neighbour chain on cluster sizes and centroids [O(n d)]: the Ward
//             distance between clusters A and B is sqrt(2 |A||B| / (|A|+|B|)) ||mean A - mean
//             B||, scipy's (Lance-Williams) value, with no distance matrix at all;
//   complete, average
//             nearest-neighbour chain with Lance-Williams updates on the condensed distance
//             matrix [n (n-1) / 2 doubles, as scipy];
//   single    Prim's minimum spanning tree, distances computed as needed [O(n)].
// Merges tied at exactly the same distance are ordered as scipy's and scikit-learn's are (the
// same scan order and tie rules); merges whose distances differ only by rounding may be
// ordered differently.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <utility>

#include "fitkit/core/clusterer.hpp"

namespace fitkit {

enum class Linkage { ward, complete, average, single };

template <>
struct EnumNames<Linkage> {
  static constexpr std::array values{
      std::pair{Linkage::ward, "ward"}, std::pair{Linkage::complete, "complete"},
      std::pair{Linkage::average, "average"}, std::pair{Linkage::single, "single"}};
};

enum class AgglomerativeMetric { euclidean, manhattan, cosine };

template <>
struct EnumNames<AgglomerativeMetric> {
  // l2, l1 and cityblock are scikit-learn's other names for the first two.
  static constexpr std::array values{std::pair{AgglomerativeMetric::euclidean, "euclidean"},
                                     std::pair{AgglomerativeMetric::manhattan, "manhattan"},
                                     std::pair{AgglomerativeMetric::cosine, "cosine"},
                                     std::pair{AgglomerativeMetric::euclidean, "l2"},
                                     std::pair{AgglomerativeMetric::manhattan, "l1"},
                                     std::pair{AgglomerativeMetric::manhattan, "cityblock"}};
};

// scikit-learn's compute_full_tree: "auto", True or False.
enum class ComputeFullTree { automatic, yes, no };

template <>
struct EnumNames<ComputeFullTree> {
  static constexpr std::array values{std::pair{ComputeFullTree::automatic, "auto"},
                                     std::pair{ComputeFullTree::yes, "true"},
                                     std::pair{ComputeFullTree::no, "false"}};
};

struct AgglomerativeClusteringParams {
  std::optional<int> n_clusters = 2;
  AgglomerativeMetric metric = AgglomerativeMetric::euclidean;
  ComputeFullTree compute_full_tree = ComputeFullTree::automatic;
  Linkage linkage = Linkage::ward;
  std::optional<double> distance_threshold;
  bool compute_distances = false;

  template <class V>
  void visit(V&& v) {
    v("n_clusters", n_clusters,
      "number of clusters to find (none when distance_threshold is given: exactly one of the "
      "two is set)",
      at_least(1));
    v("metric", metric,
      "distance between samples: euclidean (l2), manhattan (l1, cityblock) or cosine; ward "
      "needs euclidean",
      one_of_enum());
    v("compute_full_tree", compute_full_tree,
      "scikit-learn's early stop, which applies only with connectivity constraints: the full "
      "tree is always built; false is refused with distance_threshold",
      one_of_enum());
    v("linkage", linkage,
      "distance between clusters: ward (least increase of within-cluster variance), complete "
      "(largest pairwise distance), average (mean pairwise distance) or single (smallest)",
      one_of_enum());
    v("distance_threshold", distance_threshold,
      "cut the tree where merges reach this distance (none: cut into n_clusters)", at_least(0.0));
    v("compute_distances", compute_distances,
      "keep the merge distances (distances()) even without distance_threshold");
  }
};

class AgglomerativeClustering
    : public EstimatorWithParams<AgglomerativeClustering, AgglomerativeClusteringParams,
                                 Clusterer> {
 public:
  using EstimatorWithParams::EstimatorWithParams;
  using IndexMatrix = arma::Mat<std::int64_t>;

  AgglomerativeClustering& fit(const Matrix& X);
  Tags tags() const override;

  // scikit-learn's n_clusters_: n_clusters, or the number the threshold cut gave.
  Index n_clusters_found() const;
  // scikit-learn's n_leaves_: the number of samples fitted.
  Index n_leaves() const;
  // scikit-learn's children_: (n_samples - 1) x 2, row i the nodes merged into node n + i.
  const IndexMatrix& children() const;
  // scikit-learn's distances_: the distance of each merge (rows of children()); kept when
  // compute_distances is true or distance_threshold is set, else an error as in scikit-learn.
  const Vector& distances() const;

  std::string type_name() const override { return "AgglomerativeClustering"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override;

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  IndexMatrix children_;
  Vector distances_;  // empty unless kept (see distances())
  Index n_clusters_found_ = 0;
};

}  // namespace fitkit
