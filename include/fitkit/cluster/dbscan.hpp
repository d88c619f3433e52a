#pragma once
// Density-based clustering, as scikit-learn's DBSCAN:
//
//   fitkit::DBSCAN db({.eps = 0.3, .min_samples = 10});
//   db.fit(X);                        // optional sample_weight
//   db.labels();                      // the cluster of every row, -1 for noise
//   db.core_sample_indices();         // rows that are core samples; components() their values
//   db.predict(Xnew);                 // the cluster of the nearest core sample within eps
//
// A point is a core sample when the (weighted) number of points within eps of it, itself
// included, reaches min_samples. Core samples within eps of each other share a cluster; every
// other point within eps of a core sample is a border point of the first cluster that reaches
// it; the rest is noise (-1). Labels are scikit-learn's, label for label: clusters are numbered
// in the order of their lowest-index core sample, and a border point that two clusters reach
// joins the one with the lower number (scikit-learn's dbscan_inner expands clusters from core
// samples in index order).
//
// Memory grows with n, never with the number of neighbour pairs (scikit-learn keeps every
// neighbourhood): a first pass counts neighbours (stopping at min_samples), a second joins core
// samples within eps with a union-find, a third gives border points their cluster. Range queries
// run on a uniform grid for up to three features and on a kd-tree or by brute force otherwise.
//
// predict is fitkit's own (scikit-learn's DBSCAN has none): a new row gets the cluster of its
// nearest core sample if that lies within eps, else -1. On the training rows it gives labels()
// for core samples and noise, but a border point may get the cluster of a nearer core sample
// rather than the first cluster that reached it.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>

#include "fitkit/core/clusterer.hpp"
#include "fitkit/neighbors/distance_metric.hpp"

namespace fitkit {

enum class DBSCANAlgorithm { automatic, kd_tree, brute };

template <>
struct EnumNames<DBSCANAlgorithm> {
  static constexpr std::array values{std::pair{DBSCANAlgorithm::automatic, "auto"},
                                     std::pair{DBSCANAlgorithm::kd_tree, "kd_tree"},
                                     std::pair{DBSCANAlgorithm::brute, "brute"}};
};

struct DBSCANParams {
  double eps = 0.5;
  int min_samples = 5;
  DistanceMetric metric = DistanceMetric::euclidean;
  double p = 2.0;
  DBSCANAlgorithm algorithm = DBSCANAlgorithm::automatic;
  int leaf_size = 30;

  template <class V>
  void visit(V&& v) {
    v("eps", eps, "the largest distance at which two points are neighbours", greater_than(0.0));
    v("min_samples", min_samples,
      "the (weighted) number of points within eps, the point itself included, that makes a "
      "core sample",
      at_least(1));
    v("metric", metric, "euclidean, manhattan, chebyshev or minkowski (with p)", one_of_enum());
    v("p", p, "the power of the minkowski metric (scikit-learn's None is 2)", at_least(1.0));
    v("algorithm", algorithm,
      "range queries: auto (a uniform grid for up to 3 features, else a kd-tree), kd_tree, or "
      "brute (every pair; the same answers, exactly)",
      one_of_enum());
    v("leaf_size", leaf_size, "points in a kd-tree leaf", at_least(1));
  }
};

class DBSCAN : public EstimatorWithParams<DBSCAN, DBSCANParams, Clusterer> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  DBSCAN& fit(const Matrix& X);
  // sample_weight: non-negative; a point of weight min_samples or more is a core sample alone.
  DBSCAN& fit(const Matrix& X, const Vector& sample_weight);
  // The cluster of the nearest core sample within eps of each row (equal distances: the
  // lower-index core sample), else -1.
  Labels predict(const Matrix& X) const override;

  // The rows of the training data that are core samples, increasing (core_sample_indices_).
  const arma::uvec& core_sample_indices() const;
  // Those rows: n_core x n_features (components_).
  const Matrix& components() const;

  Tags tags() const override;
  std::string type_name() const override { return "DBSCAN"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& /*y*/, const Vector& sample_weight) override {
    fit_weighted(X, sample_weight.is_empty() ? nullptr : &sample_weight);
  }

 private:
  DBSCAN& fit_weighted(const Matrix& X, const Vector* sample_weight);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  arma::uvec core_sample_indices_;
  Matrix components_;
};

}  // namespace fitkit
