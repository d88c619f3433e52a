#include "core/centred_blocks.hpp"

#include <omp.h>

#include <algorithm>
#include <exception>

#include "core/parallel.hpp"

namespace fitkit::detail {
namespace {

// Fills `block` with rows [begin, end) of X centred and scaled by sqrt(w), and `target`
// with the same rows of y.
void centred_block(const Matrix& X, const Vector& y, const Vector* w, const Centering& c,
                   Index begin, Index end, Matrix& block, Vector& target) {
  const Index rows = end - begin;
  block.set_size(rows, X.n_cols);
  target.set_size(rows);
  for (Index j = 0; j < X.n_cols; ++j) {
    const double* src = X.colptr(j) + begin;
    double* dst = block.colptr(j);
    const double mean = c.x_mean.n_elem ? c.x_mean(j) : 0.0;
    for (Index i = 0; i < rows; ++i) dst[i] = src[i] - mean;
  }
  for (Index i = 0; i < rows; ++i) target(i) = y(begin + i) - c.y_mean;
  if (w != nullptr) {
    Vector root = arma::sqrt(w->subvec(begin, end - 1));
    block.each_col() %= root;
    target %= root;
  }
}

}  // namespace

Centering compute_centering(const Matrix& X, const Vector& y, const Vector* w, bool center) {
  Centering c;
  if (!center) return c;
  if (w == nullptr) {
    c.x_mean = arma::mean(X, 0);
    c.y_mean = arma::mean(y);
  } else {
    const ScopedThreadLimit blas(threads_for(kStreamNanoseconds * X.n_elem));
    const double total = arma::accu(*w);
    c.x_mean = (w->t() * X) / total;
    c.y_mean = arma::dot(*w, y) / total;
  }
  return c;
}

Vector root_weights(const Vector& w) {
  const ScopedThreadLimit elementwise(threads_for(kStreamNanoseconds * w.n_elem));
  return arma::sqrt(w);
}

Index centred_block_chunks(Index n_rows, Index n_cols) {
  // Enough chunks for the cores, each of several blocks, and their partial results (a d x d
  // matrix at most) within 64 MiB together.
  constexpr Index kMaxChunks = 16;
  constexpr double kMaxPartialBytes = 64.0 * 1024 * 1024;
  const double per_chunk_bytes = 8.0 * (n_cols + 1) * (n_cols + 1);
  const Index chunks =
      std::min<Index>(kMaxChunks, std::max<Index>(1, n_rows / (4 * kCentredBlockRows)));
  return std::min<Index>(
      chunks, std::max<Index>(1, static_cast<Index>(kMaxPartialBytes / per_chunk_bytes)));
}

void for_each_centred_block(const Matrix& X, const Vector& y, const Vector* w, const Centering& c,
                            double body_nanoseconds_per_row, const CentredBlockBody& body) {
  const Index n_chunks = centred_block_chunks(X.n_rows, X.n_cols);
  const Index rows_per_chunk = (X.n_rows + n_chunks - 1) / n_chunks;
  // Centring a row into the buffer reads and writes it.
  const double nanoseconds_per_row =
      2 * kStreamNanoseconds * static_cast<double>(X.n_cols) + body_nanoseconds_per_row;
  const int threads = threads_for(nanoseconds_per_row * static_cast<double>(X.n_rows),
                                  static_cast<double>(n_chunks));
  const ScopedThreadLimit serial_blas(1);
  // An exception cannot cross the parallel region, so the first one is carried out of it.
  std::exception_ptr failure;
  const auto chunks = static_cast<long long>(n_chunks);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (long long chunk = 0; chunk < chunks; ++chunk) {
    try {
      Matrix block;
      Vector target;
      const Index first = static_cast<Index>(chunk) * rows_per_chunk;
      const Index last = std::min<Index>(X.n_rows, first + rows_per_chunk);
      for (Index begin = first; begin < last; begin += kCentredBlockRows) {
        const Index end = std::min(last, begin + kCentredBlockRows);
        centred_block(X, y, w, c, begin, end, block, target);
        body(static_cast<Index>(chunk), begin, block, target);
      }
    } catch (...) {
#pragma omp critical(fitkit_centred_block_failure)
      if (!failure) failure = std::current_exception();
    }
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace fitkit::detail
