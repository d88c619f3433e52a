// Ridge's cross-validation folds at once: the sums of every fold's test rows (x'x, x, x'y, y,
// count) are taken once, and each fold's training sums are the totals less its own, so that a
// row is read once instead of once per fold it trains in, and no training rows are copied. Each
// fold's centred normal equations are then solved by Cholesky, as Ridge's own Cholesky path
// solves them.

#include "fitkit/linear/ridge.hpp"

#include "core/row_gather.hpp"

namespace fitkit {
namespace {

struct RowSums {
  Matrix xx;  // x'x
  Vector x;   // column sums
  Vector xy;  // x'y
  double y = 0;
  double n = 0;
};

RowSums sums_of(const Matrix& X, const Vector& y) {
  return {X.t() * X, arma::sum(X, 0).t(), X.t() * y, arma::accu(y), static_cast<double>(X.n_rows)};
}

}  // namespace

std::vector<std::unique_ptr<Estimator>> Ridge::fit_folds(
    const Matrix& X, const Vector& y, const std::vector<arma::uvec>& test_rows) const {
  const bool cholesky =
      params_.solver == RidgeSolver::automatic || params_.solver == RidgeSolver::cholesky;
  if (!cholesky || !(params_.alpha > 0) || X.n_rows != y.n_elem || X.n_cols == 0 ||
      !X.is_finite() || !y.is_finite())
    return {};
  for (const arma::uvec& test : test_rows)
    if (X.n_rows - test.n_elem < X.n_cols) return {};
  std::vector<RowSums> folds;
  Matrix rows;  // one fold's test rows at a time
  for (const arma::uvec& test : test_rows) {
    detail::gather_rows(X, test, rows);
    folds.push_back(sums_of(rows, y(test)));
  }
  RowSums total = folds.front();
  for (std::size_t k = 1; k < folds.size(); ++k) {
    total.xx += folds[k].xx;
    total.x += folds[k].x;
    total.xy += folds[k].xy;
    total.y += folds[k].y;
    total.n += folds[k].n;
  }
  std::vector<std::unique_ptr<Estimator>> models;
  for (const RowSums& fold : folds) {
    const double n = total.n - fold.n;
    Matrix gram = total.xx - fold.xx;
    Vector rhs = total.xy - fold.xy;
    Vector x_mean(X.n_cols, arma::fill::zeros);
    double y_mean = 0;
    if (params_.fit_intercept) {
      x_mean = (total.x - fold.x) / n;
      y_mean = (total.y - fold.y) / n;
      gram -= n * x_mean * x_mean.t();
      rhs -= n * y_mean * x_mean;
    }
    gram.diag() += params_.alpha;
    Matrix upper;
    if (!arma::chol(upper, gram)) return {};  // not positive definite in floating point
    auto model = std::make_unique<Ridge>(params_);
    model->coef_ = arma::solve(arma::trimatu(upper), arma::solve(arma::trimatl(upper.t()), rhs));
    model->intercept_ = params_.fit_intercept ? y_mean - arma::dot(x_mean, model->coef_) : 0.0;
    model->set_n_features_in(X.n_cols);
    models.push_back(std::move(model));
  }
  return models;
}

}  // namespace fitkit
