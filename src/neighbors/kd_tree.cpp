// The kd-tree, built as scikit-learn's KDTree is: a complete binary tree whose depth is fixed by
// the leaf size, each node split at the median of its points (std::nth_element, ties by row)
// along the feature of widest spread, a tight bounding box per node. Built and searched in the
// same order as scikit-learn's (depth first, the child with the smaller lower bound first,
// lower bounds computed by its formula), with its neighbour heap, the k nearest come out in
// the same order as scikit-learn's even among equal distances. Every comparison is on reduced
// distances (metric_kernels.hpp); the answers are turned into true distances at the end.
//
// Nodes are visited from an explicit stack, never by recursion.

#include "fitkit/neighbors/kd_tree.hpp"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <string>
#include <vector>

#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "neighbors/metric_kernels.hpp"

namespace fitkit {

struct KDTree::Impl {
  // Node i's children are 2i + 1 and 2i + 2; its points are positions [start, end) in tree
  // order, and points below `split` in `dim` went left (only to sort queries by leaf).
  struct Node {
    Index start = 0, end = 0;
    Index dim = 0;
    double split = 0;
    bool leaf = true;
  };

  KDTreeOptions options;
  detail::Reduction reduction = detail::Reduction::squares;
  Index n = 0, d = 0;
  std::vector<double> points;  // n x d, row after row in tree order
  std::vector<Index> index;    // tree position -> row of X
  std::vector<Node> nodes;     // nodes[0] is the root
  std::vector<double> boxes;   // per node: d lower bounds, then d upper bounds

  const double* point(Index position) const { return points.data() + position * d; }
  const double* lower(Index node) const { return boxes.data() + 2 * node * d; }
  const double* upper(Index node) const { return boxes.data() + (2 * node + 1) * d; }

  void build(const Matrix& X);

  // Lower and upper bounds of the reduced distance from q to any point of a node's box. The
  // lower one is scikit-learn's min_rdist, term for term: it decides which child is searched
  // first, and so the order in which equal distances reach the heap.
  template <class M>
  double min_reduced(const M& m, const double* q, Index node) const {
    const double* lo = lower(node);
    const double* hi = upper(node);
    double acc = 0;
    for (Index j = 0; j < d; ++j) {
      const double below = lo[j] - q[j];
      const double above = q[j] - hi[j];
      const double twice = (below + std::abs(below)) + (above + std::abs(above));
      acc = m.combine(acc, m.term(0.5 * twice));
    }
    return acc;
  }
  template <class M>
  double max_reduced(const M& m, const double* q, Index node) const {
    const double* lo = lower(node);
    const double* hi = upper(node);
    double acc = 0;
    for (Index j = 0; j < d; ++j)
      acc = m.combine(acc, m.term(std::max(q[j] - lo[j], hi[j] - q[j])));
    return acc;
  }

  // The leaf a point falls in, following the splits.
  Index leaf_of(const double* q) const {
    Index id = 0;
    while (!nodes[id].leaf) id = q[nodes[id].dim] < nodes[id].split ? 2 * id + 1 : 2 * id + 2;
    return id;
  }

