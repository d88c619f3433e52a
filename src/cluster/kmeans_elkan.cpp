#include <cmath>
#include <limits>

#include "cluster/kmeans_assign.hpp"
#include "cluster/kmeans_run.hpp"
#include "cluster/kmeans_update.hpp"

namespace fitkit::detail {
namespace {

double distance(const double* a, const double* b, Index d) {
  return std::sqrt(squared_distance(a, b, d));
}

// Half the distance between every two centres, and from each centre to its nearest other.
struct CenterGaps {
  Matrix half;       // k x k
  Vector next_half;  // k
  explicit CenterGaps(const Matrix& centers) {
    const Index k = centers.n_cols, d = centers.n_rows;
    half.set_size(k, k);
    next_half.set_size(k);
    next_half.fill(std::numeric_limits<double>::infinity());
    for (Index a = 0; a < k; ++a) {
      half(a, a) = 0;
      for (Index b = a + 1; b < k; ++b)
        half(a, b) = half(b, a) = distance(centers.colptr(a), centers.colptr(b), d) / 2;
    }
    for (Index a = 0; a < k; ++a)
      for (Index b = 0; b < k; ++b)
        if (b != a) next_half[a] = std::min(next_half[a], half(a, b));
  }
};

struct Bounds {
  Vector upper;  // n: distance to the assigned centre, or more
  Matrix lower;  // k x n: distance to each centre, or less
};

int elkan_threads(const Matrix& Xt, Index k) {
  return kmeans_pass_threads(Xt.n_cols, Xt.n_rows, k);
}

// scikit-learn's init_bounds_dense.
void init_bounds(const Matrix& Xt, const Matrix& centers, const CenterGaps& gaps,
                 ClusterLabels& labels, Bounds& bounds) {
  const Index d = Xt.n_rows, n = Xt.n_cols, k = centers.n_cols;
  labels.resize(n);
  bounds.upper.set_size(n);
  bounds.lower.zeros(k, n);
  const int threads = elkan_threads(Xt, k);
  over_sample_ranges(n, d, k, threads, nullptr, [&](Index begin, Index end, ClusterSums*) {
    for (Index i = begin; i < end; ++i) {
      const double* x = Xt.colptr(i);
      double* lower = bounds.lower.colptr(i);
      Index best = 0;
      double min_dist = distance(x, centers.colptr(0), d);
      lower[0] = min_dist;
      for (Index j = 1; j < k; ++j) {
        if (min_dist > gaps.half(best, j)) {
          const double dist = distance(x, centers.colptr(j), d);
          lower[j] = dist;
          if (dist < min_dist) {
            min_dist = dist;
            best = j;
          }
        }
      }
      labels[i] = static_cast<std::int32_t>(best);
      bounds.upper[i] = min_dist;
    }
  });
}

// scikit-learn's elkan_iter_chunked_dense: the labels against `centers` within the bounds;
// with `sums`, each sample added, weighted, to its cluster's sum.
void elkan_step(const Matrix& Xt, const Vector& w, const Matrix& centers, const CenterGaps& gaps,
                ClusterLabels& labels, Bounds& bounds, ClusterSums* sums) {
  const Index d = Xt.n_rows, n = Xt.n_cols, k = centers.n_cols;
  const int threads = elkan_threads(Xt, k);
  over_sample_ranges(n, d, k, threads, sums, [&](Index begin, Index end, ClusterSums* partial) {
    for (Index i = begin; i < end; ++i) {
      const double* x = Xt.colptr(i);
      double* lower = bounds.lower.colptr(i);
      double upper = bounds.upper[i];
      Index label = static_cast<Index>(labels[i]);
      if (!(gaps.next_half[label] >= upper)) {
        bool tight = false;
        for (Index j = 0; j < k; ++j) {
          if (j != label && upper > lower[j] && upper > gaps.half(label, j)) {
            if (!tight) {
              upper = distance(x, centers.colptr(label), d);
              lower[label] = upper;
              tight = true;
            }
            if (upper > lower[j] && upper > gaps.half(label, j)) {
              const double dist = distance(x, centers.colptr(j), d);
              lower[j] = dist;
              if (dist < upper) {
                label = j;
                upper = dist;
              }
            }
          }
        }
        labels[i] = static_cast<std::int32_t>(label);
        bounds.upper[i] = upper;
      }
      if (partial != nullptr) {
        const double weight = w[i];
        double* sum = partial->sums.colptr(label);
        for (Index j = 0; j < d; ++j) sum[j] += x[j] * weight;
        partial->weights[label] += weight;
      }
    }
  });
}

// After the centres moved by `shift`: the bounds loosened by as much.
void shift_bounds(const Vector& shift, const ClusterLabels& labels, Bounds& bounds) {
  const Index n = bounds.upper.n_elem, k = shift.n_elem;
  const int threads = threads_for(static_cast<double>(n * k) * 2 * kStreamNanoseconds);
#pragma omp parallel for schedule(static) num_threads(threads)
  for (Index i = 0; i < n; ++i) {
    bounds.upper[i] += shift[static_cast<Index>(labels[i])];
    double* lower = bounds.lower.colptr(i);
    for (Index j = 0; j < k; ++j) {
      lower[j] -= shift[j];
      if (lower[j] < 0) lower[j] = 0;
    }
  }
}

}  // namespace

KMeansRun elkan_run(const Matrix& Xt, const Vector& w, Matrix centers, Index max_iter, double tol) {
  const Index n = Xt.n_cols;
  KMeansRun run;
  ClusterLabels labels, labels_old(n, -1);
  Bounds bounds;
  CenterGaps gaps(centers);
  init_bounds(Xt, centers, gaps, labels, bounds);
  bool strict = false;
  Index i = 0;
  for (; i < max_iter; ++i) {
    ClusterSums sums;
    elkan_step(Xt, w, centers, gaps, labels, bounds, &sums);
    relocate_empty_clusters(Xt, w, centers, labels, sums);
    Matrix centers_new = average_centers(sums);
    const Vector shift = center_shift(centers, centers_new);
    shift_bounds(shift, labels, bounds);
    gaps = CenterGaps(centers_new);
    centers = std::move(centers_new);
    if (labels == labels_old) {
      strict = true;
      break;
    }
    if (arma::accu(arma::square(shift)) <= tol) break;
    labels_old = labels;
  }
  if (!strict) elkan_step(Xt, w, centers, gaps, labels, bounds, nullptr);
  run.n_iter = std::min(i + 1, max_iter);
  run.inertia = kmeans_inertia(Xt, w, centers, labels);
  run.centers = std::move(centers);
  run.labels = std::move(labels);
  return run;
}

}  // namespace fitkit::detail
