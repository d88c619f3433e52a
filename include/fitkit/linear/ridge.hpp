#pragma once
// Linear least squares with an L2 penalty, as scikit-learn's Ridge:
//
//   minimise  sum_i w_i (y_i - x_i b - b0)^2 + alpha ||b||^2
//
//   fitkit::Ridge ridge({.alpha = 10.0});    // or Ridge() for alpha = 1
//   ridge.fit(X, y);                         // optional sample_weight
//   ridge.coef(); ridge.intercept(); ridge.predict(X); ridge.score(X, y);   // R²
//
// alpha = 0 is ordinary least squares and gives LinearRegression's answer (the
// minimum-norm solution when X is rank-deficient or has fewer rows than columns).

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>

#include "fitkit/core/fold_fits.hpp"
#include "fitkit/linear/linear_model.hpp"

namespace fitkit {

enum class RidgeSolver { automatic, cholesky, svd, cg };

template <>
struct EnumNames<RidgeSolver> {
  // "sparse_cg" is scikit-learn's name for the conjugate-gradient solver; it reads as "cg".
  static constexpr std::array values{
      std::pair{RidgeSolver::automatic, "auto"}, std::pair{RidgeSolver::cholesky, "cholesky"},
      std::pair{RidgeSolver::svd, "svd"}, std::pair{RidgeSolver::cg, "cg"},
      std::pair{RidgeSolver::cg, "sparse_cg"}};
};

struct RidgeParams {
  double alpha = 1.0;
  bool fit_intercept = true;
  RidgeSolver solver = RidgeSolver::automatic;
  int max_iter = 0;
  double tol = 1e-3;

  template <class V>
  void visit(V&& v) {
    v("alpha", alpha, "strength of the L2 penalty (0: ordinary least squares)", at_least(0.0));
    v("fit_intercept", fit_intercept, "whether to fit an intercept (centre X and y first)");
    v("solver", solver,
      "auto: Cholesky of the Gram matrix plus alpha I (with fewer rows than columns, of the "
      "kernel matrix X X' plus alpha I), falling back to the SVD when that is ill-conditioned; "
      "cholesky: the same; svd: the SVD of X (via a blocked QR); cg: conjugate gradient on X "
      "itself, stopped by max_iter and tol",
      one_of_enum());
    v("max_iter", max_iter, "cg: most iterations (0: 10 x the number of features)", at_least(0));
    v("tol", tol, "cg: stop when the residual norm is below tol times that of X'y", at_least(0.0));
  }
};

class Ridge : public EstimatorWithParams<Ridge, RidgeParams, LinearRegressor>, public FoldFits {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  // Cross-validation's folds at once (see fitkit/core/fold_fits.hpp), for the Cholesky solver
  // (auto or cholesky), alpha > 0 and unweighted rows, each fold's training rows at least as
  // many as the features.
  std::vector<std::unique_ptr<Estimator>> fit_folds(
      const Matrix& X, const Vector& y, const std::vector<arma::uvec>& test_rows) const override;

  Ridge& fit(const Matrix& X, const Vector& y);
  Ridge& fit(const Matrix& X, const Vector& y, const Vector& sample_weight);
  // Conjugate-gradient iterations of the last fit; 0 for the direct solvers.
  Index n_iter() const;

  std::string type_name() const override { return "Ridge"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight);
  }

 private:
  Ridge& fit_weighted(const Matrix& X, const Vector& y, const Vector* sample_weight);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  Index n_iter_ = 0;
};

}  // namespace fitkit
