#pragma once
// Kernel evaluation for the kernel SVMs (include/fitkit/svm/kernel.hpp): whole kernel
// matrices between two sets of rows (one GEMM, then the kernel's function on every entry,
// on the threads the work is worth), and single kernel columns over the training rows for the
// SMO solver (dot products with lanes over the rows, kept feature-major).

#include <string>

#include "fitkit/core/types.hpp"
#include "fitkit/svm/kernel.hpp"

namespace fitkit::detail {

struct KernelSpec {
  SvmKernel kernel = SvmKernel::rbf;
  int degree = 3;
  double gamma = 1.0;  // resolved: 'scale' and 'auto' already turned into numbers
  double coef0 = 0.0;
};

// The kernel of an estimator's parameters (any struct with kernel, degree and coef0), with its
// gamma resolved.
template <class P>
KernelSpec kernel_spec(const P& params, double gamma) {
  return {params.kernel, params.degree, gamma, params.coef0};
}

// Refuses a precomputed kernel that is not square (n_samples x n_samples), naming `who`.
void check_precomputed_square(SvmKernel kernel, const Matrix& X, const std::string& who);

// scikit-learn's gamma for X: 'scale' is 1 / (n_features * X.var()) (1 when the variance is 0),
// 'auto' 1 / n_features, a number itself.
double resolve_gamma(const Gamma& gamma, const Matrix& X);

// The kernel a fit on X uses: a precomputed one checked square, gamma resolved on X.
template <class P>
KernelSpec fit_kernel(const P& params, const Matrix& X, const std::string& who) {
  check_precomputed_square(params.kernel, X, who);
  const bool precomputed = params.kernel == SvmKernel::precomputed;
  return kernel_spec(params, precomputed ? 0.0 : resolve_gamma(params.gamma, X));
}

// K(a_i, b_j) for every row of A and of B: m x k. Not for precomputed kernels.
Matrix kernel_matrix(const KernelSpec& spec, const Matrix& A, const Matrix& B);

// K(X, support vectors) * W, n x W.n_cols: a fitted kernel machine's decision values before
// the intercept, the kernel matrix computed in row blocks of bounded memory (one GEMM each).
// W has one row per support vector. For a precomputed kernel, X holds the kernel values
// against the training rows and `support` picks the support vectors' columns
// (support_vectors is then unused).
Matrix kernel_expansion(const KernelSpec& spec, const Matrix& X, const Matrix& support_vectors,
                        const arma::uvec& support, const Matrix& W);

// The training rows of one SMO problem, in an order the solver permutes
// (swap) as it shrinks. For a precomputed kernel, `X` is the full kernel matrix and `rows`
// picks the problem's rows and columns of it.
class KernelColumns {
 public:
  KernelColumns(const KernelSpec& spec, const Matrix& X, const arma::uvec& rows);
  Index size() const { return n_; }
  double diagonal(Index i) const;
  // out[k - start] = K(row i, row k) for k in [start, end).
  void column(Index i, Index start, Index end, double* out) const;
  void swap(Index i, Index j);

 private:
  KernelSpec spec_;
  Index n_ = 0;
  Matrix X_;          // n x n_features (or the n x n precomputed block)
  Vector norms_;      // ||x_i||², for rbf
  arma::uvec order_;  // precomputed: position -> row of X_
};

}  // namespace fitkit::detail
