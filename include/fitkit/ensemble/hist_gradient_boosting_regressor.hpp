#pragma once
// Histogram-based gradient boosting for regression, as scikit-learn's
// HistGradientBoostingRegressor (1.2), itself after LightGBM:
//
//   fitkit::HistGradientBoostingRegressor reg({.max_iter = 200, .learning_rate = 0.05});
//   reg.fit(X, y);                // optional sample_weight; NaN in X is a missing value
//   reg.predict(X); reg.score(X, y);   // R²
//   reg.trees()[i]                // fitkit::Tree: leaf values with the learning rate applied
//
// Every feature is binned once into at most max_bins quantile bins (plus one for missing
// values); each iteration fits one tree, leaf-wise, to the gradients and hessians of the loss
// at the current predictions, from per-node histograms (a node's sibling by subtraction).
// Missing values go to whichever side gains more; categorical features (integer codes 0..
// max_bins-1, named by categorical_features) split into two sets of categories, and a category
// not seen in fit goes where missing values go. Early stopping (auto: above 10,000 samples)
// holds out validation_fraction of the data and stops when its loss has not improved by tol
// for n_iter_no_change iterations.
//
// Departures from scikit-learn: its random choices (binning subsample above 200,000 rows, the
// validation split) use fitkit's generator, and sums run in a different order, so models agree
// with scikit-learn's in quality rather than bit for bit.

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "fitkit/core/regressor.hpp"
#include "fitkit/ensemble/hist_gradient_boosting.hpp"

namespace fitkit {

enum class HgbRegressionLoss { squared_error, absolute_error, poisson, quantile };
template <>
struct EnumNames<HgbRegressionLoss> {
  static constexpr std::array values{std::pair{HgbRegressionLoss::squared_error, "squared_error"},
                                     std::pair{HgbRegressionLoss::absolute_error, "absolute_error"},
                                     std::pair{HgbRegressionLoss::poisson, "poisson"},
                                     std::pair{HgbRegressionLoss::quantile, "quantile"}};
};

struct HistGradientBoostingRegressorParams {
  HgbRegressionLoss loss = HgbRegressionLoss::squared_error;
  std::optional<double> quantile;
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

  template <class V>
  void visit(V&& v) {
    v("loss", loss, "squared_error, absolute_error, poisson or quantile", one_of_enum());
    v("quantile", quantile, "the quantile loss='quantile' estimates", in_range(0.0, 1.0));
    visit_hist_gradient_boosting_params(v, *this);
  }
};

class HistGradientBoostingRegressor final
    : public EstimatorWithParams<HistGradientBoostingRegressor, HistGradientBoostingRegressorParams,
                                 Regressor> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  HistGradientBoostingRegressor& fit(const Matrix& X, const Vector& y);
  HistGradientBoostingRegressor& fit(const Matrix& X, const Vector& y, const Vector& sample_weight);
  // The mean of y's distribution: the raw prediction, or its exp for loss='poisson'.
  Vector predict(const Matrix& X) const override;

  // Boosting iterations run (fewer than max_iter when early stopping stopped them).
  Index n_iter() const;
  // One tree per iteration.
  const std::vector<Tree>& trees() const;
  // The raw prediction before any tree (the loss's best constant).
  double baseline_prediction() const;
  bool do_early_stopping() const;
  // -loss on the training data (and the validation data, when held out), before the first
  // iteration and after each; empty without early stopping (scikit-learn's train_score_).
  const std::vector<double>& train_score() const;
  const std::vector<double>& validation_score() const;
  // Which features were taken as categorical (scikit-learn's is_categorical_).
  const std::vector<std::uint8_t>& is_categorical() const;

  std::string type_name() const override { return "HistGradientBoostingRegressor"; }
  std::uint32_t class_version() const override { return 1; }
  Tags tags() const override;  // sample weights, NaN in X
  // TreeSHAP of the raw prediction (predict for squared, absolute and quantile losses; its
  // log for poisson).
  Matrix contributions(const Matrix& X) const override;
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight);
  }

 private:
  HistGradientBoostingRegressor& fit_weighted(const Matrix& X, const Vector& y,
                                              const Vector* sample_weight);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  detail::HgbEnsemble model_;
};

}  // namespace fitkit
