#include "svm/svm_qmatrix.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include "core/vector_clones.hpp"
#include "fitkit/core/error.hpp"

namespace fitkit::detail {

std::size_t cache_bytes(double megabytes) {
  return static_cast<std::size_t>(std::max(megabytes, 0.0) * 1048576.0);
}

SignedKernelQ::SignedKernelQ(const KernelSpec& spec, const Matrix& X, const arma::uvec& rows,
                             const arma::ivec& y, double cache_mb)
    : kernel_(spec, X, rows),
      cache_(rows.n_elem, cache_bytes(cache_mb)),
      y_(y.begin(), y.end()),
      diagonal_(rows.n_elem) {
  for (Index i = 0; i < rows.n_elem; ++i) diagonal_[i] = kernel_.diagonal(i);
}

const double* SignedKernelQ::column(Index i, Index len) {
  Index filled = 0;
  double* data = cache_.get(i, len, filled);
  if (filled < len) {
    kernel_.column(i, filled, len, data + filled);
    for (Index k = filled; k < len; ++k)
      if (y_[k] != y_[i]) data[k] = -data[k];
  }
  return data;
}

void SignedKernelQ::swap(Index i, Index j) {
  cache_.swap(i, j);
  kernel_.swap(i, j);
  std::swap(y_[i], y_[j]);
  std::swap(diagonal_[i], diagonal_[j]);
}

SvrQ::SvrQ(const KernelSpec& spec, const Matrix& X, const arma::uvec& rows, double cache_mb)
    : kernel_(spec, X, rows),
      cache_(rows.n_elem, cache_bytes(cache_mb)),
      l_(rows.n_elem),
      sign_(2 * rows.n_elem),
      sample_(2 * rows.n_elem),
      diagonal_(2 * rows.n_elem) {
  if (l_ > static_cast<Index>(std::numeric_limits<std::int32_t>::max()))
    throw DataError("SVR: more than 2^31 - 1 samples");
  for (Index k = 0; k < l_; ++k) {
    sign_[k] = 1.0f;
    sign_[k + l_] = -1.0f;
    sample_[k] = sample_[k + l_] = static_cast<std::int32_t>(k);
    diagonal_[k] = diagonal_[k + l_] = kernel_.diagonal(k);
  }
  computed_.resize(l_);
  buffer_[0].resize(2 * l_);
  buffer_[1].resize(2 * l_);
}

namespace {

// out[k] = s sign[k] column[sample[k]]: Q's column of a variable from the cached kernel column
// of its sample. The signs are +1 or -1, so each product is exact in float and the same bits as
// in double; compiled for AVX2's gathers too.
FITKIT_VECTOR_CLONES void gather_signed(const float* column, const std::int32_t* sample,
                                        const float* sign, float s, Index len, double* out) {
  for (Index k = 0; k < len; ++k) out[k] = static_cast<double>(s * sign[k] * column[sample[k]]);
}

}  // namespace

const double* SvrQ::column(Index i, Index len) {
  for (int b = 0; b < 2; ++b)
    if (holds_[b] == i && held_len_[b] >= len) {
      last_ = b;
      return buffer_[b].data();
    }
  const Index real = sample_[i];
  Index filled = 0;
  float* data = cache_.get(real, l_, filled);
  if (filled < l_) {
    kernel_.column(real, filled, l_, computed_.data() + filled);
    for (Index k = filled; k < l_; ++k) data[k] = static_cast<float>(computed_[k]);
  }
  const int b = 1 - last_;  // keep the column returned last valid
  double* out = buffer_[b].data();
  gather_signed(data, sample_.data(), sign_.data(), sign_[i], len, out);
  holds_[b] = i;
  held_len_[b] = len;
  last_ = b;
  return out;
}

void SvrQ::swap(Index i, Index j) {
  std::swap(sign_[i], sign_[j]);
  std::swap(sample_[i], sample_[j]);
  std::swap(diagonal_[i], diagonal_[j]);
  holds_ = {kNone, kNone};  // the buffers hold the old order
}

}  // namespace fitkit::detail
