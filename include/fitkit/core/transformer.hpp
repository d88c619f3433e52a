#pragma once
// What every transformer shares (scikit-learn's TransformerMixin): fit learns from X alone (a
// target, when given, is ignored), transform maps X to new features, and feature_names_out
// names them. A transformer predicts nothing: predict_values and score_values throw.
//
// A transformer derives from EstimatorWithParams<Params, Transformer> and implements its typed
// fit(X), fit_values (calling it), transform(X) and feature_names_out().

#include <string>
#include <vector>

#include "fitkit/core/estimator.hpp"

namespace fitkit {

class Transformer : public Estimator {
 public:
  EstimatorKind kind() const override { return EstimatorKind::transformer; }

  virtual Matrix transform(const Matrix& X) const = 0;
  // fit(X), then transform(X).
  Matrix fit_transform(const Matrix& X);

  bool has_transform() const override { return true; }
  Matrix transform_values(const Matrix& X) const override { return transform(X); }

  // Throw fitkit::Error: "<type> is a transformer: use transform".
  Vector predict_values(const Matrix& X) const override;
  double score_values(const Matrix& X, const Vector& y) const override;
  std::string score_name() const override { return ""; }

 protected:
  // The fitted feature names, or x0, x1, ... when fitted from a bare matrix.
  std::vector<std::string> input_feature_names() const;
};

}  // namespace fitkit
