// Ridge's cross-validation folds at once: the sums of every fold's test rows (x'x, x'y, x, y,
// count) are taken once, and each fold's training sums are the totals less its own, so that a
// row is read once instead of once per fold it trains in, and no training rows are copied. Each
// fold's normal equations are then centred and solved as Ridge's own Cholesky path does, and a
// fold that would need what that path does besides (centring from the rows, refinement against
// them) makes the caller fit fold by fold.

#include "core/row_gather.hpp"
#include "fitkit/linear/ridge.hpp"
#include "linear/least_squares.hpp"
#include "linear/ridge_solver.hpp"

namespace fitkit {
namespace {

detail::RowSums& operator+=(detail::RowSums& a, const detail::RowSums& b) {
  a.xx += b.xx;
  a.xy += b.xy;
  a.x += b.x;
  a.y += b.y;
  a.n += b.n;
  return a;
}

detail::RowSums operator-(detail::RowSums a, const detail::RowSums& b) {
  a.xx -= b.xx;
  a.xy -= b.xy;
  a.x -= b.x;
  a.y -= b.y;
  a.n -= b.n;
  return a;
}

}  // namespace

std::vector<std::unique_ptr<Estimator>> Ridge::fit_folds(
    const Matrix& X, const Vector& y, const std::vector<arma::uvec>& test_rows) const {
  const bool cholesky =
      params_.solver == RidgeSolver::automatic || params_.solver == RidgeSolver::cholesky;
  if (!cholesky || !(params_.alpha > 0) || X.n_rows != y.n_elem || X.n_cols == 0 ||
      test_rows.empty())
    return {};
  for (const arma::uvec& test : test_rows)
    if (X.n_rows - test.n_elem < X.n_cols) return {};
  std::vector<detail::RowSums> folds;
  Matrix rows;  // one fold's test rows at a time
  for (const arma::uvec& test : test_rows) {
    detail::gather_rows(X, test, rows);
    folds.push_back(detail::unweighted_sums(rows, y(test)));
    if (!folds.back().finite) return {};  // fitting from the rows names the NaN or Inf
  }
  detail::RowSums total = folds.front();
  for (std::size_t k = 1; k < folds.size(); ++k) total += folds[k];
  std::vector<std::unique_ptr<Estimator>> models;
  for (const detail::RowSums& fold : folds) {
    detail::RowSums training = total - fold;
    const double n = training.n;
    detail::Moments moments = detail::moments_from_sums(std::move(training), params_.fit_intercept);
    if (!moments.equations) return {};  // centring after the fact would lose too much
    std::optional<Vector> coef = detail::ridge_by_cholesky_unrefined(
        moments.centering, n, params_.alpha, std::move(*moments.equations));
    if (!coef) return {};
    auto model = std::make_unique<Ridge>(params_);
    model->coef_ = std::move(*coef);
    model->intercept_ =
        params_.fit_intercept
            ? moments.centering.y_mean - arma::dot(moments.centering.x_mean, model->coef_)
            : 0.0;
    model->set_n_features_in(X.n_cols);
    models.push_back(std::move(model));
  }
  return models;
}

}  // namespace fitkit
