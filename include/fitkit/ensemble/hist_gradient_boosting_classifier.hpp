#pragma once
// Histogram-based gradient boosting for classification, as scikit-learn's
// HistGradientBoostingClassifier (1.2): log-loss, one tree per iteration for two classes (raw
// prediction = the log-odds of classes()(1)), one tree per class and iteration for more
// (softmax of the raw predictions). The rest is HistGradientBoostingRegressor's (see
// hist_gradient_boosting_regressor.hpp); the validation split of early stopping is stratified.
//
//   fitkit::HistGradientBoostingClassifier clf({.categorical_features = {"0", "3"}});
//   clf.fit(X, y);
//   clf.predict(X); clf.predict_proba(X); clf.decision_function(X);

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "fitkit/core/class_weight.hpp"
#include "fitkit/core/classifier.hpp"
#include "fitkit/ensemble/hist_gradient_boosting.hpp"

namespace fitkit {

enum class HgbClassificationLoss { log_loss };
template <>
struct EnumNames<HgbClassificationLoss> {
  static constexpr std::array values{std::pair{HgbClassificationLoss::log_loss, "log_loss"}};
};

struct HistGradientBoostingClassifierParams {
  HgbClassificationLoss loss = HgbClassificationLoss::log_loss;
  double learning_rate = 0.1;
  int max_iter = 100;
  std::optional<int> max_leaf_nodes = 31;
  std::optional<int> max_depth;
  int min_samples_leaf = 20;
  double l2_regularization = 0.0;
  int max_bins = 255;
  std::vector<std::string> categorical_features;
  std::vector<int> monotonic_cst;
  HgbEarlyStopping early_stopping = HgbEarlyStopping::automatic;
  HgbScoring scoring = HgbScoring::loss;
  std::optional<double> validation_fraction = 0.1;
  int n_iter_no_change = 10;
  double tol = 1e-7;
  std::uint64_t seed = 0;
  ClassWeight class_weight;

  template <class V>
  void visit(V&& v) {
    v("loss", loss, "log_loss (binomial for two classes, multinomial for more)", one_of_enum());
    visit_hist_gradient_boosting_params(v, *this);
    v("class_weight", class_weight, "weights of the classes: none, balanced or label:weight,...");
  }
};

class HistGradientBoostingClassifier final
    : public EstimatorWithParams<HistGradientBoostingClassifier,
                                 HistGradientBoostingClassifierParams, Classifier> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  HistGradientBoostingClassifier& fit(const Matrix& X, const Labels& y);
  HistGradientBoostingClassifier& fit(const Matrix& X, const Labels& y,
                                      const Vector& sample_weight);
  Labels predict(const Matrix& X) const override;
  Matrix predict_proba(const Matrix& X) const override;
  // The raw predictions: one column (the log-odds of classes()(1)) for two classes, one per
  // class for more.
  Matrix decision_function(const Matrix& X) const override;

  Index n_iter() const;
  // n_iter() x n_trees_per_iteration() trees, iteration by iteration.
  const std::vector<Tree>& trees() const;
  Index n_trees_per_iteration() const;
  const Vector& baseline_prediction() const;
  bool do_early_stopping() const;
  const std::vector<double>& train_score() const;
  const std::vector<double>& validation_score() const;
  const std::vector<std::uint8_t>& is_categorical() const;

  std::string type_name() const override { return "HistGradientBoostingClassifier"; }
  std::uint32_t class_version() const override { return 1; }
  Tags tags() const override;  // sample weights, NaN in X, predict_proba, decision_function
  // TreeSHAP of the raw score (decision_function): one block per column of it.
  Matrix contributions(const Matrix& X) const override;
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_labels(const Matrix& X, const Labels& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight);
  }

 private:
  HistGradientBoostingClassifier& fit_weighted(const Matrix& X, const Labels& y,
                                               const Vector* sample_weight);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  detail::HgbEnsemble model_;
};

}  // namespace fitkit
