#include "neighbors/neighbor_index.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/pairwise.hpp"
#include "neighbors/metric_kernels.hpp"

namespace fitkit::detail {
namespace {

constexpr Index kQueryBlock = 256;   // queries per block (per heap set)
constexpr Index kTrainBlock = 2048;  // training rows per GEMM: a 2048 x 256 block, 4 MB

std::string k_message(Index n_samples, Index k) {
  return "Expected n_neighbors <= n_samples_fit, but n_samples_fit = " + std::to_string(n_samples) +
         ", n_neighbors = " + std::to_string(k);
}

}  // namespace

NeighborsAlgorithm resolve_algorithm(const NeighborSearchOptions& options, Index n_samples,
                                     Index n_features) {
  if (options.algorithm != NeighborsAlgorithm::automatic) return options.algorithm;
  if (n_features > 15 || options.n_neighbors >= n_samples / 2) return NeighborsAlgorithm::brute;
  return NeighborsAlgorithm::kd_tree;
}

NeighborIndex::NeighborIndex(const Matrix& X, const NeighborSearchOptions& options)
    : X_(X), options_(options), method_(resolve_algorithm(options, X.n_rows, X.n_cols)) {
  if (method_ == NeighborsAlgorithm::kd_tree) {
    tree_.emplace(
        X_,
        KDTreeOptions{.metric = options.metric, .p = options.p, .leaf_size = options.leaf_size});
    return;
  }
  if (reduction_of(options.metric, options.p) == Reduction::squares) {
    for (Index start = 0; start < X_.n_rows; start += kTrainBlock) {
      const Index end = std::min(X_.n_rows, start + kTrainBlock);
      blocks_.push_back(X_.rows(start, end - 1));
      block_norms_.push_back(row_norms_squared(blocks_.back()));
    }
  } else {
    rows_ = X_.t();
  }
}

template <class Visit>
void NeighborIndex::brute_block(const Matrix& Q, const Vector& q_norms, Index first, Index last,
                                Visit&& visit) const {
  const Index d = X_.n_cols;
  if (!blocks_.empty()) {
    const Matrix Qb = Q.rows(first, last - 1);
    const Vector qn = q_norms.subvec(first, last - 1);
    Index start = 0;
    for (std::size_t b = 0; b < blocks_.size(); ++b) {
      // D(j, i): training row start + j against query first + i; each query a column.
      const Matrix D = pairwise_squared_distances(blocks_[b], Qb, block_norms_[b], qn);
      for (Index i = 0; i < D.n_cols; ++i) {
        const double* column = D.colptr(i);
        for (Index j = 0; j < D.n_rows; ++j) visit(first + i, start + j, column[j]);
      }
      start += blocks_[b].n_rows;
    }
    return;
  }
  const Matrix queries = Q.rows(first, last - 1).t();
  with_reduction(reduction_of(options_.metric, options_.p), options_.p, [&](const auto& m) {
    for (Index i = 0; i < queries.n_cols; ++i) {
      const double* q = queries.colptr(i);
      for (Index j = 0; j < rows_.n_cols; ++j)
        visit(first + i, j, m.between(q, rows_.colptr(j), d));
    }
  });
}

void NeighborIndex::brute_kneighbors(const Matrix& Q, Index k, KNeighbors& out) const {
  const Index nq = Q.n_rows, n = X_.n_rows, d = X_.n_cols;
  const Vector q_norms = blocks_.empty() ? Vector() : row_norms_squared(Q);
  arma::Mat<arma::uword> found(k, nq);
  Matrix dist(k, nq);
  const Index n_blocks = (nq + kQueryBlock - 1) / kQueryBlock;
  const double work = static_cast<double>(nq) * static_cast<double>(n) *
                      (static_cast<double>(d) * kFlopNanoseconds + 1.0);
  const int threads = threads_for(work, static_cast<double>(n_blocks));
  const Reduction reduction = reduction_of(options_.metric, options_.p);
  std::exception_ptr failure;
  with_reduction(reduction, options_.p, [&](const auto& m) {
#pragma omp parallel num_threads(threads)
    {
      std::vector<Candidate> buffer(kQueryBlock * k);
      std::vector<BoundedHeap> heaps;
#pragma omp for schedule(dynamic, 1)
      for (std::ptrdiff_t b = 0; b < static_cast<std::ptrdiff_t>(n_blocks); ++b) {
        try {
          const Index first = static_cast<Index>(b) * kQueryBlock;
          const Index last = std::min(nq, first + kQueryBlock);
          heaps.clear();
          for (Index i = first; i < last; ++i)
            heaps.emplace_back(buffer.data() + (i - first) * k, k);
          brute_block(Q, q_norms, first, last, [&](Index i, Index j, double r) {
            BoundedHeap& heap = heaps[i - first];
            if (r <= heap.bound()) heap.push({r, j});
          });
          for (Index i = first; i < last; ++i) {
            heaps[i - first].sort();
            const Candidate* c = buffer.data() + (i - first) * k;
            for (Index r = 0; r < k; ++r) {
              found(r, i) = c[r].index;
              dist(r, i) = m.to_distance(c[r].reduced);
            }
          }
        } catch (...) {
#pragma omp critical(fitkit_brute_kneighbors)
          if (!failure) failure = std::current_exception();
        }
      }
    }
  });
  if (failure) std::rethrow_exception(failure);
  out.indices = found.t();
  out.distances = dist.t();
}

KNeighbors NeighborIndex::kneighbors(const Matrix& Q, Index k) const {
  if (k < 1)
    throw InvalidParameter("n_neighbors", "Expected n_neighbors > 0, got " + std::to_string(k));
  if (k > X_.n_rows) throw InvalidParameter("n_neighbors", k_message(X_.n_rows, k));
  KNeighbors out;
  if (tree_)
    tree_->query(Q, k, out.indices, out.distances);
  else
    brute_kneighbors(Q, k, out);
  return out;
}

KNeighbors NeighborIndex::kneighbors_of_fit(Index k) const {
  if (k < 1)
    throw InvalidParameter("n_neighbors", "Expected n_neighbors > 0, got " + std::to_string(k));
  // Each row itself is one of its own k + 1 nearest (unless duplicates crowd it out).
  if (k + 1 > X_.n_rows) throw InvalidParameter("n_neighbors", k_message(X_.n_rows, k + 1));
  const KNeighbors all = kneighbors(X_, k + 1);
  KNeighbors out{arma::Mat<arma::uword>(X_.n_rows, k), Matrix(X_.n_rows, k)};
  for (Index i = 0; i < X_.n_rows; ++i) {
    Index skip = 0;  // the row itself, or else the first neighbour
    for (Index r = 0; r <= k; ++r)
      if (all.indices(i, r) == i) {
        skip = r;
        break;
      }
    for (Index r = 0, c = 0; r <= k; ++r) {
      if (r == skip) continue;
      out.indices(i, c) = all.indices(i, r);
      out.distances(i, c) = all.distances(i, r);
      ++c;
    }
  }
  return out;
}

RadiusNeighbors NeighborIndex::radius_neighbors(const Matrix& Q, double radius) const {
  if (!(radius >= 0) || !std::isfinite(radius))
    throw InvalidParameter("radius",
                           "radius must be a finite number >= 0, got " + std::to_string(radius));
  const Index nq = Q.n_rows;
  RadiusNeighbors out;
  out.indices.resize(nq);
  out.distances.resize(nq);
  const Reduction reduction = reduction_of(options_.metric, options_.p);
  const auto finish = [&](Index i, std::vector<std::pair<double, Index>>& found) {
    std::sort(found.begin(), found.end());
    out.indices[i].set_size(found.size());
    out.distances[i].set_size(found.size());
    for (std::size_t r = 0; r < found.size(); ++r) {
      out.distances[i](r) = found[r].first;
      out.indices[i](r) = found[r].second;
    }
  };
  const Index n_blocks = (nq + kQueryBlock - 1) / kQueryBlock;
  const double per_query =
      tree_ ? 3.0 * static_cast<double>(options_.leaf_size + 1) : static_cast<double>(X_.n_rows);
  const double work = static_cast<double>(nq) * per_query *
                      (static_cast<double>(X_.n_cols) * kFlopNanoseconds + 1.0);
  const int threads = threads_for(work, static_cast<double>(n_blocks));
  std::exception_ptr failure;
  const Vector q_norms = (!tree_ && !blocks_.empty()) ? row_norms_squared(Q) : Vector();
  const Matrix queries = tree_ ? Matrix(Q.t()) : Matrix();
  with_reduction(reduction, options_.p, [&](const auto& m) {
    const double reduced_radius = m.to_reduced(radius);
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (std::ptrdiff_t b = 0; b < static_cast<std::ptrdiff_t>(n_blocks); ++b) {
      try {
        const Index first = static_cast<Index>(b) * kQueryBlock;
        const Index last = std::min(nq, first + kQueryBlock);
        std::vector<std::vector<std::pair<double, Index>>> found(last - first);
        if (tree_) {
          for (Index i = first; i < last; ++i)
            tree_->for_each_within(queries.colptr(i), radius, [&](Index j, double distance) {
              found[i - first].emplace_back(distance, j);
            });
        } else {
          brute_block(Q, q_norms, first, last, [&](Index i, Index j, double r) {
            if (r <= reduced_radius) found[i - first].emplace_back(m.to_distance(r), j);
          });
        }
        for (Index i = first; i < last; ++i) finish(i, found[i - first]);
      } catch (...) {
#pragma omp critical(fitkit_radius_neighbors)
        if (!failure) failure = std::current_exception();
      }
    }
  });
  if (failure) std::rethrow_exception(failure);
  return out;
}

}  // namespace fitkit::detail
