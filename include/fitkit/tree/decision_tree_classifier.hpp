#pragma once
// CART classification, as scikit-learn's DecisionTreeClassifier (1.2):
//
//   fitkit::DecisionTreeClassifier clf({.criterion = fitkit::TreeClassificationCriterion::entropy,
//                                       .max_depth = 5});
//   clf.fit(X, y);                  // optional sample_weight; NaN in X is a missing value
//   clf.predict(X); clf.predict_proba(X); clf.apply(X); clf.feature_importances();
//
// With max_features none (the default) the tree is scikit-learn's, node for node: the same
// features, thresholds (midpoints of adjacent distinct float32 values), impurities and
// leaves, ties broken the same way (features are visited in the order scikit-learn's rand_r
// draws them from the same seed). tree().value holds each node's class fractions (weighted).

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "fitkit/core/class_weight.hpp"
#include "fitkit/core/classifier.hpp"
#include "fitkit/tree/decision_tree.hpp"

namespace fitkit {

enum class TreeClassificationCriterion { gini, entropy, log_loss };

template <>
struct EnumNames<TreeClassificationCriterion> {
  static constexpr std::array values{std::pair{TreeClassificationCriterion::gini, "gini"},
                                     std::pair{TreeClassificationCriterion::entropy, "entropy"},
                                     std::pair{TreeClassificationCriterion::log_loss, "log_loss"}};
};

struct DecisionTreeClassifierParams {
  TreeClassificationCriterion criterion = TreeClassificationCriterion::gini;
  TreeSplitter splitter = TreeSplitter::best;
  std::optional<int> max_depth;
  int min_samples_split = 2;
  int min_samples_leaf = 1;
  double min_weight_fraction_leaf = 0.0;
  MaxFeatures max_features = MaxFeaturesKeyword::none;
  std::uint64_t seed = 0;
  std::optional<int> max_leaf_nodes;
  double min_impurity_decrease = 0.0;
  ClassWeight class_weight;
  double ccp_alpha = 0.0;
  std::vector<std::string> categorical_features;

  template <class V>
  void visit(V&& v) {
    v("criterion", criterion, "gini, entropy or log_loss (the same as entropy)", one_of_enum());
    visit_tree_growth_params(v, *this);
    v("class_weight", class_weight,
      "none; balanced: weight each class by n_samples / (n_classes * its count); or "
      "label:weight pairs (0:1,1:2.5; a class left out weighs 1)");
    v("ccp_alpha", ccp_alpha, "complexity parameter of minimal cost-complexity pruning",
      at_least(0.0));
    v("categorical_features", categorical_features,
      "categorical columns by index or feature name (integer codes 0..255, split by sets of "
      "categories)");
  }
};

class DecisionTreeClassifier final
    : public EstimatorWithParams<DecisionTreeClassifier, DecisionTreeClassifierParams, Classifier> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  DecisionTreeClassifier& fit(const Matrix& X, const Labels& y);
  DecisionTreeClassifier& fit(const Matrix& X, const Labels& y, const Vector& sample_weight);
  Labels predict(const Matrix& X) const override;
  // The class fractions of each row's leaf, one column per class of classes().
  Matrix predict_proba(const Matrix& X) const override;

  const Tree& tree() const;
  // The leaf of each row (node indices of tree()).
  arma::uvec apply(const Matrix& X) const;
  // n_rows x node_count, 1 where a row's path passes.
  arma::umat decision_path(const Matrix& X) const;
  // Normalised total impurity decrease per feature (mean decrease in impurity).
  const Vector& feature_importances() const;
  Index get_depth() const;
  Index get_n_leaves() const;

  std::string type_name() const override { return "DecisionTreeClassifier"; }
  std::uint32_t class_version() const override { return 1; }
  Tags tags() const override;  // sample weights, NaN, predict_proba, categories, contributions
  // TreeSHAP: n x (n_features + 1) per class, one block per class (each summing to
  // predict_proba's column).
  Matrix contributions(const Matrix& X) const override;
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_labels(const Matrix& X, const Labels& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight);
  }

 private:
  DecisionTreeClassifier& fit_weighted(const Matrix& X, const Labels& y,
                                       const Vector* sample_weight);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  detail::FittedTree fitted_;
};

}  // namespace fitkit
