#pragma once
// Sorting a node's feature values together with its sample indices, the way scikit-learn 1.2's
// splitter does (sklearn/tree/_splitter.pyx: introsort, Musser 1997, with a median-of-three
// pivot and a three-way partition, heapsort past depth 2 log2(n)). The order it leaves equal
// values in is not stable, and the order of the samples decides the order in which the
// criteria add up their sums: the same sort from the same order gives bit-identical sums, so
// regression trees come out identical to scikit-learn's, not merely close.

#include <cmath>
#include <utility>

#include "fitkit/core/types.hpp"

namespace fitkit::detail::cart {

inline void swap_pair(float* values, Index* samples, Index i, Index j) {
  std::swap(values[i], values[j]);
  std::swap(samples[i], samples[j]);
}

inline float median_of_three(const float* values, Index n) {
  const float a = values[0], b = values[n / 2], c = values[n - 1];
  if (a < b) {
    if (b < c) return b;
    if (a < c) return c;
    return a;
  }
  if (b < c) {
    if (a < c) return a;
    return c;
  }
  return b;
}

inline void sift_down(float* values, Index* samples, Index start, Index end) {
  Index root = start;
  while (true) {
    const Index child = root * 2 + 1;
    Index largest = root;
    if (child < end && values[largest] < values[child]) largest = child;
    if (child + 1 < end && values[largest] < values[child + 1]) largest = child + 1;
    if (largest == root) return;
    swap_pair(values, samples, root, largest);
    root = largest;
  }
}

inline void heap_sort(float* values, Index* samples, Index n) {
  Index start = (n - 2) / 2;
  while (true) {
    sift_down(values, samples, start, n);
    if (start == 0) break;
    --start;
  }
  for (Index end = n - 1; end > 0; --end) {
    swap_pair(values, samples, 0, end);
    sift_down(values, samples, 0, end);
  }
}

inline void intro_sort(float* values, Index* samples, Index n, int max_depth) {
  while (n > 1) {
    if (max_depth <= 0) {
      heap_sort(values, samples, n);
      return;
    }
    --max_depth;
    const float pivot = median_of_three(values, n);
    Index i = 0, less = 0, greater = n;
    while (i < greater) {
      if (values[i] < pivot) {
        swap_pair(values, samples, i++, less++);
      } else if (values[i] > pivot) {
        swap_pair(values, samples, i, --greater);
      } else {
        ++i;
      }
    }
    intro_sort(values, samples, less, max_depth);
    values += greater;
    samples += greater;
    n -= greater;
  }
}

inline void sort_node_values(float* values, Index* samples, Index n) {
  if (n == 0) return;
  const int max_depth = 2 * static_cast<int>(std::log(static_cast<double>(n)) / std::log(2.0));
  intro_sort(values, samples, n, max_depth);
}

}  // namespace fitkit::detail::cart
