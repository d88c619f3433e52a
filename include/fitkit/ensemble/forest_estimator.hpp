#pragma once
// What all four forests share, whatever they predict: the fitted trees and their accessors,
// apply, TreeSHAP, importances, the out-of-bag score, `info` and the model file.
// ForestClassifier and ForestRegressor derive from it and add the fit and the predictions.

#include <cstdint>
#include <iosfwd>
#include <vector>

#include "fitkit/core/estimator.hpp"
#include "fitkit/ensemble/forest.hpp"

namespace fitkit {

template <class Derived, class P, class Base>
class ForestEstimator : public EstimatorWithParams<Derived, P, Base> {
 public:
  using EstimatorWithParams<Derived, P, Base>::EstimatorWithParams;

  const std::vector<Tree>& trees() const;
  // The leaf of every row in every tree: n_rows x n_estimators.
  arma::umat apply(const Matrix& X) const;
  // Mean decrease in impurity, averaged over the trees and normalised.
  const Vector& feature_importances() const;
  // With oob_score: the out-of-bag accuracy (classifier) or R² (regressor); InvalidParameter
  // without.
  double oob_score() const;

  // TreeSHAP of the forest's mean prediction: one block of n_features + 1 columns per value
  // column (per class for a classifier), the last column of each the expected value.
  Matrix contributions(const Matrix& X) const override;
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  // The trees' mean value for every row: class probabilities, or one column of predictions.
  Matrix mean_value(const Matrix& X) const;
  // Stores a fit's result (after reset_fitted and the base's own state).
  void set_fitted(detail::FittedForest fitted, Index n_features);
  const detail::FittedForest& fitted() const { return fitted_; }

 private:
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  detail::FittedForest fitted_;
};

}  // namespace fitkit
