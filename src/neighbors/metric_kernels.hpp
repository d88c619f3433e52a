#pragma once
// The distance metrics as the searches use them inside: a "reduced" distance that orders points
// as the true one does but is cheaper (the sum of squares for euclidean, the sum of |d|^p for
// minkowski), accumulated over the features in order, and turned into the true distance only
// for the answers. Shared by the kd-tree and the brute-force search.

#include <algorithm>
#include <cmath>

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

// A neighbour candidate: ordered by reduced distance, then by index (ties to the lower index).
struct Candidate {
  double reduced;
  Index index;
  bool operator<(const Candidate& other) const {
    return reduced < other.reduced || (reduced == other.reduced && index < other.index);
  }
};

// The k best candidates seen so far, as a max-heap of fixed capacity on a caller's buffer.
class BoundedHeap {
 public:
  BoundedHeap(Candidate* buffer, Index capacity) : heap_(buffer), capacity_(capacity) {}

  bool full() const { return size_ == capacity_; }
  // The reduced distance a candidate must not exceed to enter (infinity until full).
  double bound() const {
    return full() ? heap_[0].reduced : std::numeric_limits<double>::infinity();
  }
  void push(Candidate c) {
    if (size_ < capacity_) {
      heap_[size_++] = c;
      std::push_heap(heap_, heap_ + size_);
    } else if (c < heap_[0]) {
      std::pop_heap(heap_, heap_ + size_);
      heap_[size_ - 1] = c;
      std::push_heap(heap_, heap_ + size_);
    }
  }
  // Sorts the buffer nearest first; the heap is spent.
  Index sort() {
    std::sort_heap(heap_, heap_ + size_);
    return size_;
  }

 private:
  Candidate* heap_;
  Index capacity_;
  Index size_ = 0;
};

}  // namespace fitkit::detail
