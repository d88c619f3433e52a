// The kd-tree: sliding-midpoint splits (Maneewongvatana & Mount, 1999) on the widest side of
// each node's bounding box, points copied samples-contiguous in tree order, a tight bounding
// box per node for the lower bounds that prune the searches. Every comparison is on reduced
// distances (metric_kernels.hpp); the answers are turned into true distances at the end.
//
// Nodes are visited from an explicit stack, never by recursion: sliding-midpoint trees on
// skewed data can be deeper than a thread's stack allows.

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
  struct Node {
    Index start = 0, end = 0;   // the node's points: positions [start, end) in tree order
    Index left = 0, right = 0;  // children; both 0 in a leaf
    bool leaf() const { return left == 0; }
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

  // Lower and upper bounds of the reduced distance from q to any point of a node's box.
  template <class M>
  double min_reduced(const M& m, const double* q, Index node) const {
    const double* lo = lower(node);
    const double* hi = upper(node);
    double acc = 0;
    for (Index j = 0; j < d; ++j) {
      const double below = lo[j] - q[j];
      const double above = q[j] - hi[j];
      const double gap = below > 0 ? below : (above > 0 ? above : 0.0);
      acc = m.combine(acc, m.term(gap));
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

  nodes.clear();
  boxes.clear();
  nodes.push_back({0, n, 0, 0});
  std::vector<Index> pending{0};
  std::vector<double> lo(d), hi(d);
  const Index leaf_size = std::max<Index>(options.leaf_size, 1);
  while (!pending.empty()) {
    const Index id = pending.back();
    pending.pop_back();
    const Index start = nodes[id].start, end = nodes[id].end;
    // The node's tight bounding box.
    for (Index j = 0; j < d; ++j) lo[j] = hi[j] = value(index[start], j);
    for (Index p = start + 1; p < end; ++p) {
      const Index i = index[p];
      for (Index j = 0; j < d; ++j) {
        const double v = value(i, j);
        if (v < lo[j]) lo[j] = v;
        if (v > hi[j]) hi[j] = v;
      }
    }
    if (boxes.size() < 2 * (id + 1) * d) boxes.resize(2 * (id + 1) * d);
    std::copy(lo.begin(), lo.end(), boxes.begin() + 2 * id * d);
    std::copy(hi.begin(), hi.end(), boxes.begin() + (2 * id + 1) * d);
    if (end - start <= leaf_size) continue;
    Index dim = 0;
    for (Index j = 1; j < d; ++j)
      if (hi[j] - lo[j] > hi[dim] - lo[dim]) dim = j;
    if (!(hi[dim] > lo[dim])) continue;  // all the node's points are equal: a leaf
    // Split at the middle of the widest side; when one side would be empty, slide the split to
    // the nearest point, which then forms that side alone.
    const double split = lo[dim] + (hi[dim] - lo[dim]) / 2;
    auto first = index.begin() + static_cast<std::ptrdiff_t>(start);
    auto last = index.begin() + static_cast<std::ptrdiff_t>(end);
    auto middle = std::partition(first, last, [&](Index i) { return value(i, dim) < split; });
    if (middle == first) {
      auto lowest = std::min_element(
          first, last, [&](Index a, Index b) { return value(a, dim) < value(b, dim); });
      std::iter_swap(first, lowest);
      middle = first + 1;
    } else if (middle == last) {
      auto highest = std::max_element(
          first, last, [&](Index a, Index b) { return value(a, dim) < value(b, dim); });
      std::iter_swap(last - 1, highest);
      middle = last - 1;
    }
    const Index mid = static_cast<Index>(middle - index.begin());
    const Index left = nodes.size();
    nodes.push_back({start, mid, 0, 0});
    nodes.push_back({mid, end, 0, 0});
    nodes[id].left = left;
    nodes[id].right = left + 1;
    pending.push_back(left + 1);
    pending.push_back(left);
  }
  boxes.resize(2 * nodes.size() * d);
  points.resize(n * d);
  for (Index p = 0; p < n; ++p) std::copy_n(rows.colptr(index[p]), d, points.data() + p * d);
}

template <class M>
void KDTree::Impl::knn(const M& m, const double* q, detail::BoundedHeap& heap,
                       std::vector<std::pair<Index, double>>& stack) const {
  // Depth first, the nearer child first; a node is skipped when its box lies farther than the
  // k-th candidate (ties kept: an equal distance may still come with a lower index).
  stack.clear();
  stack.emplace_back(0, min_reduced(m, q, 0));
  while (!stack.empty()) {
    const auto [id, bound] = stack.back();
    stack.pop_back();
    if (bound > heap.bound()) continue;
    const Node& node = nodes[id];
    if (node.leaf()) {
      for (Index p = node.start; p < node.end; ++p) {
        const double r = m.between(q, point(p), d);
        if (r <= heap.bound()) heap.push({r, index[p]});
      }
      continue;
    }
    const double left = min_reduced(m, q, node.left);
    const double right = min_reduced(m, q, node.right);
    if (left <= right) {
      stack.emplace_back(node.right, right);
      stack.emplace_back(node.left, left);
    } else {
      stack.emplace_back(node.left, left);
      stack.emplace_back(node.right, right);
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
    if (node.leaf()) {
      if (!visit(node.start, node.end, false)) return;
      continue;
    }
    push(node.right);
    push(node.left);
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
        for (Index qi = first; qi < last; ++qi) {
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
