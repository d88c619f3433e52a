#include "fitkit/linear/ridge_cv.hpp"

#include "core/payload.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <ostream>
#include <vector>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/validation.hpp"
#include "linear/least_squares.hpp"

namespace fitkit {
namespace {

// The problem both decompositions work on: Xs = W^1/2 (X - 1 x_mean), ys = W^1/2 (y - y_mean),
// the leverage of the unpenalised intercept column W^1/2 1 being w_i / sum(w).
struct Problem {
  const Matrix& X;
  const Vector& y;
  const Vector* w;
  const detail::Centering& centering;
  bool fit_intercept;
  const Vector& alphas;
  bool store_cv_values;
};

// What every alpha's leave-one-out gives, and ridge's coefficients at the best one.
struct LooResult {
  Vector scores;  // -mean(e^2) per alpha
  Matrix cv_values;
  Index best = 0;
  Vector coef;
};

// The first alpha with the highest score (scikit-learn keeps the first on ties).
Index first_best(const Vector& scores) {
  Index best = 0;
  for (Index a = 1; a < scores.n_elem; ++a)
    if (scores(a) > scores(best)) best = a;
  return best;
}

// How far the eigenvalues' rounding (about eps * largest * loss, loss the digits lost to
// centring) can move 1 / (s + alpha) relative to the leverages it feeds: a direction with
// eigenvalue s contributes s / (s + alpha), whose derivative is alpha / (s + alpha)^2.
double eigen_rounding(const Vector& s, double largest, double loss, double alpha_min) {
  double worst = 0;
  for (const double value : s) {
    const double t = std::max(value, 0.0) + alpha_min;
    worst = std::max(worst, alpha_min / (t * t));
  }
  return std::numeric_limits<double>::epsilon() * largest * loss * worst;
}

// Above this, auto leaves the Gram matrix for the SVD: well inside the 1e-8 that the answers
// are held to against scikit-learn.
constexpr double kMaxEigenRounding = 1e-9;

// ---- more samples than features: the d x d Gram matrix, or the SVD of the QR's R -------------

// Xs'Xs = V diag(s) V', and q = V' Xs' ys.
struct PrimalDecomposition {
  Matrix V;
  Vector s;
  Vector q;
};

std::optional<PrimalDecomposition> primal_by_eigen(const detail::NormalEquations& eq) {
  const detail::ScopedThreadLimit blas(detail::threads_for_lapack(eq.gram.n_rows, eq.gram.n_cols));
  PrimalDecomposition out;
  if (!eq.gram.is_finite() || !arma::eig_sym(out.s, out.V, eq.gram)) return std::nullopt;
  out.s = arma::clamp(out.s, 0.0, std::numeric_limits<double>::max());
  out.q = out.V.t() * eq.xty;
  return out;
}

PrimalDecomposition primal_by_svd(const Problem& p) {
  const Index d = p.X.n_cols;
  const Matrix r = detail::centred_qr_r(p.X, p.y, p.w, p.centering);
  const Matrix R = r.submat(0, 0, d - 1, d - 1);
  const Vector z = r.submat(0, d, d - 1, d);
  const detail::ScopedThreadLimit blas(detail::threads_for_lapack(d, d));
  Matrix U;
  Vector sv;
  PrimalDecomposition out;
  detail::economy_svd(R, U, sv, out.V, "RidgeCV");
  out.s = arma::square(sv);
  out.q = sv % (U.t() * z);
  return out;
}

// One pass over X for all alphas: with Z = Xs V (a block of rows at a time),
//   yhat = Z diag(1 / (s + alpha)) q   and   h_ii = sum_k Z_ik^2 / (s_k + alpha) + w_i / sum(w),
// two GEMMs per block against d x n_alphas matrices.
LooResult primal_loo(const Problem& p, const PrimalDecomposition& dec) {
  const Index n = p.X.n_rows, n_alphas = p.alphas.n_elem;
  Matrix inverse(dec.s.n_elem, n_alphas);
  for (Index a = 0; a < n_alphas; ++a) inverse.col(a) = 1.0 / (dec.s + p.alphas(a));
  Matrix fitted = inverse;
  fitted.each_col() %= dec.q;

  const double total = p.w ? arma::accu(*p.w) : static_cast<double>(n);
  LooResult out;
  if (p.store_cv_values) out.cv_values.set_size(n, n_alphas);
  std::vector<Vector> sums(detail::centred_block_chunks(n, p.X.n_cols),
                           Vector(n_alphas, arma::fill::zeros));
  // Per row: its projection on V (d x d multiply-adds at most), then its fit and leverage
  // for every alpha.
  const double d = static_cast<double>(p.X.n_cols);
  const double nanoseconds_per_row = detail::kFlopNanoseconds * d * (d + 2.0 * n_alphas);
  detail::for_each_centred_block(
      p.X, p.y, p.w, p.centering, nanoseconds_per_row,
      [&](Index chunk, Index first, const Matrix& block, const Vector& target) {
        Matrix Z = block * dec.V;
        const Matrix yhat = Z * fitted;
        Z %= Z;
        const Matrix leverage = Z * inverse;
        Vector& sum = sums[chunk];
        for (Index a = 0; a < n_alphas; ++a) {
          for (Index i = 0; i < block.n_rows; ++i) {
            double h = leverage(i, a);
            if (p.fit_intercept) h += (p.w ? (*p.w)(first + i) : 1.0) / total;
            const double e = (target(i) - yhat(i, a)) / (1.0 - h);
            sum(a) += e * e;
            if (p.store_cv_values) out.cv_values(first + i, a) = e * e;
          }
        }
      });
  Vector total_sq = std::move(sums[0]);
  for (std::size_t k = 1; k < sums.size(); ++k) total_sq += sums[k];
  out.scores = -total_sq / static_cast<double>(n);
  out.best = first_best(out.scores);
  out.coef = dec.V * fitted.col(out.best);
  return out;
}

// ---- at most as many samples as features: the n x n kernel, or the SVD of Xs -----------------

// The intercept is the unpenalised column u = W^1/2 1, orthogonal to the centred Xs: the
// decomposition is of [Xs u], and u's direction (found as the eigenvector closest to it)
// keeps a leverage factor of 1 whatever alpha.
struct DualDecomposition {
  Matrix Xs;
  Vector ys;
  Matrix Q;  // n x k, orthonormal
  Vector lambda;
  Index intercept_dim = 0;  // meaningful when fitting an intercept
};

DualDecomposition scaled_copy(const Problem& p) {
  DualDecomposition out;
  out.Xs = p.X;
  out.ys = p.y - p.centering.y_mean;
  if (p.centering.x_mean.n_elem) out.Xs.each_row() -= p.centering.x_mean;
  if (p.w) {
    const Vector root = detail::root_weights(*p.w);
    out.Xs.each_col() %= root;
    out.ys %= root;
  }
  return out;
}

Vector intercept_column(const Problem& p) {
  return p.w ? detail::root_weights(*p.w) : Vector(p.X.n_rows, arma::fill::ones);
}

void find_intercept_dim(const Problem& p, DualDecomposition& dec) {
  if (!p.fit_intercept) return;
  const detail::ScopedThreadLimit blas(
      detail::threads_for(detail::kStreamNanoseconds * dec.Q.n_elem));
  const Vector u = arma::normalise(intercept_column(p));
  dec.intercept_dim = arma::index_max(arma::abs(dec.Q.t() * u));
}

std::optional<DualDecomposition> dual_by_eigen(const Problem& p) {
  DualDecomposition out = scaled_copy(p);
  Matrix kernel = out.Xs * out.Xs.t();
  if (p.fit_intercept) {
    const Vector u = intercept_column(p);
    kernel += u * u.t();
  }
  const detail::ScopedThreadLimit blas(detail::threads_for_lapack(kernel.n_rows, kernel.n_cols));
  if (!kernel.is_finite() || !arma::eig_sym(out.lambda, out.Q, kernel)) return std::nullopt;
  out.lambda = arma::clamp(out.lambda, 0.0, std::numeric_limits<double>::max());
  find_intercept_dim(p, out);
  return out;
}

DualDecomposition dual_by_svd(const Problem& p) {
  DualDecomposition out = scaled_copy(p);
  // LAPACK is several times faster on the tall [Xs u]' than on the wide [Xs u].
  Matrix tall = out.Xs.t();
  if (p.fit_intercept) tall = arma::join_cols(tall, intercept_column(p).t());
  Matrix V;
  Vector sv;
  detail::economy_svd(tall, V, sv, out.Q, "RidgeCV");
  out.lambda = arma::square(sv);
  find_intercept_dim(p, out);
  return out;
}

// H = Q diag(lambda / (lambda + alpha)) Q', the intercept's direction at 1.
LooResult dual_loo(const Problem& p, const DualDecomposition& dec) {
  const Index n_alphas = p.alphas.n_elem;
  // Products with Q (n x k) and Xs (n x d), one pass over either each.
  const detail::ScopedThreadLimit blas(
      detail::threads_for(detail::kStreamNanoseconds * std::max(dec.Q.n_elem, dec.Xs.n_elem)));
  Matrix shrink(dec.lambda.n_elem, n_alphas);
  for (Index a = 0; a < n_alphas; ++a) shrink.col(a) = dec.lambda / (dec.lambda + p.alphas(a));
  if (p.fit_intercept) shrink.row(dec.intercept_dim).ones();
  const Vector projected = dec.Q.t() * dec.ys;
  Matrix scaled = shrink;
  scaled.each_col() %= projected;
  const Matrix yhat = dec.Q * scaled;
  const Matrix leverage = arma::square(dec.Q) * shrink;

  LooResult out;
  Matrix errors = -yhat;
  errors.each_col() += dec.ys;
  errors /= 1.0 - leverage;
  errors %= errors;
  out.scores = -arma::mean(errors, 0).t();
  out.best = first_best(out.scores);
  if (p.store_cv_values) out.cv_values = std::move(errors);
  // Dual coefficients (K + alpha I)^-1 ys; ys has no component along the intercept.
  Vector inverse = 1.0 / (dec.lambda + p.alphas(out.best));
  if (p.fit_intercept) inverse(dec.intercept_dim) = 0;
  out.coef = dec.Xs.t() * (dec.Q * (inverse % projected));
  return out;
}

// Digits the Gram matrix may have lost to centring after the fact (X'X - n mu mu'), as in
// ridge_solver: the worst 1 + mean^2 / variance.
double centring_loss(const detail::Centering& c, const detail::NormalEquations& eq, double total) {
  double loss = 1.0;
  for (Index j = 0; j < c.x_mean.n_elem; ++j) {
    const double variance = eq.gram(j, j) / total;
    if (variance > 0) loss = std::max(loss, 1.0 + c.x_mean(j) * c.x_mean(j) / variance);
  }
  return loss;
}

}  // namespace

RidgeCV& RidgeCV::fit(const Matrix& X, const Vector& y) {
  return fit_weighted(X, y, nullptr);
}

RidgeCV& RidgeCV::fit(const Matrix& X, const Vector& y, const Vector& sample_weight) {
  return fit_weighted(X, y, &sample_weight);
}

RidgeCV& RidgeCV::fit_weighted(const Matrix& X, const Vector& y, const Vector* sample_weight) {
  validate_params(params_);
  // Leaving one sample out of one leaves nothing to fit.
  constexpr Index kMinSamples = 2;
  const GcvMode mode = params_.gcv_mode;
  const bool primal = X.n_rows > X.n_cols;
  // As in Ridge: on unweighted X the one pass that forms X'X also finds NaN and Inf.
  const bool one_pass = mode != GcvMode::svd && primal && sample_weight == nullptr &&
                        X.n_rows >= kMinSamples && X.n_cols > 0 && y.n_elem == X.n_rows;
  if (!one_pass) check_fit_input(X, y, type_name(), kMinSamples);
  if (sample_weight != nullptr) {
    check_sample_weight(*sample_weight, X.n_rows);
    // With an intercept, a lone weighted sample has leverage 1: its left-out error is 0 / 0.
    if (params_.fit_intercept && arma::accu(*sample_weight > 0.0) < kMinSamples)
      throw DataError(type_name() + ": leave-one-out with an intercept needs at least " +
                      std::to_string(kMinSamples) + " samples of positive weight");
  }

  detail::Centering centering;
  std::optional<detail::NormalEquations> equations;
  double loss = 1.0;
  bool overflow = false;
  if (one_pass) {
    detail::Moments moments = detail::unweighted_moments(X, y, params_.fit_intercept);
    if (moments.finite) {
      centering = std::move(moments.centering);
      equations = std::move(moments.equations);
      if (equations && params_.fit_intercept)
        loss = centring_loss(centering, *equations, static_cast<double>(X.n_rows));
    } else {
      check_fit_input(X, y, type_name(), kMinSamples);  // names the NaN or Inf
      // Finite values whose squares overflow X'X: the QR behind the SVD scales as it goes and
      // may still cope (if not, the check after the fit refuses them).
      overflow = true;
    }
  }
  if (!one_pass || overflow)
    centering = detail::compute_centering(X, y, sample_weight, params_.fit_intercept);

  const Vector alphas(params_.alphas);
  const Problem problem{
      X, y, sample_weight, centering, params_.fit_intercept, alphas, params_.store_cv_values};
  const double alpha_min = alphas.min();
  const bool try_eigen = mode != GcvMode::svd && !overflow;
  LooResult result;
  if (primal) {
    std::optional<PrimalDecomposition> dec;
    if (try_eigen) {
      if (!equations) equations = detail::normal_equations(X, y, sample_weight, centering);
      dec = primal_by_eigen(*equations);
      if (dec && mode == GcvMode::automatic &&
          eigen_rounding(dec->s, dec->s.max(), loss, alpha_min) > kMaxEigenRounding)
        dec.reset();
    }
    if (!dec) dec = primal_by_svd(problem);
    result = primal_loo(problem, *dec);
  } else {
    std::optional<DualDecomposition> dec;
    if (try_eigen) {
      dec = dual_by_eigen(problem);
      if (dec && mode == GcvMode::automatic) {
        Vector penalised = dec->lambda;
        if (params_.fit_intercept) penalised.shed_row(dec->intercept_dim);
        if (eigen_rounding(penalised, dec->lambda.max(), 1.0, alpha_min) > kMaxEigenRounding)
          dec.reset();
      }
    }
    if (!dec) dec = dual_by_svd(problem);
    result = dual_loo(problem, *dec);
  }

  // Finite values whose squares overflow (|x| near 1e154 and beyond) leave no leave-one-out
  // error to compare.
  if (!result.scores.is_finite() || !result.coef.is_finite())
    throw DataError(type_name() +
                    ": the leave-one-out errors overflow: X or y is too large in magnitude "
                    "(scale it)");

  reset_fitted();
  coef_ = std::move(result.coef);
  intercept_ = params_.fit_intercept ? centering.y_mean - arma::dot(centering.x_mean, coef_) : 0.0;
  alpha_ = alphas(result.best);
  best_score_ = result.scores(result.best);
  cv_values_ = std::move(result.cv_values);
  set_n_features_in(X.n_cols);
  return *this;
}

double RidgeCV::alpha() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return alpha_;
}

