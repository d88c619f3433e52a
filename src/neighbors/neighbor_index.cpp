#include "neighbors/neighbor_index.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <omp.h>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "neighbors/metric_kernels.hpp"

namespace fitkit::detail {
namespace {

constexpr Index kQueryBlock = 256;   // queries per block (per heap set)
constexpr Index kTrainBlock = 2048;  // training rows per GEMM: a 2048 x 256 block, 4 MB

// Squared row norms as scikit-learn's brute force takes them (a BLAS dot product of each row
// with itself), so that the distances it ranks are the same numbers.
Vector dot_norms(const Matrix& X) {
  const Matrix rows = X.t();
  Vector norms(X.n_rows);
  for (Index i = 0; i < X.n_rows; ++i)
    norms(i) = arma::blas::dot(X.n_cols, rows.colptr(i), rows.colptr(i));
  return norms;
}

// How scikit-learn's brute force (ArgKmin) shares out the training rows, which decides the
// order of its ties: in chunks of 256 rows, and when the queries are fewer than the training
// rows (and than 1024 per thread), the chunks split among its threads, each keeping its own
// heap, and the threads' heaps pushed one after the other into the final one. Its threads:
// OMP_NUM_THREADS when set, at most the machine's cores (its _openmp_effective_n_threads).
struct ScikitLearnChunks {
  static constexpr Index kChunkRows = 256;
  bool merged = false;                  // per-thread heaps merged (its parallel_on_Y)
  std::vector<std::uint32_t> group_of;  // chunk -> the thread that pushes its rows

