#pragma once
// Unsupervised neighbour search, as scikit-learn's NearestNeighbors:
//
//   fitkit::NearestNeighbors nn({.n_neighbors = 3});
//   nn.fit(X);
//   fitkit::KNeighbors k = nn.kneighbors(Q);              // k.indices, k.distances: n_q x 3
//   fitkit::KNeighbors self = nn.kneighbors();            // of the training rows, self excluded
//   fitkit::RadiusNeighbors r = nn.radius_neighbors(Q);   // within radius (the parameter)
//
// It learns nothing but the training points (and a kd-tree over them), and predicts nothing.
// It is a transformer so that its programs can answer queries from a model file:
// transform(Q) is the kneighbors table, n_neighbors columns of training-row indices (0-based,
// nearest first: neighbor_0, neighbor_1, ...) then n_neighbors columns of their distances
// (distance_0, ...). Neighbour order: neighbors_base.hpp.

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "fitkit/core/transformer.hpp"
#include "fitkit/neighbors/neighbors_base.hpp"

namespace fitkit {

struct NearestNeighborsParams {
  int n_neighbors = 5;
  double radius = 1.0;
  NeighborsAlgorithm algorithm = NeighborsAlgorithm::automatic;
  int leaf_size = 30;
  DistanceMetric metric = DistanceMetric::minkowski;
  double p = 2.0;

  template <class V>
  void visit(V&& v) {
    v("n_neighbors", n_neighbors, "neighbours per query (kneighbors and transform)", at_least(1));
    v("radius", radius, "the distance radius_neighbors looks within", at_least(0.0));
    visit_search_params(v, algorithm, leaf_size, metric, p);
  }
};

class NearestNeighbors
    : public EstimatorWithParams<NearestNeighbors, NearestNeighborsParams, Transformer> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  // Keeps X (finite, non-empty, at least n_neighbors rows) and builds the search over it.
  NearestNeighbors& fit(const Matrix& X);

  // The n_neighbors nearest training rows of each row of X (0: the parameter).
  KNeighbors kneighbors(const Matrix& X, Index n_neighbors = 0) const;
  // Of each training row, itself excluded, as scikit-learn's kneighbors() without X.
  KNeighbors kneighbors(Index n_neighbors = 0) const;
  // The training rows within radius (the parameter when none) of each row of X.
  RadiusNeighbors radius_neighbors(const Matrix& X, std::optional<double> radius = {}) const;

  // [indices | distances] of kneighbors(X), as doubles.
  Matrix transform(const Matrix& X) const override;
  std::vector<std::string> feature_names_out() const override;

  Index n_samples_fit() const;
  // The search fit chose (scikit-learn's _fit_method): kd_tree or brute.
  NeighborsAlgorithm fit_method() const;
  const Matrix& fit_X() const;

  std::string type_name() const override { return "NearestNeighbors"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& /*y: ignored*/,
                  const Vector& /*sample_weight*/) override {
    fit(X);
  }

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  Matrix fit_X_;
  std::shared_ptr<const detail::NeighborIndex> index_;
};

}  // namespace fitkit
