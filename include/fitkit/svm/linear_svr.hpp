#pragma once
// Linear support vector regression, as scikit-learn's LinearSVR (liblinear):
//
//   fitkit::LinearSVR reg({.epsilon = 0.1, .C = 10.0});
//   reg.fit(X, y);                            // optional sample_weight
//   reg.predict(X); reg.coef(); reg.intercept(); reg.score(X, y);   // R²
//
// minimises 0.5 ||w~||² + sum_i C_i loss(|y_i - w~'x~_i| - epsilon), C_i = C * sample_weight_i,
// loss epsilon_insensitive max(0, r) or squared_epsilon_insensitive max(0, r)²; with
// fit_intercept, x~ is x with one more feature equal to intercept_scaling (the intercept is
// penalised, as liblinear). dual=true: dual coordinate descent with shrinking (liblinear's
// solve_l2r_l1l2_svr, stopping when the 1-norm of the violations falls to tol times its first
// value); dual=false (squared_epsilon_insensitive only): the primal Newton method, stopping
// when ||gradient|| <= tol * ||gradient at 0||.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>

#include "fitkit/linear/linear_model.hpp"
#include "fitkit/svm/linear_svm_options.hpp"

namespace fitkit {

enum class LinearSVRLoss { epsilon_insensitive, squared_epsilon_insensitive };

template <>
struct EnumNames<LinearSVRLoss> {
  static constexpr std::array values{
      std::pair{LinearSVRLoss::epsilon_insensitive, "epsilon_insensitive"},
      std::pair{LinearSVRLoss::squared_epsilon_insensitive, "squared_epsilon_insensitive"}};
};

struct LinearSVRParams {
  double epsilon = 0.0;
  double tol = 1e-4;
  double C = 1.0;
  LinearSVRLoss loss = LinearSVRLoss::epsilon_insensitive;
  bool fit_intercept = true;
  double intercept_scaling = 1.0;
  LinearSVMDual dual = LinearSVMDual::automatic;  // scikit-learn >= 1.5's default
  int max_iter = 1000;
  std::uint64_t seed = 0;

  template <class V>
  void visit(V&& v) {
    v("epsilon", epsilon, "half-width of the band in which errors cost nothing (scale of y)",
      at_least(0.0));
    v("tol", tol, "stopping tolerance", greater_than(0.0));
    v("C", C, "inverse of the regularisation strength", greater_than(0.0));
    v("loss", loss,
      "epsilon_insensitive (L1 loss; dual only) or squared_epsilon_insensitive (L2 loss)",
      one_of_enum());
    v("fit_intercept", fit_intercept, "whether to fit an intercept (penalised, as liblinear)");
    v("intercept_scaling", intercept_scaling,
      "value of the synthetic feature whose weight times it is the intercept", greater_than(0.0));
    v("dual", dual,
      "true: dual coordinate descent; false: the primal problem; auto: the dual with fewer "
      "samples than features, else the primal, as the loss allows",
      one_of_enum());
    v("max_iter", max_iter, "maximum solver iterations (passes, or Newton steps)", at_least(1));
    v("seed", seed, "random seed for the order in which coordinate descent visits samples");
  }
};

class LinearSVR : public EstimatorWithParams<LinearSVR, LinearSVRParams, LinearRegressor> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  LinearSVR& fit(const Matrix& X, const Vector& y);
  LinearSVR& fit(const Matrix& X, const Vector& y, const Vector& sample_weight);
  Index n_iter() const;

  std::string type_name() const override { return "LinearSVR"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight);
  }

 private:
  LinearSVR& fit_weighted(const Matrix& X, const Vector& y, const Vector* sample_weight);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  Index n_iter_ = 0;
};

}  // namespace fitkit