double RidgeCV::best_score() const {
  if (!is_fitted()) throw NotFitted(type_name());
  return best_score_;
}

const Matrix& RidgeCV::cv_values() const {
  if (!is_fitted()) throw NotFitted(type_name());
  if (cv_values_.is_empty())
    throw Error("RidgeCV: no cv_values: fit with store_cv_values = true to keep them");
  return cv_values_;
}

void RidgeCV::describe_fitted(std::ostream& out) const {
  if (!is_fitted()) throw NotFitted(type_name());
  out << "alpha: " << detail::format_double(alpha_) << "\n";
  out << "best_score: " << detail::format_double(best_score_) << "\n";
  out << "intercept: " << detail::format_double(intercept_) << "\n";
  if (!cv_values_.is_empty())
    out << "cv_values: " << cv_values_.n_rows << " x " << cv_values_.n_cols << "\n";
  describe_coefficients(out);
}

template <class Archive>
void RidgeCV::serialize(Archive& ar, std::uint32_t /*version*/) {
  ar(cereal::make_nvp("coef", detail::arma_ref(coef_)), cereal::make_nvp("intercept", intercept_),
     cereal::make_nvp("alpha", alpha_), cereal::make_nvp("best_score", best_score_),
     cereal::make_nvp("cv_values", detail::arma_ref(cv_values_)));
  if constexpr (Archive::is_loading::value) {
    check_loaded_coefficients();
    const auto& alphas = params_.alphas;
    if (std::find(alphas.begin(), alphas.end(), alpha_) == alphas.end())
      throw detail::FormatProblem("alpha " + detail::format_double(alpha_) +
                                  " is not one of the alphas");
    if (!std::isfinite(best_score_) || best_score_ > 0)
      throw detail::FormatProblem("best_score must be finite and at most 0");
    if (!cv_values_.is_empty() && cv_values_.n_cols != alphas.size())
      throw detail::FormatProblem("cv_values has " + std::to_string(cv_values_.n_cols) +
                                  " columns for " + std::to_string(alphas.size()) + " alphas");
  }
}

FITKIT_DEFINE_PAYLOAD(RidgeCV)

}  // namespace fitkit
