#pragma once
// K-means clustering, as scikit-learn's KMeans:
//
//   fitkit::KMeans km({.n_clusters = 3, .seed = 0});
//   km.fit(X);                                // optional sample_weight
//   km.labels(); km.cluster_centers(); km.inertia(); km.n_iter();
//   km.predict(X); km.transform(X);           // nearest centre; distances to every centre
//   km.score(X);                              // -inertia of X against the centres
//
// As scikit-learn: X is centred by its mean before iterating (for precision), each of n_init
// runs starts from k-means++ (greedy, 2 + ln k candidates), random samples or given centres
// (kmeans_init.hpp), iterates until the labels stop changing or the centres move less than tol
// times the mean variance of the features, and relabels once more when it stopped short of
// that; empty clusters take the samples farthest from their centres; the run with the least
// inertia is kept. lloyd computes every distance a tile at a time on every core, in single
// precision over samples packed once as floats (a nearest and second-nearest centre closer than
// float rounding are decided again in double, so the labels are those of exact distances); elkan
// skips most of them with triangle-inequality bounds. The same seed gives the same model on any
// thread count. Fewer distinct clusters than n_clusters (duplicate points) is a warning, as
// scikit-learn's.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "fitkit/cluster/kmeans_init.hpp"
#include "fitkit/core/clusterer.hpp"

namespace fitkit {

enum class KMeansAlgorithm { lloyd, elkan };

template <>
struct EnumNames<KMeansAlgorithm> {
  static constexpr std::array values{std::pair{KMeansAlgorithm::lloyd, "lloyd"},
                                     std::pair{KMeansAlgorithm::elkan, "elkan"}};
};

struct KMeansParams {
  int n_clusters = 8;
  KMeansInit init;
  NInit n_init = 10;
  int max_iter = 300;
  double tol = 1e-4;
  KMeansAlgorithm algorithm = KMeansAlgorithm::lloyd;
  std::uint64_t seed = 0;

  template <class V>
  void visit(V&& v) {
    v("n_clusters", n_clusters, "number of clusters (at most the number of samples)", at_least(1));
    v("init", init,
      "first centres: k-means++ (greedy), random (samples drawn at random), a CSV file of "
      "centres (n_clusters rows), or the centres as 'a,b;c,d'");
    v("n_init", n_init,
      "runs from different starts, the one of least inertia kept (auto: 1 for k-means++, 10 for "
      "random; given centres run once)",
      at_least(1));
    v("max_iter", max_iter, "most iterations of a run", at_least(1));
    v("tol", tol,
      "converged when the squared centre shift is at most tol times the mean variance of the "
      "features",
      at_least(0.0));
    v("algorithm", algorithm,
      "lloyd: every distance, blocked on all cores; elkan: triangle-inequality bounds skip most "
      "distances (faster for well-separated clusters)",
      one_of_enum());
    v("seed", seed, "random seed (k-means++ and random starts)");
  }
};

class KMeans : public EstimatorWithParams<KMeans, KMeansParams, Clusterer> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  Tags tags() const override;

  KMeans& fit(const Matrix& X, const Vector& sample_weight = {});
  Labels predict(const Matrix& X) const override;
  // Euclidean distance of every row to every centre (n x n_clusters).
  Matrix transform(const Matrix& X) const override;
  // -inertia of X against the centres (each row with its nearest).
  double score(const Matrix& X, const Vector& sample_weight = {}) const;
  std::vector<std::string> feature_names_out() const override;  // kmeans0, kmeans1, ...

  // n_clusters x n_features.
  const Matrix& cluster_centers() const;
  // Sum of the (weighted) squared distances of the training rows to their centres.
  double inertia() const;
  // Iterations of the run kept.
  Index n_iter() const;

  std::string type_name() const override { return "KMeans"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override;
  double score_values(const Matrix& X, const Vector& y, const Vector& sample_weight) const override;

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  Matrix cluster_centers_;
  double inertia_ = 0;
  Index n_iter_ = 0;
};

}  // namespace fitkit
