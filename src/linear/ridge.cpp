#include "fitkit/linear/ridge.hpp"

#include "core/payload.hpp"

#include <cmath>
#include <optional>
#include <ostream>

#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/core/warnings.hpp"
#include "fitkit/metrics/regression.hpp"
#include "linear/least_squares.hpp"
#include "linear/ridge_solver.hpp"

namespace fitkit {

Ridge& Ridge::fit(const Matrix& X, const Vector& y) {
  return fit_weighted(X, y, nullptr);
}

Ridge& Ridge::fit(const Matrix& X, const Vector& y, const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight);
}

Ridge& Ridge::fit_weighted(const Matrix& X, const Vector& y, const Vector* sample_weight) {
  validate_params(params_);
  const double alpha = params_.alpha;
  const bool direct =
      params_.solver == RidgeSolver::automatic || params_.solver == RidgeSolver::cholesky;
  // The Cholesky path on unweighted X takes the means from the same pass as X'X, and that pass
  // also finds NaN and Inf (a separate check would cost a third of the fit).
  const bool one_pass = direct && alpha > 0 && sample_weight == nullptr && X.n_rows > 0 &&
                        X.n_cols > 0 && y.n_elem == X.n_rows && X.n_rows >= X.n_cols;
  if (!one_pass) check_fit_input(X, y, type_name());
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);

  detail::Centering centering;
  std::optional<detail::NormalEquations> equations;
  bool centred = false;
  if (one_pass) {
    detail::Moments moments = detail::unweighted_moments(X, y, params_.fit_intercept);
    if (moments.finite) {
      centering = std::move(moments.centering);
      equations = std::move(moments.equations);
      centred = true;
    } else {
      check_fit_input(X, y, type_name());  // names the NaN or Inf; passes on mere overflow
    }
  }
  if (!centred) centering = detail::compute_centering(X, y, sample_weight, params_.fit_intercept);
  Vector coef;
  Index n_iter = 0;
  switch (params_.solver) {
    case RidgeSolver::cg: {
      const Index max_iter =
          params_.max_iter > 0 ? static_cast<Index>(params_.max_iter) : 10 * X.n_cols;
      detail::CgResult result =
          detail::ridge_by_cg(X, y, sample_weight, centering, alpha, max_iter, params_.tol);
      coef = std::move(result.coef);
      n_iter = result.n_iter;
      if (!result.converged)
        warn_not_converged(type_name() + " (cg)", max_iter,
                           "residual norm above tol times that of X'y");
      break;
    }
    case RidgeSolver::svd:
      coef = alpha == 0 ? detail::solve_by_svd(X, y, sample_weight, centering).coef
                        : detail::ridge_by_svd(X, y, sample_weight, centering, alpha);
      break;
    case RidgeSolver::automatic:
    case RidgeSolver::cholesky:
      if (alpha == 0) {
        // Ordinary least squares: LinearRegression's path, minimum-norm when singular.
        auto solution =
            detail::solve_by_cholesky(X, y, sample_weight, centering, std::move(equations));
        if (!solution) solution = detail::solve_by_svd(X, y, sample_weight, centering);
        coef = std::move(solution->coef);
      } else {
        std::optional<Vector> solution;
        if (X.n_rows >= X.n_cols) {
          if (!equations) equations = detail::normal_equations(X, y, sample_weight, centering);
          solution = detail::ridge_by_cholesky(X, y, sample_weight, centering, alpha,
                                               std::move(*equations));
        } else {
          solution = detail::ridge_by_kernel(X, y, sample_weight, centering, alpha);
        }
        coef = solution ? std::move(*solution)
                        : detail::ridge_by_svd(X, y, sample_weight, centering, alpha);
      }
      break;
  }

  reset_fitted();
  coef_ = std::move(coef);
  n_iter_ = n_iter;
  intercept_ = params_.fit_intercept ? centering.y_mean - arma::dot(centering.x_mean, coef_) : 0.0;
  set_n_features_in(X.n_cols);
  return *this;
}

Index Ridge::n_iter() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return n_iter_;
}

void Ridge::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  out << "intercept: " << detail::format_double(intercept_) << "\n";
  if (n_iter_ > 0) out << "n_iter: " << n_iter_ << "\n";
  out << "coef:\n";
  for (Index j = 0; j < coef_.n_elem; ++j) {
    const std::string name =
        j < feature_names().size() ? feature_names()[j] : "x" + std::to_string(j);
    out << "  " << name << ": " << detail::format_double(coef_(j)) << "\n";
  }
}

template <class Archive>
void Ridge::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::uint64_t n_iter = n_iter_;
  ar(cereal::make_nvp("coef", detail::arma_ref(coef_)), cereal::make_nvp("intercept", intercept_),
     cereal::make_nvp("n_iter", n_iter));
  if constexpr (Archive::is_loading::value) {
    n_iter_ = static_cast<Index>(n_iter);
    check_loaded_coefficients();
  }
}

FITKIT_DEFINE_PAYLOAD(Ridge)

}  // namespace fitkit
