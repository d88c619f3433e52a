#include "fitkit/linear/linear_regression.hpp"

#include "core/payload.hpp"

#include <cmath>
#include <ostream>

#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/metrics/regression.hpp"
#include "linear/least_squares.hpp"

namespace fitkit {

LinearRegression& LinearRegression::fit(const Matrix& X, const Vector& y) {
  return fit_weighted(X, y, nullptr);
}

LinearRegression& LinearRegression::fit(const Matrix& X, const Vector& y,
                                        const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight);
}

LinearRegression& LinearRegression::fit_weighted(const Matrix& X, const Vector& y,
                                                 const Vector* sample_weight) {
  validate_params(params_);
  check_fit_input(X, y, type_name());
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);

  // Unweighted, the means come from the same pass over X as X'X.
  detail::Centering centering;
  std::optional<detail::NormalEquations> equations;
  bool centred = false;
  if (sample_weight == nullptr && params_.solver == LinearRegressionSolver::automatic) {
    detail::Moments moments = detail::unweighted_moments(X, y, params_.fit_intercept);
    centred = moments.finite;  // not when squares overflow: the SVD handles those
    centering = std::move(moments.centering);
    equations = std::move(moments.equations);
  }
  if (!centred) centering = detail::compute_centering(X, y, sample_weight, params_.fit_intercept);
  std::optional<detail::LeastSquaresSolution> solution;
  if (params_.solver == LinearRegressionSolver::automatic)
    solution = detail::solve_by_cholesky(X, y, sample_weight, centering, std::move(equations));
  if (!solution) solution = detail::solve_by_svd(X, y, sample_weight, centering);

  reset_fitted();
  coef_ = std::move(solution->coef);
  singular_ = std::move(solution->singular_values);
  rank_ = solution->rank;
  intercept_ = params_.fit_intercept ? centering.y_mean - arma::dot(centering.x_mean, coef_) : 0.0;
  set_n_features_in(X.n_cols);
  return *this;
}

Index LinearRegression::rank() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return rank_;
}

const Vector& LinearRegression::singular() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return singular_;
}

void LinearRegression::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  out << "intercept: " << detail::format_double(intercept_) << "\n";
  out << "rank: " << rank_ << "\n";
  describe_coefficients(out);
}

template <class Archive>
void LinearRegression::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::uint64_t rank = rank_;
  ar(cereal::make_nvp("coef", detail::arma_ref(coef_)), cereal::make_nvp("intercept", intercept_),
     cereal::make_nvp("rank", rank), cereal::make_nvp("singular", detail::arma_ref(singular_)));
  if constexpr (Archive::is_loading::value) {
    rank_ = static_cast<Index>(rank);
    check_loaded_coefficients();
    if (rank > coef_.n_elem) throw detail::FormatProblem("rank exceeds the number of features");
  }
}

FITKIT_DEFINE_PAYLOAD(LinearRegression)

}  // namespace fitkit
