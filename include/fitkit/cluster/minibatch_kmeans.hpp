#pragma once
// Mini-batch k-means, as scikit-learn's MiniBatchKMeans:
//
//   fitkit::MiniBatchKMeans mbk({.n_clusters = 8, .batch_size = 1024, .seed = 0});
//   mbk.fit(X);                       // random mini-batches until max_iter passes over X
//   mbk.partial_fit(chunk);           // or one step on each chunk, as it comes
//   mbk.cluster_centers(); mbk.labels(); mbk.inertia(); mbk.predict(X); mbk.transform(X);
//
// Each step labels a mini-batch against the centres and moves every centre to the mean of all
// the samples it has been given so far (counts kept per centre); centres whose count falls
// below reassignment_ratio x the largest are moved to random samples of the batch from time to
// time. fit draws its batches with replacement, starts from the best of n_init initialisations
// on init_size samples (judged on another init_size samples), and stops early when the smoothed
// batch inertia has not improved for max_no_improvement steps, or (tol > 0) when the centres
// barely move. partial_fit uses the whole chunk as its batch and is deterministic from given
// centres. The same seed gives the same model on any thread count; scikit-learn's random draws
// come from numpy's generator, so fitkit's batches are others than scikit-learn's.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "fitkit/cluster/kmeans_init.hpp"
#include "fitkit/core/clusterer.hpp"

namespace fitkit {

struct MiniBatchKMeansParams {
  int n_clusters = 8;
  KMeansInit init;
  int max_iter = 100;
  int batch_size = 1024;
  bool compute_labels = true;
  double tol = 0.0;
  std::optional<int> max_no_improvement = 10;
  std::optional<int> init_size;
  NInit n_init = 3;
  double reassignment_ratio = 0.01;
  std::uint64_t seed = 0;

  template <class V>
  void visit(V&& v) {
    v("n_clusters", n_clusters, "number of clusters (at most the number of samples)", at_least(1));
    v("init", init,
      "first centres: k-means++ (greedy), random (samples drawn at random), a CSV file of "
      "centres (n_clusters rows), or the centres as 'a,b;c,d'");
    v("max_iter", max_iter, "most passes over X (fit draws max_iter x n / batch_size batches)",
      at_least(1));
    v("batch_size", batch_size, "samples per mini-batch", at_least(1));
    v("compute_labels", compute_labels,
      "label every training sample and compute the inertia once the centres are found");
    v("tol", tol,
      "stop when the squared centre change of a step is at most tol times the mean variance of "
      "the features (0: never)",
      at_least(0.0));
    v("max_no_improvement", max_no_improvement,
      "stop after this many steps without a better smoothed batch inertia (none: never)",
      at_least(0));
    v("init_size", init_size,
      "samples the initialisation runs on (none: 3 x batch_size, at least 3 x n_clusters; one "
      "below n_clusters is replaced by 3 x n_clusters, with a warning)",
      at_least(1));
    v("n_init", n_init,
      "initialisations tried, the best on a validation sample kept (auto: 1 for k-means++, 3 "
      "for random; given centres run once)",
      at_least(1));
    v("reassignment_ratio", reassignment_ratio,
      "centres with fewer samples than this times the largest count are moved to random "
      "samples",
      at_least(0.0));
    v("seed", seed, "random seed (initialisation, mini-batches, reassignments)");
  }
};

class MiniBatchKMeans
    : public EstimatorWithParams<MiniBatchKMeans, MiniBatchKMeansParams, Clusterer> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  Tags tags() const override;

  MiniBatchKMeans& fit(const Matrix& X, const Vector& sample_weight = {});
  // One mini-batch step on X (all of it); the first call initialises the centres from X.
  MiniBatchKMeans& partial_fit(const Matrix& X, const Vector& sample_weight = {});
  // fit, then the labels (computed for this even without compute_labels).
  Labels fit_predict(const Matrix& X, const Vector& y = {}, const Vector& sample_weight = {});
  Labels predict(const Matrix& X) const override;
  Matrix transform(const Matrix& X) const override;  // distances to the centres
  double score(const Matrix& X, const Vector& sample_weight = {}) const;  // -inertia
  std::vector<std::string> feature_names_out() const override;

  const Matrix& cluster_centers() const;  // n_clusters x n_features
  // With compute_labels: the inertia of the training data (of the last chunk, after
  // partial_fit); without: the smoothed batch inertia times the number of samples.
  double inertia() const;
  Index n_iter() const;   // passes over the data (fit)
  Index n_steps() const;  // mini-batches processed
  // The weight each centre has been given so far.
  const Vector& counts() const;

  std::string type_name() const override { return "MiniBatchKMeans"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override;
  void partial_fit_values(const Matrix& X, const Vector& y, const Vector& classes,
                          const Vector& sample_weight) override;
  Vector fit_predict_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override;
  double score_values(const Matrix& X, const Vector& y, const Vector& sample_weight) const override;

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);
  // Whether this step may reassign small centres (scikit-learn's _random_reassign).
  bool reassign_now();

  Matrix cluster_centers_;  // n_clusters x n_features
  Vector counts_;
  double inertia_ = 0;
  Index n_iter_ = 0;
  Index n_steps_ = 0;
  Index batch_size_ = 0;  // batch_size, at most the samples of the first fit or chunk
  Index n_since_last_reassign_ = 0;
};

}  // namespace fitkit
