#pragma once
// What every transformer shares (scikit-learn's TransformerMixin): fit learns from X alone (a
// target, when given, is ignored), transform maps X to new features, and feature_names_out
// names them. A transformer predicts nothing: predict and score throw.
//
// A transformer derives from EstimatorWithParams<Itself, Params, Transformer> and implements
// its typed fit(X), fit_values (calling it), transform(X) and feature_names_out().

#include <string>
#include <vector>

#include "fitkit/core/estimator.hpp"

namespace fitkit {

class Transformer : public Estimator {
 public:
  Tags tags() const override;  // transformer: transform

  Matrix transform(const Matrix& X) const override = 0;
  std::vector<std::string> feature_names_out() const override = 0;

 protected:
  // The fitted feature names, or x0, x1, ... when fitted from a bare matrix.
  std::vector<std::string> input_feature_names() const;
};

}  // namespace fitkit
