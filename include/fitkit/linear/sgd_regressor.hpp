#pragma once
// Linear regression by stochastic gradient descent, as scikit-learn's SGDRegressor (1.2):
//
//   fitkit::SGDRegressor reg({.loss = fitkit::SgdRegressorLoss::huber, .epsilon = 1.0});
//   reg.fit(X, y);                           // optional sample_weight
//   reg.predict(X); reg.score(X, y);         // R²
//   reg.partial_fit(X1, y1); reg.partial_fit(X2, y2);   // one epoch per call
//
// Minimises  sum_i w_i loss(y_i, x_i'w + b) / n + alpha * penalty(w)  one sample at a time,
// scikit-learn's steps (src/linear/sgd.hpp shares them with SGDClassifier). Features should be
// scaled (zero mean, unit variance): the default invscaling schedule overflows on raw ones.
// The validation split of early_stopping comes from fitkit's generator, not numpy's. Not (yet)
// offered: coef_init / intercept_init.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>

#include "fitkit/linear/linear_model.hpp"
#include "fitkit/linear/sgd_options.hpp"

namespace fitkit {

enum class SgdRegressorLoss {
  squared_error,
  huber,
  epsilon_insensitive,
  squared_epsilon_insensitive
};

template <>
struct EnumNames<SgdRegressorLoss> {
  static constexpr std::array values{
      std::pair{SgdRegressorLoss::squared_error, "squared_error"},
      std::pair{SgdRegressorLoss::huber, "huber"},
      std::pair{SgdRegressorLoss::epsilon_insensitive, "epsilon_insensitive"},
      std::pair{SgdRegressorLoss::squared_epsilon_insensitive, "squared_epsilon_insensitive"}};
};

struct SGDRegressorParams {
  SgdRegressorLoss loss = SgdRegressorLoss::squared_error;
  SgdPenalty penalty = SgdPenalty::l2;
  double alpha = 1e-4;
  double l1_ratio = 0.15;
  bool fit_intercept = true;
  int max_iter = 1000;
  double tol = 1e-3;
  bool shuffle = true;
  double epsilon = 0.1;
  SgdLearningRate learning_rate = SgdLearningRate::invscaling;
  double eta0 = 0.01;
  double power_t = 0.25;
  bool early_stopping = false;
  double validation_fraction = 0.1;
  int n_iter_no_change = 5;
  bool warm_start = false;
  int average = 0;
  std::uint64_t seed = 0;

  template <class V>
  void visit(V&& v) {
    v("loss", loss, "squared_error, huber, epsilon_insensitive or squared_epsilon_insensitive",
      one_of_enum());
    detail::visit_sgd_options(*this, v);
  }
};

class SGDRegressor : public EstimatorWithParams<SGDRegressor, SGDRegressorParams, LinearRegressor> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  SGDRegressor& fit(const Matrix& X, const Vector& y);
  SGDRegressor& fit(const Matrix& X, const Vector& y, const Vector& sample_weight);
  // One epoch over (X, y), continuing from the current model (creating it on the first call).
  SGDRegressor& partial_fit(const Matrix& X, const Vector& y);
  SGDRegressor& partial_fit(const Matrix& X, const Vector& y, const Vector& sample_weight);

  Index n_iter() const;  // epochs of the last call
  double t() const;      // scikit-learn's t_: 1 + the samples seen

  std::string type_name() const override { return "SGDRegressor"; }
  std::uint32_t class_version() const override { return 1; }
  Tags tags() const override;  // a linear regressor with partial_fit
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight, false);
  }
  void partial_fit_values(const Matrix& X, const Vector& y, const Vector& classes,
                          const Vector& sample_weight) override;

 private:
  SGDRegressor& fit_weighted(const Matrix& X, const Vector& y, const Vector* sample_weight,
                             bool partial);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  // The plain SGD iterate and, with average, the running mean (coef_ is one of them).
  Vector standard_coef_;
  double standard_intercept_ = 0;
  Vector average_coef_;
  double average_intercept_ = 0;
  Index n_iter_ = 0;
  double t_ = 1.0;
};

}  // namespace fitkit
