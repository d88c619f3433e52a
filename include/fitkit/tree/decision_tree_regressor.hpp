#pragma once
// CART regression, as scikit-learn's DecisionTreeRegressor (1.2):
//
//   fitkit::DecisionTreeRegressor reg({.criterion = fitkit::TreeRegressionCriterion::poisson});
//   reg.fit(X, y);                  // optional sample_weight; NaN in X is a missing value
//   reg.predict(X); reg.apply(X); reg.feature_importances();
//
// With max_features none (the default) the tree is scikit-learn's, node for node (see
// decision_tree_classifier.hpp). tree().value holds each node's mean target (its weighted
// median for absolute_error).

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "fitkit/core/regressor.hpp"
#include "fitkit/tree/decision_tree.hpp"

namespace fitkit {

enum class TreeRegressionCriterion { squared_error, friedman_mse, absolute_error, poisson };

template <>
struct EnumNames<TreeRegressionCriterion> {
  static constexpr std::array values{
      std::pair{TreeRegressionCriterion::squared_error, "squared_error"},
      std::pair{TreeRegressionCriterion::friedman_mse, "friedman_mse"},
      std::pair{TreeRegressionCriterion::absolute_error, "absolute_error"},
      std::pair{TreeRegressionCriterion::poisson, "poisson"}};
};

struct DecisionTreeRegressorParams {
  TreeRegressionCriterion criterion = TreeRegressionCriterion::squared_error;
  TreeSplitter splitter = TreeSplitter::best;
  std::optional<int> max_depth;
  int min_samples_split = 2;
  int min_samples_leaf = 1;
  double min_weight_fraction_leaf = 0.0;
  MaxFeatures max_features = MaxFeaturesKeyword::none;
  std::uint64_t seed = 0;
  std::optional<int> max_leaf_nodes;
  double min_impurity_decrease = 0.0;
  double ccp_alpha = 0.0;
  std::vector<std::string> categorical_features;

  template <class V>
  void visit(V&& v) {
    v("criterion", criterion,
      "squared_error, friedman_mse (Friedman's improvement score), absolute_error (leaves "
      "predict the median) or poisson (half Poisson deviance; y >= 0)",
      one_of_enum());
    visit_tree_growth_params(v, *this);
    v("ccp_alpha", ccp_alpha, "complexity parameter of minimal cost-complexity pruning",
      at_least(0.0));
    v("categorical_features", categorical_features,
      "categorical columns by index or feature name (integer codes 0..255, split by sets of "
      "categories)");
  }
};

class DecisionTreeRegressor final
    : public EstimatorWithParams<DecisionTreeRegressor, DecisionTreeRegressorParams, Regressor> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  DecisionTreeRegressor& fit(const Matrix& X, const Vector& y);
  DecisionTreeRegressor& fit(const Matrix& X, const Vector& y, const Vector& sample_weight);
  Vector predict(const Matrix& X) const override;

  const Tree& tree() const;
  arma::uvec apply(const Matrix& X) const;
  arma::umat decision_path(const Matrix& X) const;
  const Vector& feature_importances() const;
  Index get_depth() const;
  Index get_n_leaves() const;

  std::string type_name() const override { return "DecisionTreeRegressor"; }
  std::uint32_t class_version() const override { return 1; }
  Tags tags() const override;  // sample weights, NaN
  // TreeSHAP: n x (n_features + 1) (summing to predict).
  Matrix contributions(const Matrix& X) const override;
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight);
  }

 private:
  DecisionTreeRegressor& fit_weighted(const Matrix& X, const Vector& y,
                                      const Vector* sample_weight);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  detail::FittedTree fitted_;
};

}  // namespace fitkit
