#pragma once
// The distance metrics as the searches use them inside: a "reduced" distance that orders points
// as the true one does but is cheaper (the sum of squares for euclidean, the sum of |d|^p for
// minkowski), accumulated over the features in order, and turned into the true distance only
// for the answers. Shared by the kd-tree and the brute-force search.

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "fitkit/core/types.hpp"
#include "fitkit/neighbors/distance_metric.hpp"

namespace fitkit::detail {

// How the per-feature terms combine: a sum of squares, a sum of |d|, the largest |d|, a sum of
// |d|^p.
enum class Reduction { squares, absolute, maximum, power };

// minkowski with p = 2 is euclidean, with p = 1 manhattan, as scikit-learn treats them.
inline Reduction reduction_of(DistanceMetric metric, double p) {
  switch (metric) {
    case DistanceMetric::euclidean:
      return Reduction::squares;
    case DistanceMetric::manhattan:
      return Reduction::absolute;
    case DistanceMetric::chebyshev:
      return Reduction::maximum;
    case DistanceMetric::minkowski:
      if (p == 2.0) return Reduction::squares;
      if (p == 1.0) return Reduction::absolute;
      if (std::isinf(p)) return Reduction::maximum;
      return Reduction::power;
  }
  return Reduction::squares;
}

template <Reduction R>
struct Reduced {
  double p = 2.0;

  // The term of one feature, from the (signed) difference.
  double term(double diff) const {
    if constexpr (R == Reduction::squares) return diff * diff;
    if constexpr (R == Reduction::power) return std::pow(std::abs(diff), p);
    return std::abs(diff);
  }
  static double combine(double acc, double t) {
    if constexpr (R == Reduction::maximum) return std::max(acc, t);
    return acc + t;
  }
  // The reduced distance between two points of n doubles each.
  double between(const double* a, const double* b, Index n) const {
    double acc = 0;
    for (Index j = 0; j < n; ++j) acc = combine(acc, term(a[j] - b[j]));
    return acc;
  }
  double to_distance(double reduced) const {
    if constexpr (R == Reduction::squares) return std::sqrt(reduced);
    if constexpr (R == Reduction::power) return std::pow(reduced, 1.0 / p);
    return reduced;
  }
  double to_reduced(double distance) const {
    if constexpr (R == Reduction::squares) return distance * distance;
    if constexpr (R == Reduction::power) return std::pow(distance, p);
    return distance;
  }
};

// Calls f(Reduced<R>{p}) with R chosen at run time once, so that the loops inside are compiled
// for each metric.
template <class F>
decltype(auto) with_reduction(Reduction reduction, double p, F&& f) {
  switch (reduction) {
    case Reduction::absolute:
      return f(Reduced<Reduction::absolute>{p});
    case Reduction::maximum:
      return f(Reduced<Reduction::maximum>{p});
    case Reduction::power:
      return f(Reduced<Reduction::power>{p});
    case Reduction::squares:
      break;
  }
  return f(Reduced<Reduction::squares>{p});
}

// A neighbour candidate: its reduced distance (or distance) and training row.
struct Candidate {
  double reduced;
  Index index;
};

// scikit-learn's simultaneous_sort: a median-of-three quicksort on the distances alone, small
// sizes by hand. Not stable; the same swaps, so equal distances end in scikit-learn's order.
inline void sort_as_scikit_learn(Candidate* v, Index size) {
  const auto swap = [&v](Index a, Index b) { std::swap(v[a], v[b]); };
  while (size > 3) {
    const Index pivot = size / 2;
    if (v[0].reduced > v[size - 1].reduced) swap(0, size - 1);
    if (v[size - 1].reduced > v[pivot].reduced) {
      swap(size - 1, pivot);
      if (v[0].reduced > v[size - 1].reduced) swap(0, size - 1);
    }
    const double pivot_value = v[size - 1].reduced;
    Index store = 0;
    for (Index i = 0; i + 1 < size; ++i)
      if (v[i].reduced < pivot_value) swap(i, store++);
    swap(store, size - 1);
    if (store > 1) sort_as_scikit_learn(v, store);
    v += store + 1;  // the right part, as the recursion would
    size -= store + 1;
  }
  if (size == 2) {
    if (v[0].reduced > v[1].reduced) swap(0, 1);
  } else if (size == 3) {
    if (v[0].reduced > v[1].reduced) swap(0, 1);
    if (v[1].reduced > v[2].reduced) {
      swap(1, 2);
      if (v[0].reduced > v[1].reduced) swap(0, 1);
    }
  }
}

// The k best candidates seen so far, kept as scikit-learn's heap_push keeps them, so that
// equal distances come out in its order: a fixed-size max-heap that starts full of
// infinities, which a candidate enters only when strictly nearer than the farthest kept (of
// rows at the k-th distance, the first pushed stays).
class BoundedHeap {
 public:
  BoundedHeap(Candidate* buffer, Index capacity) : heap_(buffer), capacity_(capacity) {
    std::fill_n(heap_, capacity_, Candidate{std::numeric_limits<double>::infinity(), 0});
  }

  // A candidate must be under this to enter (infinity until full).
  double bound() const { return heap_[0].reduced; }
  void push(Candidate c) {
    if (!(c.reduced < heap_[0].reduced)) return;
    Index at = 0;
    for (;;) {
      const Index left = 2 * at + 1, right = left + 1;
      Index next = left;
      if (left >= capacity_) break;
      if (right >= capacity_) {
        if (!(heap_[left].reduced > c.reduced)) break;
      } else if (heap_[left].reduced >= heap_[right].reduced) {
        if (!(c.reduced < heap_[left].reduced)) break;
      } else {
        if (!(c.reduced < heap_[right].reduced)) break;
        next = right;
      }
      heap_[at] = heap_[next];
      at = next;
    }
    heap_[at] = c;
  }
  // Sorts the buffer nearest first; the heap is spent.
  void sort() { sort_as_scikit_learn(heap_, capacity_); }

 private:
  Candidate* heap_;
  Index capacity_;
};

}  // namespace fitkit::detail
