#pragma once
// Regression by the mean target of the k nearest training rows, as scikit-learn's
// KNeighborsRegressor:
//
//   fitkit::KNeighborsRegressor knn({.n_neighbors = 5});
//   knn.fit(X, y);
//   knn.predict(Q); knn.score(Q, y_true);   // R²
//
// weights distance: the mean weighted by 1/distance (neighbours at distance 0 take all the
// weight). Neighbour order and ties: neighbors_base.hpp.

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>

#include "fitkit/core/regressor.hpp"
#include "fitkit/neighbors/neighbors_base.hpp"

namespace fitkit {

struct KNeighborsRegressorParams {
  int n_neighbors = 5;
  NeighborsWeights weights = NeighborsWeights::uniform;
  NeighborsAlgorithm algorithm = NeighborsAlgorithm::automatic;
  int leaf_size = 30;
  DistanceMetric metric = DistanceMetric::minkowski;
  double p = 2.0;

  template <class V>
  void visit(V&& v) {
    v("n_neighbors", n_neighbors, "neighbours averaged", at_least(1));
    v("weights", weights,
      "uniform: the plain mean; distance: weighted by 1/distance (neighbours at distance 0 "
      "take all)",
      one_of_enum());
    visit_search_params(v, algorithm, leaf_size, metric, p);
  }
};

class KNeighborsRegressor
    : public EstimatorWithParams<KNeighborsRegressor, KNeighborsRegressorParams, Regressor> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  KNeighborsRegressor& fit(const Matrix& X, const Vector& y);
  Vector predict(const Matrix& X) const override;
  KNeighbors kneighbors(const Matrix& X, Index n_neighbors = 0) const;

  Index n_samples_fit() const;
  NeighborsAlgorithm fit_method() const;

  std::string type_name() const override { return "KNeighborsRegressor"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& /*sample_weight*/) override {
    fit(X, y);
  }

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  Matrix fit_X_;
  Vector y_;
  std::shared_ptr<const detail::NeighborIndex> index_;
};

}  // namespace fitkit
