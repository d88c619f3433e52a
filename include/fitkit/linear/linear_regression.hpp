#pragma once
// Ordinary least squares, as scikit-learn's LinearRegression:
//
//   fitkit::LinearRegression lr;            // or LinearRegression({.fit_intercept = false})
//   lr.fit(X, y);                           // optional sample_weight
//   lr.coef(); lr.intercept(); lr.predict(X); lr.score(X, y);   // R²
//
// Rank-deficient X and n < d give the minimum-norm solution, like numpy's lstsq.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>

#include "fitkit/linear/linear_model.hpp"

namespace fitkit {

enum class LinearRegressionSolver { automatic, svd };

template <>
struct EnumNames<LinearRegressionSolver> {
  static constexpr std::array values{std::pair{LinearRegressionSolver::automatic, "auto"},
                                     std::pair{LinearRegressionSolver::svd, "svd"}};
};

struct LinearRegressionParams {
  bool fit_intercept = true;
  LinearRegressionSolver solver = LinearRegressionSolver::automatic;

  template <class V>
  void visit(V&& v) {
    v("fit_intercept", fit_intercept, "whether to fit an intercept (centre X and y first)");
    v("solver", solver,
      "auto: Cholesky of the Gram matrix refined against X, falling back to the SVD when X is "
      "ill-conditioned or has fewer rows than columns; svd: always the SVD (via a blocked QR)",
      one_of_enum());
  }
};

class LinearRegression
    : public EstimatorWithParams<LinearRegression, LinearRegressionParams, LinearRegressor> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  LinearRegression& fit(const Matrix& X, const Vector& y);
  LinearRegression& fit(const Matrix& X, const Vector& y, const Vector& sample_weight);
  Index rank() const;
  // Singular values of the centred (weighted) X, descending. The SVD solver computes them
  // to full accuracy; the Cholesky path takes them from the Gram matrix's eigenvalues.
  const Vector& singular() const;  // scikit-learn: singular_

  std::string type_name() const override { return "LinearRegression"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight);
  }

 private:
  LinearRegression& fit_weighted(const Matrix& X, const Vector& y, const Vector* sample_weight);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  Index rank_ = 0;
  Vector singular_;
};

}  // namespace fitkit