  ScikitLearnChunks(Index n_train, Index n_queries) {
    const Index chunks = (n_train + kChunkRows - 1) / kChunkRows;
    Index threads = static_cast<Index>(omp_get_num_procs());
    if (const char* env = std::getenv("OMP_NUM_THREADS")) {
      const long n = std::strtol(env, nullptr, 10);
      if (n > 0) threads = std::min(threads, static_cast<Index>(n));
    }
    threads = std::max<Index>(threads, 1);
    merged = !(n_train < n_queries || 4 * kChunkRows * threads < n_queries);
    const Index groups = merged ? std::min(chunks, threads) : 1;
    // OpenMP's static schedule: the first (chunks % groups) threads take one chunk more.
    const Index each = chunks / groups, extra = chunks % groups;
    for (Index g = 0; g < groups; ++g)
      group_of.insert(group_of.end(), each + (g < extra ? 1 : 0), static_cast<std::uint32_t>(g));
  }
  Index groups() const { return group_of.empty() ? 1 : group_of.back() + 1; }
  Index group(Index row) const { return group_of[row / kChunkRows]; }
};

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
      block_norms_.push_back(dot_norms(blocks_.back()));
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
    // scikit-learn's decomposition, in its order: (|q|² - 2 q·x) + |x|², unclamped (a point's
    // distance to itself may come out slightly below 0).
    const Matrix Qb = Q.rows(first, last - 1);
    Index start = 0;
    for (std::size_t b = 0; b < blocks_.size(); ++b) {
      const Matrix products = blocks_[b] * Qb.t();  // training row start + j against query i
      const double* x_norms = block_norms_[b].memptr();
      for (Index i = 0; i < products.n_cols; ++i) {
        const double* column = products.colptr(i);
        const double q_norm = q_norms(first + i);
        for (Index j = 0; j < products.n_rows; ++j)
          visit(first + i, start + j, (q_norm + -2.0 * column[j]) + x_norms[j]);
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
  const Vector q_norms = blocks_.empty() ? Vector() : dot_norms(Q);
  arma::Mat<arma::uword> found(k, nq);
  Matrix dist(k, nq);
  const Index n_blocks = (nq + kQueryBlock - 1) / kQueryBlock;
  const double work = static_cast<double>(nq) * static_cast<double>(n) *
                      (static_cast<double>(d) * kFlopNanoseconds + 1.0);
  const int threads = threads_for(work, static_cast<double>(n_blocks));
  const Reduction reduction = reduction_of(options_.metric, options_.p);
  std::exception_ptr failure;
  const ScikitLearnChunks chunks(n, nq);
  const Index groups = chunks.groups();
  with_reduction(reduction, options_.p, [&](const auto& m) {
#pragma omp parallel num_threads(threads)
    {
      std::vector<Candidate> buffer(kQueryBlock * groups * k), merged(k);
      std::vector<BoundedHeap> heaps;
#pragma omp for schedule(dynamic, 1)
      for (std::ptrdiff_t b = 0; b < static_cast<std::ptrdiff_t>(n_blocks); ++b) {
        try {
          const Index first = static_cast<Index>(b) * kQueryBlock;
          const Index last = std::min(nq, first + kQueryBlock);
          heaps.clear();
          for (Index h = 0; h < (last - first) * groups; ++h)
            heaps.emplace_back(buffer.data() + h * k, k);
          // Each query's rows in order, each into the heap of the thread that would push it.
          brute_block(Q, q_norms, first, last, [&](Index i, Index j, double r) {
            heaps[(i - first) * groups + chunks.group(j)].push({r, j});
          });
          for (Index i = first; i < last; ++i) {
            Candidate* c = buffer.data() + (i - first) * groups * k;
            if (chunks.merged) {
              BoundedHeap heap(merged.data(), k);
              for (Index h = 0; h < groups * k; ++h) heap.push(c[h]);
              c = merged.data();
              heap.sort();
            } else {
              heaps[i - first].sort();
            }
            for (Index r = 0; r < k; ++r) {
              found(r, i) = c[r].index;
              dist(r, i) = m.to_distance(std::max(c[r].reduced, 0.0));
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
  const Index n_blocks = (nq + kQueryBlock - 1) / kQueryBlock;
  const double per_query =
      tree_ ? 3.0 * static_cast<double>(options_.leaf_size + 1) : static_cast<double>(X_.n_rows);
  const double work = static_cast<double>(nq) * per_query *
                      (static_cast<double>(X_.n_cols) * kFlopNanoseconds + 1.0);
  const int threads = threads_for(work, static_cast<double>(n_blocks));
  std::exception_ptr failure;
  const Vector q_norms = (!tree_ && !blocks_.empty()) ? dot_norms(Q) : Vector();
  const Matrix queries = tree_ ? Matrix(Q.t()) : Matrix();
  with_reduction(reduction, options_.p, [&](const auto& m) {
    const double reduced_radius = m.to_reduced(radius);
    // Each query's neighbours in the order the search meets them, then sorted as scikit-learn
    // sorts them: the kd-tree's by distance, brute force's by reduced distance.
    const auto finish = [&](Index i, std::vector<Candidate>& found) {
      sort_as_scikit_learn(found.data(), found.size());
      out.indices[i].set_size(found.size());
      out.distances[i].set_size(found.size());
      for (std::size_t r = 0; r < found.size(); ++r) {
        out.indices[i](r) = found[r].index;
        out.distances[i](r) =
            tree_ ? found[r].reduced : m.to_distance(std::max(found[r].reduced, 0.0));
      }
    };
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
    for (std::ptrdiff_t b = 0; b < static_cast<std::ptrdiff_t>(n_blocks); ++b) {
      try {
        const Index first = static_cast<Index>(b) * kQueryBlock;
        const Index last = std::min(nq, first + kQueryBlock);
        std::vector<std::vector<Candidate>> found(last - first);
        if (tree_) {
          for (Index i = first; i < last; ++i)
            tree_->for_each_within(queries.colptr(i), radius, [&](Index j, double distance) {
              found[i - first].push_back({distance, j});
            });
        } else {
          brute_block(Q, q_norms, first, last, [&](Index i, Index j, double r) {
            if (r <= reduced_radius) found[i - first].push_back({r, j});
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
