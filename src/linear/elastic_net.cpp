#include "fitkit/linear/elastic_net.hpp"

#include "core/payload.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>

#include "fitkit/core/error.hpp"
#include "fitkit/core/progress.hpp"
#include "fitkit/core/random.hpp"
#include "fitkit/core/validation.hpp"
#include "fitkit/core/warnings.hpp"
#include "fitkit/metrics/regression.hpp"
#include "linear/coordinate_descent.hpp"

namespace fitkit {
namespace {

double l1_ratio_of(const ElasticNetParams& p) {
  return p.l1_ratio;
}
double l1_ratio_of(const LassoParams&) {
  return 1.0;
}

bool use_gram(CdPrecompute precompute, Index n_samples, Index n_features) {
  switch (precompute) {
    case CdPrecompute::yes:
      return true;
    case CdPrecompute::no:
      return false;
    case CdPrecompute::automatic:
      break;
  }
  return detail::gram_pays_off(n_samples, n_features);
}

detail::CdSettings settings(double alpha, double l1_ratio, Index n_samples, int max_iter,
                            double tol, bool positive, CdSelection selection, bool screening) {
  detail::CdSettings s;
  const double n = static_cast<double>(n_samples);
  s.l1 = alpha * l1_ratio * n;
  s.l2 = alpha * (1.0 - l1_ratio) * n;
  s.max_iter = max_iter;
  s.tol = tol;
  s.positive = positive;
  s.random = selection == CdSelection::random;
  s.screening = screening;
  return s;
}

// scikit-learn's ConvergenceWarning quotes the gap and the tolerance in cd_fast's scaling.
std::string gap_above_tol(const detail::CdOutcome& outcome) {
  return "duality gap " + detail::format_double(outcome.gap) + " not below tol " +
         detail::format_double(outcome.tol);
}

}  // namespace

namespace detail {

template <class Derived, class P>
void CoordinateDescentRegressor<Derived, P>::fit_weighted(const Matrix& X, const Vector& y,
                                                          const Vector* sample_weight) {
  P& p = this->params_;
  validate_params(p);
  check_fit_input(X, y, this->type_name());
  if (sample_weight != nullptr) check_sample_weight(*sample_weight, X.n_rows);

  const EnetProblem problem(X, y, sample_weight, p.fit_intercept,
                            use_gram(p.precompute, X.n_rows, X.n_cols));
  Vector coef(X.n_cols, arma::fill::zeros);
  if (p.warm_start && this->is_fitted() && coef_.n_elem == X.n_cols) coef = coef_;
  Random rng(p.seed);
  Progress progress(this->type_name() + " epochs", static_cast<std::size_t>(p.max_iter));
  const CdOutcome outcome = problem.solve(coef,
                                          settings(p.alpha, l1_ratio_of(p), X.n_rows, p.max_iter,
                                                   p.tol, p.positive, p.selection, p.screening),
                                          rng, &progress);
  progress.finish();
  if (!outcome.converged) warn_not_converged(this->type_name(), p.max_iter, gap_above_tol(outcome));

  this->reset_fitted();
  coef_ = std::move(coef);
  intercept_ = p.fit_intercept ? problem.y_mean() - arma::dot(problem.x_mean(), coef_) : 0.0;
  n_iter_ = outcome.n_iter;
  dual_gap_ = outcome.gap / static_cast<double>(X.n_rows);
  this->set_n_features_in(X.n_cols);
}

template <class Derived, class P>
int CoordinateDescentRegressor<Derived, P>::n_iter() const {
  if (!this->is_fitted()) throw NotFitted(this->type_name());
  return n_iter_;
}

template <class Derived, class P>
double CoordinateDescentRegressor<Derived, P>::dual_gap() const {
  if (!this->is_fitted()) throw NotFitted(this->type_name());
  return dual_gap_;
}

template <class Derived, class P>
void CoordinateDescentRegressor<Derived, P>::describe_fitted(std::ostream& out) const {
  if (!this->is_fitted()) throw NotFitted(this->type_name());
  out << "intercept: " << format_double(intercept_) << "\n";
  out << "n_iter: " << n_iter_ << "\n";
  out << "dual_gap: " << format_double(dual_gap_) << "\n";
  out << "nonzero coefficients: " << arma::accu(coef_ != 0.0) << " of " << coef_.n_elem << "\n";
  this->describe_coefficients(out);
}

template <class Derived, class P>
template <class Archive>
void CoordinateDescentRegressor<Derived, P>::serialize(Archive& ar, std::uint32_t /*version*/) {
  std::int64_t n_iter = n_iter_;
  ar(cereal::make_nvp("coef", arma_ref(coef_)), cereal::make_nvp("intercept", intercept_),
     cereal::make_nvp("n_iter", n_iter), cereal::make_nvp("dual_gap", dual_gap_));
  if constexpr (Archive::is_loading::value) {
    this->check_loaded_coefficients();
    if (n_iter < 0 || n_iter > std::numeric_limits<int>::max())
      throw FormatProblem("n_iter out of range");
    n_iter_ = static_cast<int>(n_iter);
  }
}

template class CoordinateDescentRegressor<ElasticNet, ElasticNetParams>;
template class CoordinateDescentRegressor<Lasso, LassoParams>;

}  // namespace detail

FITKIT_DEFINE_PAYLOAD(ElasticNet)
FITKIT_DEFINE_PAYLOAD(Lasso)

// ---- paths ------------------------------------------------------------------------------------

EnetPath enet_path(const Matrix& X, const Vector& y, const EnetPathParams& params,
                   const Vector& alphas) {
  EnetPathParams p = params;
  validate_params(p);
  check_fit_input(X, y, "enet_path");
  for (Index k = 0; k < alphas.n_elem; ++k)
    if (!std::isfinite(alphas(k)) || alphas(k) < 0)
      throw InvalidParameter("alphas", "must be finite and at least 0, got " +
                                           detail::format_double(alphas(k)) + " at position " +
                                           std::to_string(k + 1));

  const detail::EnetProblem problem(X, y, nullptr, p.fit_intercept,
                                    use_gram(p.precompute, X.n_rows, X.n_cols));
  const double n = static_cast<double>(X.n_rows);
  EnetPath path;
  if (alphas.is_empty()) {
    if (p.l1_ratio == 0)
      throw InvalidParameter("l1_ratio",
                             "the automatic alpha grid needs l1_ratio > 0: give the alphas");
    // scikit-learn's _alpha_grid.
    const double alpha_max = arma::abs(problem.xty()).max() / (n * p.l1_ratio);
    constexpr double kResolution = 1e-15;  // numpy's finfo(float).resolution
    if (alpha_max <= kResolution) {
      path.alphas = Vector(p.n_alphas, arma::fill::value(kResolution));
    } else {
      path.alphas = arma::reverse(
          arma::logspace<Vector>(std::log10(alpha_max * p.eps), std::log10(alpha_max), p.n_alphas));
    }
  } else {
    path.alphas = arma::sort(alphas, "descend");
  }

  const Index k = path.alphas.n_elem;
  path.coefs.zeros(X.n_cols, k);
  path.intercepts.zeros(k);
  path.dual_gaps.zeros(k);
  path.n_iters.assign(k, 0);
  Vector coef(X.n_cols, arma::fill::zeros);
  Random rng(p.seed);
  Index n_not_converged = 0;
  std::string last_not_converged;
  for (Index i = 0; i < k; ++i) {
    const detail::CdOutcome outcome =
        problem.solve(coef,
                      settings(path.alphas(i), p.l1_ratio, X.n_rows, p.max_iter, p.tol, p.positive,
                               p.selection, p.screening),
                      rng);
    path.coefs.col(i) = coef;
    if (p.fit_intercept) path.intercepts(i) = problem.y_mean() - arma::dot(problem.x_mean(), coef);
    path.dual_gaps(i) = outcome.gap / n;
    path.n_iters[i] = outcome.n_iter;
    if (!outcome.converged) {
      ++n_not_converged;
      last_not_converged =
          "alpha " + detail::format_double(path.alphas(i)) + ": " + gap_above_tol(outcome);
    }
  }
  if (n_not_converged > 0)
    warn_not_converged(p.l1_ratio == 1.0 ? "lasso_path" : "enet_path", p.max_iter,
                       "at " + std::to_string(n_not_converged) + " of " + std::to_string(k) +
                           " alphas; " + last_not_converged);
  return path;
}

EnetPath lasso_path(const Matrix& X, const Vector& y, const EnetPathParams& params,
                    const Vector& alphas) {
  EnetPathParams p = params;
  p.l1_ratio = 1.0;
  return enet_path(X, y, p, alphas);
}

}  // namespace fitkit
