#pragma once
// Ridge with the penalty chosen by efficient leave-one-out cross-validation, as scikit-learn's
// RidgeCV with cv=None (1.2):
//
//   fitkit::RidgeCV model({.alphas = {0.01, 0.1, 1, 10}});
//   model.fit(X, y);                      // optional sample_weight
//   model.alpha(); model.best_score();    // alpha_, best_score_
//   model.coef(); model.intercept(); model.predict(X); model.score(X, y);   // R²
//
// For every alpha the leave-one-out residuals come in closed form from one decomposition,
// e_i = (y_i - yhat_i) / (1 - h_ii) with H the hat matrix of ridge at that alpha (the
// intercept's column unpenalised), and best_score is -mean(e_i^2): with sample weights the
// residuals are those of the sqrt(w)-scaled problem, w_i (y_i - yhat_i)^2 / (1 - h_ii)^2,
// averaged over all samples, as scikit-learn does. The first alpha with the best score wins
// ties. coef and intercept are ridge's at that alpha, from the same decomposition.
//
// Only the efficient leave-one-out is offered: scikit-learn's cv (k-fold through a grid
// search) and scoring need model selection, which fitkit does not have yet.
//
// gcv_mode picks the decomposition:
//   eigen: of the smaller Gram matrix: with more samples than features the d x d Xc'Xc (formed
//          in one pass over X), else the n x n Xc Xc'. scikit-learn's eigen always takes
//          Xc Xc'; for n > d fitkit's is the same answer for d x d work and memory instead of
//          n x n.
//   svd:   the SVD of Xc (for n > d, of the R of a blocked QR of Xc: no copy of X).
//   auto:  eigen, unless the eigenvalues' rounding (eps * largest) could move the leverages of
//          the smallest alpha by more than 1e-9 (near-singular Xc, constant columns, or
//          means far larger than the spread): then svd.
// With n > d both then take one more pass over X for all alphas together (blocks of rows
// times the eigenvectors, a GEMM each), with no n x d copy.

#include <array>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

#include "fitkit/linear/linear_model.hpp"

namespace fitkit {

enum class GcvMode { automatic, svd, eigen };

template <>
struct EnumNames<GcvMode> {
  static constexpr std::array values{std::pair{GcvMode::automatic, "auto"},
                                     std::pair{GcvMode::svd, "svd"},
                                     std::pair{GcvMode::eigen, "eigen"}};
};

struct RidgeCVParams {
  std::vector<double> alphas = {0.1, 1.0, 10.0};
  bool fit_intercept = true;
  GcvMode gcv_mode = GcvMode::automatic;
  bool store_cv_values = false;

  template <class V>
  void visit(V&& v) {
    v("alphas", alphas, "the L2 penalties to try, comma-separated", greater_than(0.0));
    v("fit_intercept", fit_intercept, "whether to fit an intercept (centre X and y first)");
    v("gcv_mode", gcv_mode,
      "eigen: eigendecompose the smaller Gram matrix (X'X when n_samples > n_features, else "
      "XX'); svd: the SVD of X; auto: eigen unless X is too ill-conditioned for it, then svd",
      one_of_enum());
    v("store_cv_values", store_cv_values,
      "keep every sample's squared leave-one-out error for every alpha (cv_values)");
  }
};

class RidgeCV : public EstimatorWithParams<RidgeCV, RidgeCVParams, LinearRegressor> {
 public:
  using EstimatorWithParams::EstimatorWithParams;

  RidgeCV& fit(const Matrix& X, const Vector& y);
  RidgeCV& fit(const Matrix& X, const Vector& y, const Vector& sample_weight);

  // The alpha chosen (scikit-learn's alpha_).
  double alpha() const;
  // Minus the mean squared leave-one-out error at alpha() (best_score_).
  double best_score() const;
  // n_samples x n_alphas squared leave-one-out errors, alphas in the order given (cv_values_);
  // only after a fit with store_cv_values.
  const Matrix& cv_values() const;

  std::string type_name() const override { return "RidgeCV"; }
  std::uint32_t class_version() const override { return 1; }
  void describe_fitted(std::ostream& out) const override;
  void write_payload(detail::PayloadWriter& writer) const override;
  void read_payload(detail::PayloadReader& reader, std::uint32_t version) override;

 protected:
  void fit_values(const Matrix& X, const Vector& y, const Vector& sample_weight) override {
    fit_weighted(X, y, sample_weight.is_empty() ? nullptr : &sample_weight);
  }

 private:
  RidgeCV& fit_weighted(const Matrix& X, const Vector& y, const Vector* sample_weight);
  template <class Archive>
  void serialize(Archive& ar, std::uint32_t version);

  double alpha_ = 0;
  double best_score_ = 0;
  Matrix cv_values_;
};

}  // namespace fitkit
