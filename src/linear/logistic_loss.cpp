#include "linear/logistic_loss.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "core/parallel.hpp"

namespace fitkit::detail {
namespace {

constexpr Index kChunkRows = 8192;  // rows per parallel chunk (fixed: deterministic sums)

// Loss and gradient contributions of rows [begin, end): loss returned, gradient of W added
// into grad_w (d x K), of the intercepts into grad_b (K).
double chunk_loss_gradient(const LogisticProblem& p, const double* W, const double* b, Index begin,
                           Index end, double* grad_w, double* grad_b,
                           std::vector<double>& scratch) {
  const Matrix& X = *p.X;
  const Index d = X.n_cols, K = p.n_outputs;
  const Index m = end - begin;
  scratch.resize(m * K);
  double* Z = scratch.data();  // m x K, column-major; becomes G
  {
    const char no = 'N';
    const arma::blas_int bm = static_cast<arma::blas_int>(m), bk = static_cast<arma::blas_int>(K),
                         bd = static_cast<arma::blas_int>(d),
                         lda = static_cast<arma::blas_int>(X.n_rows);
    const double one = 1.0, zero = 0.0;
    const double* A = X.memptr() + begin;
    if (K == 1) {
      const arma::blas_int inc = 1;
      arma::blas::gemv(&no, &bm, &bd, &one, A, &lda, W, &inc, &zero, Z, &inc);
    } else {
      arma::blas::gemm(&no, &no, &bm, &bk, &bd, &one, A, &lda, W, &bd, &zero, Z, &bm);
    }
  }
  const double* w = p.weight->memptr() + begin;
  const arma::uword* t = p.target->memptr() + begin;
  double loss = 0;
  if (K == 1) {
    const double b0 = p.fit_intercept ? b[0] : 0.0;
    double gb = 0;
    for (Index i = 0; i < m; ++i) {
      const double z = Z[i] + b0;
      const double y = static_cast<double>(t[i]);
      // One exponential for both: e = exp(-|z|).
      const double e = std::exp(-std::abs(z));
      const double sig = z >= 0 ? 1.0 / (1.0 + e) : e / (1.0 + e);
      loss += w[i] * (std::max(z, 0.0) + std::log1p(e) - y * z);
      Z[i] = w[i] * (sig - y);
      gb += Z[i];
    }
    if (p.fit_intercept) grad_b[0] += gb;
  } else {
    std::vector<double> row(K);
    for (Index i = 0; i < m; ++i) {
      double zmax = -arma::datum::inf;
      for (Index k = 0; k < K; ++k) {
        row[k] = Z[i + k * m] + (p.fit_intercept ? b[k] : 0.0);
        zmax = std::max(zmax, row[k]);
      }
      double sum = 0;
      for (Index k = 0; k < K; ++k) sum += std::exp(row[k] - zmax);
      const double lse = zmax + std::log(sum);
      loss += w[i] * (lse - row[t[i]]);
      for (Index k = 0; k < K; ++k) {
        const double prob = std::exp(row[k] - lse);
        Z[i + k * m] = w[i] * (prob - (k == t[i] ? 1.0 : 0.0));
      }
    }
    if (p.fit_intercept)
      for (Index k = 0; k < K; ++k) {
        double s = 0;
        for (Index i = 0; i < m; ++i) s += Z[i + k * m];
        grad_b[k] += s;
      }
  }
  {
    const char tr = 'T', no = 'N';
    const arma::blas_int bm = static_cast<arma::blas_int>(m), bk = static_cast<arma::blas_int>(K),
                         bd = static_cast<arma::blas_int>(d),
                         lda = static_cast<arma::blas_int>(X.n_rows);
    const double one = 1.0;
    const double* A = X.memptr() + begin;
    if (K == 1) {
      const arma::blas_int inc = 1;
      arma::blas::gemv(&tr, &bm, &bd, &one, A, &lda, Z, &inc, &one, grad_w, &inc);
    } else {
      arma::blas::gemm(&tr, &no, &bd, &bk, &bm, &one, A, &lda, Z, &bm, &one, grad_w, &bd);
    }
  }
  return loss;
}

}  // namespace

Index logistic_n_params(const LogisticProblem& p) {
  return p.X->n_cols * p.n_outputs + (p.fit_intercept ? p.n_outputs : 0);
}

double logistic_loss_gradient(const LogisticProblem& p, const Vector& theta, Vector& grad) {
  const Matrix& X = *p.X;
  const Index n = X.n_rows, d = X.n_cols, K = p.n_outputs;
  const Index n_w = d * K, n_params = logistic_n_params(p);
  const double* W = theta.memptr();
  const double* b = theta.memptr() + n_w;
  const Index n_chunks = (n + kChunkRows - 1) / kChunkRows;
  // Block rows so that a block of X stays in cache between the two products.
  const Index block_rows = std::clamp<Index>(262144 / (8 * d), 64, kChunkRows);

  std::vector<double> partial_grad(n_chunks * n_params, 0.0);
  std::vector<double> partial_loss(n_chunks, 0.0);
  const auto chunks = static_cast<long long>(n_chunks);
  // Per row: two passes over its d features for the products with W (K columns) and an
  // exponential and a logarithm per output. BLAS runs on one thread whatever the thread
  // count (on few rows, a threaded product wakes all its threads for microseconds of work;
  // and each chunk's sums then come out the same on any number of threads).
  const double row_nanoseconds =
      static_cast<double>(K) * (2 * kStreamNanoseconds * static_cast<double>(d) + 20);
  const int threads = threads_for(row_nanoseconds * static_cast<double>(n), n_chunks);
  const ScopedThreadLimit serial_blas(1);
#pragma omp parallel num_threads(threads)
  {
    std::vector<double> scratch;
#pragma omp for schedule(dynamic, 1)
    for (long long c = 0; c < chunks; ++c) {
      const Index first = static_cast<Index>(c) * kChunkRows;
      const Index last = std::min(n, first + kChunkRows);
      double* gw = partial_grad.data() + static_cast<Index>(c) * n_params;
      double* gb = gw + n_w;
      double loss = 0;
      for (Index begin = first; begin < last; begin += block_rows)
        loss += chunk_loss_gradient(p, W, b, begin, std::min(last, begin + block_rows), gw, gb,
                                    scratch);
      partial_loss[static_cast<Index>(c)] = loss;
    }
  }
  grad.zeros(n_params);
  double loss = 0;
  for (Index c = 0; c < n_chunks; ++c) {
    loss += partial_loss[c];
    const double* src = partial_grad.data() + c * n_params;
    for (Index j = 0; j < n_params; ++j) grad(j) += src[j];
  }
  if (p.l2 > 0) {
    double sq = 0;
    for (Index j = 0; j < n_w; ++j) {
      sq += W[j] * W[j];
      grad(j) += p.l2 * W[j];
    }
    loss += 0.5 * p.l2 * sq;
  }
  return loss;
}

Matrix linear_scores(const Matrix& X, const Matrix& coef, const Vector& intercept) {
  // One read of X and a multiply-add per entry and output.
  const ScopedThreadLimit blas(threads_for(static_cast<double>(X.n_elem) *
                                           (kStreamNanoseconds + kFlopNanoseconds * coef.n_rows)));
  Matrix scores = X * coef.t();
  scores.each_row() += intercept.t();
  return scores;
}

arma::uvec linear_decision_classes(const Matrix& scores) {
  if (scores.n_cols != 1) return arma::index_max(scores, 1);
  arma::uvec index(scores.n_rows);
  for (Index i = 0; i < scores.n_rows; ++i) index(i) = scores(i, 0) > 0 ? 1 : 0;
  return index;
}

}  // namespace fitkit::detail
