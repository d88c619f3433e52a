#pragma once
// The Q matrices of the SMO problems of SVR, NuSVR and OneClassSVM (libsvm's SVR_Q and
// ONE_CLASS_Q), built on the kernel columns (kernel_matrix.hpp) and their LRU cache
// (kernel_cache.hpp).

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "svm/kernel_cache.hpp"
#include "svm/kernel_matrix.hpp"
#include "svm/smo_solver.hpp"

namespace fitkit::detail {

// Megabytes of cache as bytes (negative: none).
std::size_t cache_bytes(double megabytes);

// Q(i, k) = y_i y_k K(x_i, x_k) over `rows` of X, columns cached and permuted with the
// solver's swaps (libsvm's SVC_Q; its ONE_CLASS_Q with every y_i = +1).
class SignedKernelQ final : public QMatrix {
 public:
  SignedKernelQ(const KernelSpec& spec, const Matrix& X, const arma::uvec& rows,
                const arma::ivec& y, double cache_mb);
  const double* column(Index i, Index len) override;
  double diagonal(Index i) const override { return diagonal_[i]; }
  void swap(Index i, Index j) override;

 private:
  KernelColumns kernel_;
  ColumnCache cache_;
  std::vector<arma::sword> y_;
  std::vector<double> diagonal_;
};

// The 2l x 2l matrix of the regression duals over (alpha, alpha*) (libsvm's SVR_Q):
// Q(i, k) = s_i s_k K(x_r(i), x_r(k)), s = +1 for the first l variables and -1 for the
// others, r(i) the sample of variable i. The cache holds full kernel columns by sample (each
// sample's column serves both of its variables); a column of Q is gathered from it into one
// of two buffers (the solver's working pair), so the solver's swaps only permute the sample
// and sign maps.
class SvrQ final : public QMatrix {
 public:
  SvrQ(const KernelSpec& spec, const Matrix& X, const arma::uvec& rows, double cache_mb);
  const double* column(Index i, Index len) override;
  double diagonal(Index i) const override { return diagonal_[i]; }
  void swap(Index i, Index j) override;

 private:
  KernelColumns kernel_;
  BasicColumnCache<float> cache_;
  std::vector<double> computed_;  // a column's new part, in double, before it is cached
  Index l_ = 0;
  std::vector<float> sign_;           // +1 or -1: exact in float
  std::vector<std::int32_t> sample_;  // 32 bits: what AVX2's gather takes
  std::vector<double> diagonal_;
  // The two buffers, which variable's column each holds and up to what length (-1: none,
  // e.g. after a swap); the solver asks for the same column again within an iteration (its
  // working-set selection, then its step), and gets the buffer back without a new gather.
  std::array<std::vector<double>, 2> buffer_;
  std::array<Index, 2> holds_{kNone, kNone};
  std::array<Index, 2> held_len_{0, 0};
  int last_ = 1;  // the buffer returned last: the other one is written next
  static constexpr Index kNone = static_cast<Index>(-1);
};

}  // namespace fitkit::detail
