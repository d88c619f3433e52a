#include "svm/kernel_matrix.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "core/lanes.hpp"
#include "core/parallel.hpp"
#include "core/vector_clones.hpp"
#include "core/vector_exp.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/pairwise.hpp"

namespace fitkit::detail {
namespace {

// Rough cost of the kernel's function on one entry, in nanoseconds of one core.
double function_nanoseconds(SvmKernel kernel) {
  switch (kernel) {
    case SvmKernel::linear:
      return kStreamNanoseconds;
    case SvmKernel::poly:
      return 4;
    case SvmKernel::rbf:
      return 2.5;  // exp, four at a time
    default:
      return 10;  // tanh
  }
}

// Turns dot products into kernel values: out[k] = f(dots[k]) with, for rbf, the squared
// distance ||a||² + ||b_k||² - 2 a·b_k (clamped at 0).
void apply_function(const KernelSpec& spec, double* dots, Index n, double a_norm,
                    const double* b_norms) {
  switch (spec.kernel) {
    case SvmKernel::linear:
    case SvmKernel::precomputed:
      return;
    case SvmKernel::rbf:
      for (Index k = 0; k < n; ++k) {
        const double d = a_norm + b_norms[k] - 2.0 * dots[k];
        dots[k] = -spec.gamma * (d > 0 ? d : 0.0);
      }
      exp_inplace(dots, n);
      return;
    case SvmKernel::poly:
      for (Index k = 0; k < n; ++k) {
        const double base = spec.gamma * dots[k] + spec.coef0;
        double r = 1.0;
        for (int t = 0; t < spec.degree; ++t) r *= base;
        dots[k] = r;
      }
      return;
    case SvmKernel::sigmoid:
      for (Index k = 0; k < n; ++k) dots[k] = std::tanh(spec.gamma * dots[k] + spec.coef0);
      return;
  }
}

// out[k - from] = x_k . x_i for the rows k in [from, to) of X (n x d, column-major, leading
// dimension ld), lanes over rows: each row's sum runs over the features in order, as a plain
// loop would, so the result does not depend on the CPU or the block a row falls in.
FITKIT_VECTOR_CLONES void row_dots(const double* X, Index ld, Index d, Index i, Index from,
                                   Index to, double* out) {
  const double* xi = X + i;  // x_i's feature f is xi[f * ld]
  Index k = from;
  for (; k + 4 * kLanes <= to; k += 4 * kLanes) {  // four vectors of sums hide the add latency
    Lanes s0{}, s1{}, s2{}, s3{};
    for (Index f = 0; f < d; ++f) {
      const double* column = X + f * ld + k;
      const Lanes w = broadcast(xi[f * ld]);
      s0 += load(column) * w;
      s1 += load(column + kLanes) * w;
      s2 += load(column + 2 * kLanes) * w;
      s3 += load(column + 3 * kLanes) * w;
    }
    double* o = out + (k - from);
    store(o, s0);
    store(o + kLanes, s1);
    store(o + 2 * kLanes, s2);
    store(o + 3 * kLanes, s3);
  }
  for (; k + kLanes <= to; k += kLanes) {
    Lanes s{};
    for (Index f = 0; f < d; ++f) s += load(X + f * ld + k) * broadcast(xi[f * ld]);
    store(out + (k - from), s);
  }
  for (; k < to; ++k) {
    double s = 0;
    for (Index f = 0; f < d; ++f) s += X[f * ld + k] * xi[f * ld];
    out[k - from] = s;
  }
}

}  // namespace

void check_precomputed_square(SvmKernel kernel, const Matrix& X, const std::string& who) {
  if (kernel == SvmKernel::precomputed && X.n_rows != X.n_cols)
    throw DimensionMismatch(who +
                            ": a precomputed kernel must be a square matrix (n_samples x "
                            "n_samples); X is " +
                            std::to_string(X.n_rows) + " x " + std::to_string(X.n_cols));
}

double resolve_gamma(const Gamma& gamma, const Matrix& X) {
  if (!gamma.is_keyword()) return gamma.number();
  if (gamma.keyword() == GammaKeyword::automatic) return 1.0 / static_cast<double>(X.n_cols);
  // numpy's X.var(): the mean of squared deviations over every entry.
  const double n = static_cast<double>(X.n_elem);
  const double mean = arma::accu(X) / n;
  double ss = 0;
  for (const double x : X) ss += (x - mean) * (x - mean);
  const double var = ss / n;
  return var != 0 ? 1.0 / (static_cast<double>(X.n_cols) * var) : 1.0;
}

Matrix kernel_matrix(const KernelSpec& spec, const Matrix& A, const Matrix& B) {
  Matrix K = A * B.t();  // one GEMM
  if (spec.kernel == SvmKernel::linear || spec.kernel == SvmKernel::precomputed) return K;
  Vector a_norms, b_norms;
  if (spec.kernel == SvmKernel::rbf) {
    a_norms = row_norms_squared(A);
    b_norms = row_norms_squared(B);
  }
  // Column j of K holds K(a_i, b_j) for every i: the norms swap roles against
  // apply_function's, which is symmetric in them.
  const auto n_cols = static_cast<std::ptrdiff_t>(K.n_cols);
  const int threads = threads_for(function_nanoseconds(spec.kernel) * static_cast<double>(K.n_elem),
                                  static_cast<double>(K.n_cols));
  const double* an = a_norms.is_empty() ? nullptr : a_norms.memptr();
#pragma omp parallel for schedule(static) num_threads(threads)
  for (std::ptrdiff_t j = 0; j < n_cols; ++j)
    apply_function(spec, K.colptr(j), K.n_rows, b_norms.is_empty() ? 0.0 : b_norms(j), an);
  return K;
}

Matrix kernel_expansion(const KernelSpec& spec, const Matrix& X, const Matrix& support_vectors,
                        const arma::uvec& support, const Matrix& W) {
  // A block of rows whose kernel matrix against the support vectors holds at most 2^22
  // entries (32 MB).
  constexpr Index kBlockEntries = Index{1} << 22;
  const Index n_sv = support.n_elem;
  Matrix values(X.n_rows, W.n_cols, arma::fill::zeros);
  if (n_sv == 0 || X.n_rows == 0) return values;
  const bool precomputed = spec.kernel == SvmKernel::precomputed;
  const Index block = std::max<Index>(1, kBlockEntries / n_sv);
  for (Index from = 0; from < X.n_rows; from += block) {
    const Index to = std::min<Index>(X.n_rows, from + block);
    const Matrix rows = X.rows(from, to - 1);
    const Matrix K =
        precomputed ? Matrix(rows.cols(support)) : kernel_matrix(spec, rows, support_vectors);
    values.rows(from, to - 1) = K * W;
  }
  return values;
}

KernelColumns::KernelColumns(const KernelSpec& spec, const Matrix& X, const arma::uvec& rows)
    : spec_(spec), n_(rows.n_elem) {
  if (spec.kernel == SvmKernel::precomputed) {
    X_ = X.submat(rows, rows);
    order_ = arma::regspace<arma::uvec>(0, n_ == 0 ? 0 : n_ - 1);
    if (n_ == 0) order_.reset();
    return;
  }
  X_ = X.rows(rows);
  if (spec.kernel == SvmKernel::rbf) {
    norms_.set_size(n_);
    for (Index i = 0; i < n_; ++i) {
      double s = 0;
      for (Index f = 0; f < X_.n_cols; ++f) s += X_(i, f) * X_(i, f);
      norms_(i) = s;
    }
  }
}

double KernelColumns::diagonal(Index i) const {
  double value = 0;
  column(i, i, i + 1, &value);
  return value;
}

void KernelColumns::column(Index i, Index start, Index end, double* out) const {
  if (end <= start) return;
  const Index len = end - start;
  if (spec_.kernel == SvmKernel::precomputed) {
    const double* col = X_.colptr(order_(i));
    for (Index k = 0; k < len; ++k) out[k] = col[order_(start + k)];
    return;
  }
  const Index d = X_.n_cols;
  const int threads =
      threads_for(static_cast<double>(len) * (static_cast<double>(d) * kFlopNanoseconds * 4 +
                                              function_nanoseconds(spec_.kernel)),
                  static_cast<double>(len) / 256.0);
  const double a_norm = norms_.is_empty() ? 0.0 : norms_(i);
  const double* b_norms = norms_.is_empty() ? nullptr : norms_.memptr() + start;
  const auto work = [&](Index from, Index to) {
    if (to <= from) return;
    row_dots(X_.memptr(), X_.n_rows, d, i, start + from, start + to, out + from);
    apply_function(spec_, out + from, to - from, a_norm,
                   b_norms == nullptr ? nullptr : b_norms + from);
  };
  if (threads <= 1) {
    work(0, len);
    return;
  }
#pragma omp parallel num_threads(threads)
  {
    const int t = omp_get_thread_num(), nt = omp_get_num_threads();
    const Index from = len * static_cast<Index>(t) / static_cast<Index>(nt);
    const Index to = len * static_cast<Index>(t + 1) / static_cast<Index>(nt);
    work(from, to);
  }
}

void KernelColumns::swap(Index i, Index j) {
  if (i == j) return;
  if (spec_.kernel == SvmKernel::precomputed) {
    std::swap(order_(i), order_(j));
    return;
  }
  X_.swap_rows(i, j);
  if (!norms_.is_empty()) std::swap(norms_(i), norms_(j));
}

}  // namespace fitkit::detail
