#pragma once
// What every clusterer shares (scikit-learn's ClusterMixin): fit learns from X alone (a
// target, when given, is ignored), labels() are the clusters of the training rows (noise -1
// where the estimator has noise), and fit_predict returns them. Clusterers that can place new
// rows (KMeans) tag predict and implement predict(X); transductive ones (DBSCAN) tag
// transductive and offer fit_predict only. A score, when tagged, takes no y (KMeans:
// -inertia).
//
// A clusterer derives from EstimatorWithParams<Itself, Params, Clusterer>, implements
// fit_values (setting labels_) and, as its tags say, predict and score_values.

#include <string>

#include "fitkit/core/estimator.hpp"

namespace fitkit {

class Clusterer : public Estimator {
 public:
  Tags tags() const override;  // clusterer (predict, score and transductive as each declares)

  // The cluster of every training row (scikit-learn's labels_).
  const Labels& labels() const;
  // fit(X), then labels(); y is ignored, as scikit-learn's.
  Labels fit_predict(const Matrix& X, const Vector& y = {}, const Vector& sample_weight = {});
  // The cluster of each row of X; throws unless tags().predict.
  virtual Labels predict(const Matrix& X) const;

 protected:
  Vector predict_values(const Matrix& X) const override;
  Vector fit_predict_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override;
  // labels_, saved and checked (-1 for noise, else a cluster index) by this base.
  void write_base_state(detail::PayloadWriter& writer) const override;
  void read_base_state(detail::PayloadReader& reader, std::uint32_t version) override;

  Labels labels_;
};

}  // namespace fitkit
