// The E-step of GaussianMixture: log p(x | k) on blocks of rows (scikit-learn's
// _estimate_log_gaussian_prob), the responsibilities by log-sum-exp, and in the same pass the
// sums the M-step needs (R'X, and R'(X o X) for diag and spherical).

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <numbers>
#include <vector>

#include "cluster/gaussian_mixture_em.hpp"
#include "core/parallel.hpp"
#include "core/vector_exp.hpp"

namespace fitkit::detail {
namespace {

constexpr Index kBlockRows = 128;  // Y (rows x kd) stays below malloc's mmap threshold
constexpr Index kMaxChunks = 64;

void gemm(char ta, char tb, Index m, Index n, Index k, const double* A, Index lda, const double* B,
          Index ldb, double beta, double* C, Index ldc) {
  const auto bm = static_cast<arma::blas_int>(m), bn = static_cast<arma::blas_int>(n),
             bk = static_cast<arma::blas_int>(k), la = static_cast<arma::blas_int>(lda),
             lb = static_cast<arma::blas_int>(ldb), lc = static_cast<arma::blas_int>(ldc);
  const double one = 1.0;
  arma::blas::gemm(&ta, &tb, &bm, &bn, &bk, &one, A, &la, B, &lb, &beta, C, &lc);
}

// out[i] += ((y[i] - m) s)², the inner loop of every covariance type. The hot loops are also
// compiled for AVX2 (picked at run time where the CPU has it): the same operations in the same
// order on each element, only more elements at a time, so the results are the same bits.
FITKIT_VECTOR_CLONES void add_squared_offsets(const double* y, double m, double s, Index rows,
                                              double* out) {
  for (Index i = 0; i < rows; ++i) {
    const double t = (y[i] - m) * s;
    out[i] += t * t;
  }
}

// What the E-step prepares once per call from the parameters.
struct LogProbModel {
  CovarianceType type;
  Index d = 0, k = 0;
  Matrix factors;  // full: the k factors side by side, d x kd; tied: the one factor, d x d
  Matrix offsets;  // full, tied: mu_k F_k as rows, k x d
  Matrix means;
  Matrix scales;    // diag: precisions_cholesky, k x d; spherical: k x 1
  Vector constant;  // -0.5 d log(2 pi) + log det F_k + log w_k

  LogProbModel(const MixtureParameters& p, CovarianceType t)
      : type(t), d(p.means.n_cols), k(p.means.n_rows), means(p.means) {
    constant.set_size(k);
    const double base = -0.5 * static_cast<double>(d) * std::log(2 * std::numbers::pi);
    const arma::cube& pc = p.precisions_cholesky;
    for (Index c = 0; c < k; ++c) {
      double log_det = 0;
      switch (type) {
        case CovarianceType::full:
          for (Index j = 0; j < d; ++j) log_det += std::log(pc(j, j, c));
          break;
        case CovarianceType::tied:
          for (Index j = 0; j < d; ++j) log_det += std::log(pc(j, j, 0));
          break;
        case CovarianceType::diag:
          for (Index j = 0; j < d; ++j) log_det += std::log(pc(c, j, 0));
          break;
        case CovarianceType::spherical:
          log_det = static_cast<double>(d) * std::log(pc(c, 0, 0));
          break;
      }
      constant(c) = base + log_det + std::log(p.weights(c));
    }
    if (type == CovarianceType::full) {
      factors.set_size(d, k * d);
      offsets.set_size(k, d);
      for (Index c = 0; c < k; ++c) {
        factors.cols(c * d, c * d + d - 1) = pc.slice(c);
        offsets.row(c) = p.means.row(c) * pc.slice(c);
      }
    } else if (type == CovarianceType::tied) {
      factors = pc.slice(0);
      offsets = p.means * factors;
    } else {
      scales = pc.slice(0);
    }
  }