  template <class M>
  void knn(const M& m, const double* q, detail::BoundedHeap& heap,
           std::vector<std::pair<Index, double>>& stack) const;
  template <class M, class Visit>
  void within(const M& m, const double* q, double reduced_radius, Visit&& visit) const;
};

void KDTree::Impl::build(const Matrix& X) {
  n = X.n_rows;
  d = X.n_cols;
  const Matrix rows = X.t();  // d x n: each sample contiguous
  index.resize(n);
  for (Index i = 0; i < n; ++i) index[i] = i;
  const auto value = [&](Index i, Index j) { return rows(j, i); };

  // scikit-learn's depth: leaves of leaf_size to 2 leaf_size points.
  const double per_leaf = static_cast<double>(n - 1) / static_cast<double>(options.leaf_size);
  const auto levels = static_cast<Index>(std::log2(std::max(1.0, per_leaf)) + 1);
  const Index n_nodes = (Index{1} << levels) - 1;
  nodes.assign(n_nodes, Node{});
  boxes.assign(2 * n_nodes * d, 0.0);
  nodes[0].end = n;
  // Every node is split in place within its own positions, so the order nodes are built in
  // does not matter; top-down keeps each parent before its children.
  for (Index id = 0; id < n_nodes; ++id) {
    Node& node = nodes[id];
    const Index start = node.start, end = node.end;
    double* lo = boxes.data() + 2 * id * d;
    double* hi = lo + d;
    for (Index j = 0; j < d; ++j) {
      lo[j] = arma::datum::inf;
      hi[j] = -arma::datum::inf;
    }
    for (Index p = start; p < end; ++p)
      for (Index j = 0; j < d; ++j) {
        const double v = value(index[p], j);
        lo[j] = std::fmin(lo[j], v);
        hi[j] = std::fmax(hi[j], v);
      }
    if (2 * id + 1 >= n_nodes || end - start < 2) continue;  // a leaf
    // The feature of widest spread (the first of equal ones), split at the median row, ties in
    // value by row number: the same partition as scikit-learn's partition_node_indices.
    Index dim = 0;
    double widest = 0;
    for (Index j = 0; j < d; ++j)
      if (hi[j] - lo[j] > widest) {
        widest = hi[j] - lo[j];
        dim = j;
      }
    const Index mid = start + (end - start) / 2;
    const auto begin = index.begin();
    std::nth_element(begin + static_cast<std::ptrdiff_t>(start),
                     begin + static_cast<std::ptrdiff_t>(mid),
                     begin + static_cast<std::ptrdiff_t>(end), [&](Index a, Index b) {
                       const double va = value(a, dim), vb = value(b, dim);
                       return va == vb ? a < b : va < vb;
                     });
    node.leaf = false;
    node.dim = dim;
    node.split = value(index[mid], dim);
    nodes[2 * id + 1].start = start;
    nodes[2 * id + 1].end = mid;
    nodes[2 * id + 2].start = mid;
    nodes[2 * id + 2].end = end;
  }
  points.resize(n * d);
  for (Index p = 0; p < n; ++p) std::copy_n(rows.colptr(index[p]), d, points.data() + p * d);
}

template <class M>
void KDTree::Impl::knn(const M& m, const double* q, detail::BoundedHeap& heap,
                       std::vector<std::pair<Index, double>>& stack) const {
  // Depth first, the child with the smaller lower bound first (the left one of equal bounds);
  // a node is skipped when its bound exceeds the k-th candidate's distance at its turn.
  stack.clear();
  stack.emplace_back(0, min_reduced(m, q, 0));
  while (!stack.empty()) {
    const auto [id, bound] = stack.back();
    stack.pop_back();
    if (bound > heap.bound()) continue;
    const Node& node = nodes[id];
    if (node.leaf) {
      for (Index p = node.start; p < node.end; ++p)
        heap.push({m.between(q, point(p), d), index[p]});
      continue;
    }
    const Index left = 2 * id + 1, right = left + 1;
    const double left_bound = min_reduced(m, q, left);
    const double right_bound = min_reduced(m, q, right);
    if (left_bound <= right_bound) {
      stack.emplace_back(right, right_bound);
      stack.emplace_back(left, left_bound);
    } else {
      stack.emplace_back(left, left_bound);
      stack.emplace_back(right, right_bound);
    }
  }
}

template <class M, class Visit>
void KDTree::Impl::within(const M& m, const double* q, double reduced_radius, Visit&& visit) const {
  // visit(first, last, all_inside) for the runs of tree positions that may hold points within
  // the radius; all_inside when the node's whole box is.
  Index stack_buffer[128];
  std::vector<Index> overflow;
  Index size = 0;
  auto push = [&](Index id) {
    if (size < 128)
      stack_buffer[size] = id;
    else
      overflow.push_back(id);
    ++size;
  };
  auto pop = [&]() {
    --size;
    if (size >= 128) {
      const Index id = overflow.back();
      overflow.pop_back();
      return id;
    }
    return stack_buffer[size];
  };
  push(0);
  while (size > 0) {
    const Index id = pop();
    if (min_reduced(m, q, id) > reduced_radius) continue;
    const Node& node = nodes[id];
    if (max_reduced(m, q, id) <= reduced_radius) {
      if (!visit(node.start, node.end, true)) return;
      continue;
    }
    if (node.leaf) {
      if (!visit(node.start, node.end, false)) return;
      continue;
    }
    push(2 * id + 2);
    push(2 * id + 1);
  }
}

KDTree::KDTree(const Matrix& X, KDTreeOptions options) {
  if (X.n_rows == 0) throw DataError("KDTree: X has no rows");
  if (X.n_cols == 0) throw DataError("KDTree: X has no columns");
  if (!(options.p >= 1))
    throw InvalidParameter("p", "p must be >= 1, got " + std::to_string(options.p));
  if (options.leaf_size < 1) throw InvalidParameter("leaf_size", "leaf_size must be >= 1");
  auto impl = std::make_shared<Impl>();
  impl->options = options;
  impl->reduction = detail::reduction_of(options.metric, options.p);
  impl->build(X);
  impl_ = std::move(impl);
}

Index KDTree::n_samples() const {
  return impl_->n;
}
Index KDTree::n_features() const {
  return impl_->d;
}
const KDTreeOptions& KDTree::options() const {
  return impl_->options;
}

void KDTree::query(const Matrix& Q, Index k, arma::Mat<arma::uword>& indices,
                   Matrix& distances) const {
  const Impl& t = *impl_;
  if (Q.n_cols != t.d)
    throw DimensionMismatch("KDTree query: " + std::to_string(Q.n_cols) +
                            " features, the tree has " + std::to_string(t.d));
  if (k < 1) throw InvalidParameter("n_neighbors", "Expected n_neighbors > 0, got 0");
  if (k > t.n)
    throw InvalidParameter("n_neighbors",
                           "Expected n_neighbors <= n_samples_fit, but "
                           "n_samples_fit = " +
                               std::to_string(t.n) + ", n_neighbors = " + std::to_string(k));
  const Index nq = Q.n_rows;
  const Matrix queries = Q.t();  // each query contiguous
  arma::Mat<arma::uword> found(k, nq);
  Matrix dist(k, nq);
  // A query visits a few leaves: about 3 leaf sizes of points times the width, at a
  // nanosecond a term.
  const double work = static_cast<double>(nq) *
                      (3.0 * static_cast<double>(t.options.leaf_size) + static_cast<double>(k)) *
                      static_cast<double>(t.d) * 1.0;
  // Queries in the order of the leaves they fall in: neighbouring queries then walk the same
  // nodes and points, which stay in cache (a counting sort by leaf).
  std::vector<Index> order(nq);
  {
    std::vector<Index> leaf(nq), count(t.nodes.size() + 1, 0);
    for (Index qi = 0; qi < nq; ++qi) ++count[(leaf[qi] = t.leaf_of(queries.colptr(qi))) + 1];
    for (std::size_t c = 1; c < count.size(); ++c) count[c] += count[c - 1];
    for (Index qi = 0; qi < nq; ++qi) order[count[leaf[qi]]++] = qi;
  }
  constexpr Index kBlock = 64;
  const Index n_blocks = (nq + kBlock - 1) / kBlock;
  const int threads = detail::threads_for(work, static_cast<double>(n_blocks));
  detail::with_reduction(t.reduction, t.options.p, [&](const auto& m) {
#pragma omp parallel num_threads(threads)
    {
      std::vector<detail::Candidate> buffer(k);
      std::vector<std::pair<Index, double>> stack;
#pragma omp for schedule(dynamic, 1)
      for (std::ptrdiff_t b = 0; b < static_cast<std::ptrdiff_t>(n_blocks); ++b) {
        const Index first = static_cast<Index>(b) * kBlock;
        const Index last = std::min(nq, first + kBlock);
        for (Index o = first; o < last; ++o) {
          const Index qi = order[o];
          detail::BoundedHeap heap(buffer.data(), k);
          t.knn(m, queries.colptr(qi), heap, stack);
          heap.sort();
          arma::uword* out_index = found.colptr(qi);
          double* out_dist = dist.colptr(qi);
          for (Index r = 0; r < k; ++r) {
            out_index[r] = buffer[r].index;
            out_dist[r] = m.to_distance(buffer[r].reduced);
          }
        }
      }
    }
  });
  indices = found.t();
  distances = dist.t();
}

void KDTree::for_each_within(const double* q, double radius,
                             const std::function<void(Index, double)>& visit) const {
  const Impl& t = *impl_;
  if (!(radius >= 0)) return;
  detail::with_reduction(t.reduction, t.options.p, [&](const auto& m) {
    const double reduced = m.to_reduced(radius);
    t.within(m, q, reduced, [&](Index first, Index last, bool inside) {
      for (Index p = first; p < last; ++p) {
        const double r = m.between(q, t.point(p), t.d);
        if (inside || r <= reduced) visit(t.index[p], m.to_distance(r));
      }
      return true;
    });
  });
}

Index KDTree::count_within(const double* q, double radius, Index stop_at) const {
  const Impl& t = *impl_;
  if (!(radius >= 0)) return 0;
  Index count = 0;
  detail::with_reduction(t.reduction, t.options.p, [&](const auto& m) {
    const double reduced = m.to_reduced(radius);
    t.within(m, q, reduced, [&](Index first, Index last, bool inside) {
      if (inside) {
        count += last - first;
      } else {
        for (Index p = first; p < last; ++p)
          if (m.between(q, t.point(p), t.d) <= reduced) ++count;
      }
      return stop_at == 0 || count < stop_at;
    });
  });
  return stop_at > 0 ? std::min(count, stop_at) : count;
}

}  // namespace fitkit
