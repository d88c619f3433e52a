// The M-step of GaussianMixture, one estimate per covariance type (scikit-learn's
// _estimate_gaussian_covariances_{full,tied,diag,spherical}), and the Cholesky factors of the
// precisions (_compute_precision_cholesky).
//
// full: a second pass over X, one weighted SYRK per component on each block of rows
//   (sqrt(r_ik) (x_i - mu_k)), centred as scikit-learn's;
// tied: (X'X - sum_k nk mu_k mu_k') / sum nk, X'X computed once per fit;
// diag: R'(X o X) / nk - 2 mu o (R'X / nk) + mu o mu, from the E-step's sums;
// spherical: the mean of diag's over the features.

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "cluster/gaussian_mixture_em.hpp"
#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"

namespace fitkit::detail {
namespace {

constexpr Index kSyrkRows = 256;

const char* const kIllDefined =
    "Fitting the mixture model failed because some components have ill-defined empirical "
    "covariance (for instance caused by singleton or collapsed samples). Try to decrease the "
    "number of components, or increase reg_covar.";

// out[i] = sqrt(r[i]) (x[i] - m): a row of the block a weighted SYRK takes (AVX2 clone as in
// the E-step).
FITKIT_VECTOR_CLONES void root_weighted(const double* r, Index rows, double* root) {
  for (Index i = 0; i < rows; ++i) root[i] = std::sqrt(r[i]);
}
FITKIT_VECTOR_CLONES void scaled_offsets(const double* x, const double* root, double m, Index rows,
                                         double* out) {
  for (Index i = 0; i < rows; ++i) out[i] = root[i] * (x[i] - m);
}

arma::cube covariances_full(const Matrix& X, const Matrix& resp, const Vector& nk,
                            const Matrix& means, double reg_covar) {
  const Index d = X.n_cols, k = means.n_rows, n = X.n_rows;
  std::vector<arma::cube> parts(mixture_chunks(n), arma::cube(d, d, k, arma::fill::zeros));
  const double per_row = static_cast<double>(k) * (kFlopNanoseconds * static_cast<double>(d * d) +
                                                   2 * kStreamNanoseconds * static_cast<double>(d));
  for_each_mixture_chunk(n, per_row, [&](Index chunk, Index first, Index last) {
    Matrix w;
    std::vector<double> scale(kSyrkRows);
    arma::cube& sums = parts[chunk];
    const auto bd = static_cast<arma::blas_int>(d);
    const double one = 1.0;
    const char uplo = 'L', trans = 'T';
    for (Index b = first; b < last; b += kSyrkRows) {
      const Index rows = std::min(kSyrkRows, last - b);
      const auto br = static_cast<arma::blas_int>(rows);
      w.set_size(rows, d);
      for (Index c = 0; c < k; ++c) {
        root_weighted(resp.colptr(c) + b, rows, scale.data());
        for (Index j = 0; j < d; ++j)
          scaled_offsets(X.colptr(j) + b, scale.data(), means(c, j), rows, w.colptr(j));
        arma::blas::syrk(&uplo, &trans, &bd, &br, &one, w.memptr(), &br, &one,
                         sums.slice(c).memptr(), &bd);
      }
    }
  });
  arma::cube cov = std::move(parts.front());
  for (std::size_t c = 1; c < parts.size(); ++c) cov += parts[c];
  for (Index c = 0; c < k; ++c) {
    Matrix& s = cov.slice(c);
    for (Index j = 0; j < d; ++j)
      for (Index i = j; i < d; ++i) {
        const double v = s(i, j) / nk(c);
        s(i, j) = v;
        s(j, i) = v;
      }
    s.diag() += reg_covar;
  }
  return cov;
}

arma::cube covariance_tied(const Matrix& gram, const Vector& nk, const Matrix& means,
                           double reg_covar) {
  const Index d = means.n_cols;
  Matrix avg_means2 = means.t() * (means.each_col() % nk);  // sum_k nk mu_k mu_k'
  Matrix cov = (gram - avg_means2) / arma::accu(nk);
  cov = 0.5 * (cov + cov.t());
  cov.diag() += reg_covar;
  arma::cube out(d, d, 1);
  out.slice(0) = cov;
  return out;
}

Matrix covariances_diag(const ResponsibilitySums& sums, const Vector& nk, const Matrix& means,
                        double reg_covar) {
  Matrix avg_x2 = sums.resp_x2.each_col() / nk;
  Matrix avg_x_means = means % (sums.resp_x.each_col() / nk);
  return avg_x2 - 2 * avg_x_means + means % means + reg_covar;
}

}  // namespace

Vector maximisation(const Matrix& X, const Matrix& resp, const ResponsibilitySums& sums,
                    CovarianceType type, double reg_covar, const Matrix& gram,
                    MixtureParameters& p) {
  const Vector nk = sums.nk + 10 * std::numeric_limits<double>::epsilon();
  p.means = sums.resp_x.each_col() / nk;
  switch (type) {
    case CovarianceType::full:
      p.covariances = covariances_full(X, resp, nk, p.means, reg_covar);
      break;
    case CovarianceType::tied:
      p.covariances = covariance_tied(gram, nk, p.means, reg_covar);
      break;
    case CovarianceType::diag: {
      const Matrix cov = covariances_diag(sums, nk, p.means, reg_covar);
      p.covariances.set_size(cov.n_rows, cov.n_cols, 1);
      p.covariances.slice(0) = cov;
      break;
    }
    case CovarianceType::spherical: {
      const Vector cov = arma::mean(covariances_diag(sums, nk, p.means, reg_covar), 1);
      p.covariances.set_size(cov.n_elem, 1, 1);
      p.covariances.slice(0) = cov;
      break;
    }
  }
  return nk;
}

arma::cube precision_cholesky(const arma::cube& covariances, CovarianceType type) {
  if (type == CovarianceType::full || type == CovarianceType::tied) {
    const Index d = covariances.n_rows;
    arma::cube out(d, d, covariances.n_slices);
    const ScopedThreadLimit serial(1);
    for (Index c = 0; c < covariances.n_slices; ++c) {
      Matrix lower;
      if (!covariances.slice(c).is_finite() || !arma::chol(lower, covariances.slice(c), "lower"))
        throw DataError(kIllDefined);
      // (L^-1)' by a triangular solve against the identity, as scikit-learn's.
      const Matrix inverse =
          arma::solve(arma::trimatl(lower), Matrix(d, d, arma::fill::eye), arma::solve_opts::fast);
      out.slice(c) = inverse.t();
    }
    return out;
  }
  if (!covariances.is_finite() || arma::any(arma::vectorise(covariances) <= 0.0))
    throw DataError(kIllDefined);
  return 1.0 / arma::sqrt(covariances);
}

}  // namespace fitkit::detail