  // wlp (rows x k, leading dimension rows) = log p(x_i | c) + log w_c for rows [b, b + rows).
  void block(const Matrix& X, Index b, Index rows, Matrix& y, double* wlp) const {
    const Index n = X.n_rows;
    std::fill(wlp, wlp + rows * k, 0.0);
    if (type == CovarianceType::full || type == CovarianceType::tied) {
      // One GEMM for every component: Y = X_b [F_1 ... F_k], then |y - mu_c F_c|².
      const Index width = factors.n_cols;
      y.set_size(rows, width);
      gemm('N', 'N', rows, width, d, X.memptr() + b, n, factors.memptr(), d, 0.0, y.memptr(), rows);
      for (Index c = 0; c < k; ++c) {
        double* out = wlp + c * rows;
        const Index first = type == CovarianceType::full ? c * d : 0;
        for (Index j = 0; j < d; ++j)
          add_squared_offsets(y.colptr(first + j), offsets(c, j), 1.0, rows, out);
      }
    } else {
      for (Index c = 0; c < k; ++c) {
        double* out = wlp + c * rows;
        for (Index j = 0; j < d; ++j)
          add_squared_offsets(X.colptr(j) + b, means(c, j),
                              type == CovarianceType::diag ? scales(c, j) : scales(c, 0), rows,
                              out);
      }
    }
    for (Index c = 0; c < k; ++c) {
      double* out = wlp + c * rows;
      const double add = constant(c);
      for (Index i = 0; i < rows; ++i) out[i] = add - 0.5 * out[i];
    }
  }
};

// Per-row log-sum-exp over the k columns of wlp (rows x k): wlp becomes the responsibilities,
// lse the log p(x_i).
FITKIT_VECTOR_CLONES void normalise_block(Index rows, Index k, double* wlp, double* lse) {
  std::fill(lse, lse + rows, -std::numeric_limits<double>::infinity());
  for (Index c = 0; c < k; ++c) {
    const double* w = wlp + c * rows;
    for (Index i = 0; i < rows; ++i) lse[i] = std::max(lse[i], w[i]);
  }
  std::vector<double> sum(rows, 0.0);
  for (Index c = 0; c < k; ++c) {
    double* w = wlp + c * rows;
    for (Index i = 0; i < rows; ++i) w[i] -= lse[i];
    exp_inplace(w, rows);  // glibc's exp is a call per value, and slow on underflow
    for (Index i = 0; i < rows; ++i) sum[i] += w[i];
  }
  for (Index i = 0; i < rows; ++i) {
    lse[i] += std::log(sum[i]);
    sum[i] = 1.0 / sum[i];
  }
  for (Index c = 0; c < k; ++c) {
    double* w = wlp + c * rows;
    for (Index i = 0; i < rows; ++i) w[i] *= sum[i];
  }
}

bool needs_squares(CovarianceType type) {
  return type == CovarianceType::diag || type == CovarianceType::spherical;
}

// Adds a block's R'X (and R'(X o X)) to the chunk's sums.
void add_block_sums(const Matrix& X, Index b, Index rows, const double* resp, Index k,
                    CovarianceType type, Matrix& squares, ResponsibilitySums& sums) {
  const Index d = X.n_cols, n = X.n_rows;
  for (Index c = 0; c < k; ++c) {
    double s = 0;
    for (Index i = 0; i < rows; ++i) s += resp[c * rows + i];
    sums.nk(c) += s;
  }
  gemm('T', 'N', k, d, rows, resp, rows, X.memptr() + b, n, 1.0, sums.resp_x.memptr(), k);
  if (needs_squares(type)) {
    squares.set_size(rows, d);
    for (Index j = 0; j < d; ++j) {
      const double* x = X.colptr(j) + b;
      double* s = squares.colptr(j);
      for (Index i = 0; i < rows; ++i) s[i] = x[i] * x[i];
    }
    gemm('T', 'N', k, d, rows, resp, rows, squares.memptr(), rows, 1.0, sums.resp_x2.memptr(), k);
  }
}

ResponsibilitySums zero_sums(Index k, Index d, CovarianceType type) {
  ResponsibilitySums s;
  s.nk.zeros(k);
  s.resp_x.zeros(k, d);
  if (needs_squares(type)) s.resp_x2.zeros(k, d);
  return s;
}

// The chunks' sums added in chunk order.
ResponsibilitySums add_in_order(std::vector<ResponsibilitySums>& parts) {
  ResponsibilitySums total = std::move(parts.front());
  for (std::size_t c = 1; c < parts.size(); ++c) {
    total.nk += parts[c].nk;
    total.resp_x += parts[c].resp_x;
    if (!total.resp_x2.is_empty()) total.resp_x2 += parts[c].resp_x2;
    total.log_prob_sum += parts[c].log_prob_sum;
  }
  return total;
}

// Serial nanoseconds per row of the E-step (flops of the log-probabilities and the sums, and
// an exp per component).
double estep_nanoseconds_per_row(Index d, Index k, CovarianceType type) {
  const double dd = static_cast<double>(d), kk = static_cast<double>(k);
  const double logprob = type == CovarianceType::full   ? kk * dd * dd
                         : type == CovarianceType::tied ? dd * dd + kk * dd
                                                        : 2 * kk * dd;
  return kFlopNanoseconds * (logprob + 2 * kk * dd) + kk * (2 * dd * kStreamNanoseconds + 5);
}

}  // namespace

Index mixture_chunks(Index n_rows) {
  return std::clamp<Index>((n_rows + 8 * kBlockRows - 1) / (8 * kBlockRows), 1, kMaxChunks);
}

void for_each_mixture_chunk(Index n_rows, double nanoseconds_per_row,
                            const std::function<void(Index, Index, Index)>& body) {
  const Index n_chunks = mixture_chunks(n_rows);
  const Index per_chunk = (n_rows + n_chunks - 1) / n_chunks;
  const int threads =
      threads_for(nanoseconds_per_row * static_cast<double>(n_rows), static_cast<double>(n_chunks));
  const ScopedThreadLimit serial_blas(1);
  std::exception_ptr failure;
  const auto chunks = static_cast<long long>(n_chunks);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (long long chunk = 0; chunk < chunks; ++chunk) {
    try {
      const Index first = static_cast<Index>(chunk) * per_chunk;
      const Index last = std::min<Index>(n_rows, first + per_chunk);
      if (first < last) body(static_cast<Index>(chunk), first, last);
    } catch (...) {
#pragma omp critical(fitkit_mixture_chunk_failure)
      if (!failure) failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);
}

ResponsibilitySums expectation(const Matrix& X, const MixtureParameters& p, CovarianceType type,
                               Matrix& resp) {
  const LogProbModel model(p, type);
  const Index n = X.n_rows, d = X.n_cols, k = model.k;
  resp.set_size(n, k);
  std::vector<ResponsibilitySums> parts(mixture_chunks(n), zero_sums(k, d, type));
  for_each_mixture_chunk(
      n, estep_nanoseconds_per_row(d, k, type), [&](Index chunk, Index first, Index last) {
        Matrix y, squares;
        std::vector<double> wlp(kBlockRows * k), lse(kBlockRows);
        ResponsibilitySums& sums = parts[chunk];
        for (Index b = first; b < last; b += kBlockRows) {
          const Index rows = std::min(kBlockRows, last - b);
          model.block(X, b, rows, y, wlp.data());
          normalise_block(rows, k, wlp.data(), lse.data());
          for (Index i = 0; i < rows; ++i) sums.log_prob_sum += lse[i];
          for (Index c = 0; c < k; ++c)
            std::copy(wlp.begin() + c * rows, wlp.begin() + (c + 1) * rows, resp.colptr(c) + b);
          add_block_sums(X, b, rows, wlp.data(), k, type, squares, sums);
        }
      });
  return add_in_order(parts);
}

Matrix weighted_log_prob(const Matrix& X, const MixtureParameters& p, CovarianceType type) {
  const LogProbModel model(p, type);
  const Index n = X.n_rows, k = model.k;
  Matrix out(n, k);
  for_each_mixture_chunk(
      n, estep_nanoseconds_per_row(X.n_cols, k, type), [&](Index, Index first, Index last) {
        Matrix y;
        std::vector<double> wlp(kBlockRows * k);
        for (Index b = first; b < last; b += kBlockRows) {
          const Index rows = std::min(kBlockRows, last - b);
          model.block(X, b, rows, y, wlp.data());
          for (Index c = 0; c < k; ++c)
            std::copy(wlp.begin() + c * rows, wlp.begin() + (c + 1) * rows, out.colptr(c) + b);
        }
      });
  return out;
}

ResponsibilitySums responsibility_sums(const Matrix& X, const Matrix& resp, CovarianceType type) {
  const Index n = X.n_rows, d = X.n_cols, k = resp.n_cols;
  std::vector<ResponsibilitySums> parts(mixture_chunks(n), zero_sums(k, d, type));
  for_each_mixture_chunk(n, kFlopNanoseconds * 4 * static_cast<double>(k * d),
                         [&](Index chunk, Index first, Index last) {
                           Matrix squares, block;
                           for (Index b = first; b < last; b += kBlockRows) {
                             const Index rows = std::min(kBlockRows, last - b);
                             block = resp.rows(b, b + rows - 1);
                             add_block_sums(X, b, rows, block.memptr(), k, type, squares,
                                            parts[chunk]);
                           }
                         });
  return add_in_order(parts);
}

}  // namespace fitkit::detail
