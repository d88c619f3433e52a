// From merges to scikit-learn's children_, and from children_ to flat labels.

#include <algorithm>
#include <utility>
#include <vector>

#include "cluster/agglomerative_tree.hpp"

namespace fitkit::detail {
namespace {

// Python's heapq on a list (a min-heap), step for step: _hc_cut numbers the clusters in the
// order its heap list holds them, so the sift rules must be heapq's own.
void sift_down(std::vector<std::int64_t>& heap, std::size_t start, std::size_t pos) {
  const std::int64_t item = heap[pos];
  while (pos > start) {
    const std::size_t parent = (pos - 1) >> 1;
    if (item < heap[parent]) {
      heap[pos] = heap[parent];
      pos = parent;
      continue;
    }
    break;
  }
  heap[pos] = item;
}

void sift_up(std::vector<std::int64_t>& heap, std::size_t pos) {
  const std::size_t end = heap.size(), start = pos;
  const std::int64_t item = heap[pos];
  std::size_t child = 2 * pos + 1;
  while (child < end) {
    const std::size_t right = child + 1;
    if (right < end && !(heap[child] < heap[right])) child = right;
    heap[pos] = heap[child];
    pos = child;
    child = 2 * pos + 1;
  }
  heap[pos] = item;
  sift_down(heap, start, pos);
}

void heap_push(std::vector<std::int64_t>& heap, std::int64_t item) {
  heap.push_back(item);
  sift_down(heap, 0, heap.size() - 1);
}

void heap_push_pop(std::vector<std::int64_t>& heap, std::int64_t item) {
  if (!heap.empty() && heap[0] < item) {
    std::swap(item, heap[0]);
    sift_up(heap, 0);
  }
}

}  // namespace

MergeTree number_merges(std::vector<Merge> merges, Index n_samples, ChildOrder order) {
  std::stable_sort(merges.begin(), merges.end(),
                   [](const Merge& a, const Merge& b) { return a.distance < b.distance; });
  const std::size_t n = n_samples, nodes = 2 * n - 1;
  std::vector<std::size_t> parent(nodes);
  for (std::size_t i = 0; i < nodes; ++i) parent[i] = i;
  const auto find = [&](std::size_t x) {
    std::size_t root = x;
    while (parent[root] != root) root = parent[root];
    while (parent[x] != root) x = std::exchange(parent[x], root);
    return root;
  };
  MergeTree tree;
  tree.children.set_size(merges.size(), 2);
  tree.distances.set_size(merges.size());
  for (std::size_t k = 0; k < merges.size(); ++k) {
    std::size_t a = find(merges[k].a), b = find(merges[k].b);
    if (order == ChildOrder::smaller_first && a > b) std::swap(a, b);
    tree.children(k, 0) = static_cast<std::int64_t>(a);
    tree.children(k, 1) = static_cast<std::int64_t>(b);
    tree.distances(k) = merges[k].distance;
    parent[a] = parent[b] = n + k;
  }
  return tree;
}

Labels cut_tree(const AgglomerativeClustering::IndexMatrix& children, Index n_clusters) {
  const std::int64_t n = static_cast<std::int64_t>(children.n_rows) + 1;
  Labels labels(static_cast<Index>(n), arma::fill::zeros);
  if (n == 1) return labels;
  // The heap holds negated node ids, so that its top is the largest node: the last merge.
  std::vector<std::int64_t> heap = {-(std::max(children(n - 2, 0), children(n - 2, 1)) + 1)};
  for (Index c = 1; c < n_clusters; ++c) {
    const Index row = static_cast<Index>(-heap[0] - n);
    heap_push(heap, -children(row, 0));
    heap_push_pop(heap, -children(row, 1));
  }
  std::vector<std::int64_t> stack;
  for (std::size_t label = 0; label < heap.size(); ++label) {
    stack.assign(1, -heap[label]);
    while (!stack.empty()) {
      const std::int64_t node = stack.back();
      stack.pop_back();
      if (node < n) {
        labels(static_cast<Index>(node)) = static_cast<std::int64_t>(label);
      } else {
        stack.push_back(children(static_cast<Index>(node - n), 0));
        stack.push_back(children(static_cast<Index>(node - n), 1));
      }
    }
  }
  return labels;
}

}  // namespace fitkit::detail
