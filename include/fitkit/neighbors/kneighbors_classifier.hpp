#pragma once
// Classification by a vote of the k nearest training rows, as scikit-learn's
// KNeighborsClassifier:
//
//   fitkit::KNeighborsClassifier knn(
//       {.n_neighbors = 5, .weights = fitkit::NeighborsWeights::distance});
//   knn.fit(X, y);  // y: class labels
//   knn.predict(Q); knn.predict_proba(Q); knn.kneighbors(Q);
//
// predict_proba: the neighbours' votes per class (1 each, or 1/distance), divided by their sum;
// predict: the class with the most votes, the lowest label where votes tie (scikit-learn's
// mode). Neighbour order and ties: neighbors_base.hpp.

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>

#include "fitkit/core/classifier.hpp"
#include "fitkit/neighbors/neighbors_base.hpp"

namespace fitkit {

struct KNeighborsClassifierParams {
  int n_neighbors = 5;
  NeighborsWeights weights = NeighborsWeights::uniform;
  NeighborsAlgorithm algorithm = NeighborsAlgorithm::automatic;
  int leaf_size = 30;
  DistanceMetric metric = DistanceMetric::minkowski;
  double p = 2.0;

  template <class V>
  void visit(V&& v) {
    v("n_neighbors", n_neighbors, "neighbours that vote", at_least(1));
    v("weights", weights,
      "uniform: one vote each; distance: 1/distance (neighbours at distance 0 take all)",
      one_of_enum());
    visit_search_params(v, algorithm, leaf_size, metric, p);
  }
};

class KNeighborsClassifier
    : public EstimatorWithParams<KNeighborsClassifier, KNeighborsClassifierParams, Classifier> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  KNeighborsClassifier& fit(const Matrix& X, const Labels& y);
  Labels predict(const Matrix& X) const override;
  Matrix predict_proba(const Matrix& X) const override;
  // The n_neighbors nearest training rows of each row of X (0: the parameter).
  KNeighbors kneighbors(const Matrix& X, Index n_neighbors = 0) const;

  Tags tags() const override;
  Index n_samples_fit() const;
  NeighborsAlgorithm fit_method() const;

  std::string type_name() const override { return "KNeighborsClassifier"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_labels(const Matrix& X, const Labels& y, const Vector& sample_weight) override;

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);
  // Per query and class, the summed votes of its neighbours.
  Matrix votes(const Matrix& X) const;

  Matrix fit_X_;
  arma::uvec y_;  // class index of each training row
  std::shared_ptr<const detail::NeighborIndex> index_;
};

}  // namespace fitkit
