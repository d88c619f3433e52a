// Single linkage through the minimum spanning tree (Prim's algorithm, Müllner's
// MST-LINKAGE-CORE), in O(n) memory beyond a copy of X: scikit-learn's mst_linkage_core (for
// euclidean and manhattan) and scipy's mst_single_linkage (for cosine, through
// scipy.cluster.hierarchy.linkage) both grow the tree from sample 0, keep for every sample
// outside it the least distance to the tree, and add the lowest-indexed sample at the least
// such distance. The edges, sorted by weight, are the single-linkage merges.
//
// The samples outside the tree are kept packed feature by feature in increasing index order
// (ties keep their order), and moved together when half of them have joined.

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "cluster/agglomerative_tree.hpp"
#include "fitkit/core/progress.hpp"

namespace fitkit::detail {

std::vector<Merge> single_linkage_merges(const Matrix& X, AgglomerativeMetric metric) {
  constexpr Index kBlock = 256;
  const Index n = X.n_rows, d = X.n_cols;
  std::vector<Merge> merges;
  merges.reserve(n - 1);
  Vector norms;
  if (metric == AgglomerativeMetric::cosine) norms = arma::sqrt(arma::sum(arma::square(X), 1));
  // Packed entries: the samples not yet in the tree (and some that joined since the last
  // compaction, marked by `sample` == n), feature k at column k.
  Matrix packed = X;
  std::vector<Index> sample(n);
  std::vector<double> least(n, std::numeric_limits<double>::infinity());
  std::vector<double> norm(n, 0.0);
  for (Index i = 0; i < n; ++i) {
    sample[i] = i;
    if (!norms.is_empty()) norm[i] = norms(i);
  }
  Index m = n, outside = n;
  std::vector<double> acc(kBlock), current(d);
  Index current_sample = 0, current_position = 0;
  Progress progress("AgglomerativeClustering", n - 1);
  for (Index step = 0; step + 1 < n; ++step) {
    sample[current_position] = n;  // joins the tree
    --outside;
    for (Index k = 0; k < d; ++k) current[k] = X(current_sample, k);
    const double current_norm = norms.is_empty() ? 0.0 : norms(current_sample);
    double best = std::numeric_limits<double>::infinity();
    Index best_position = 0;
    bool found = false;
    for (Index start = 0; start < m; start += kBlock) {
      const Index len = std::min(kBlock, m - start);
      std::fill(acc.begin(), acc.begin() + len, 0.0);
      for (Index k = 0; k < d; ++k) {
        const double* col = packed.colptr(k) + start;
        const double c = current[k];
        switch (metric) {
          case AgglomerativeMetric::euclidean:
            for (Index i = 0; i < len; ++i) {
              const double t = c - col[i];
              acc[i] += t * t;
            }
            break;
          case AgglomerativeMetric::manhattan:
            for (Index i = 0; i < len; ++i) acc[i] += std::abs(c - col[i]);
            break;
          case AgglomerativeMetric::cosine:
            for (Index i = 0; i < len; ++i) acc[i] += c * col[i];
            break;
        }
      }
      for (Index i = 0; i < len; ++i) {
        const Index p = start + i;
        if (sample[p] == n) continue;
        double dist = acc[i];
        if (metric == AgglomerativeMetric::euclidean) {
          dist = std::sqrt(dist);
        } else if (metric == AgglomerativeMetric::cosine) {
          dist = 1.0 - std::clamp(dist / (current_norm * norm[p]), -1.0, 1.0);
        }
        if (dist < least[p]) least[p] = dist;
        // The first sample outside seeds the minimum (scikit-learn's starts at infinity, which
        // is the same unless a distance overflows to infinity).
        if (!found || least[p] < best) {
          best = least[p];
          best_position = p;
          found = true;
        }
      }
    }
    const Index next = sample[best_position];
    merges.push_back({current_sample, next, best});
    current_sample = next;
    current_position = best_position;
    if (outside * 2 < m && m > 2 * kBlock) {
      // Move the samples still outside to the front, in order (the next one included).
      Index write = 0;
      for (Index p = 0; p < m; ++p) {
        if (sample[p] == n) continue;
        if (p == current_position) current_position = write;
        if (write != p) {
          for (Index k = 0; k < d; ++k) packed(write, k) = packed(p, k);
          sample[write] = sample[p];
          least[write] = least[p];
          norm[write] = norm[p];
        }
        ++write;
      }
      m = write;
    }
    progress.update(step + 1);
  }
  progress.finish();
  return merges;
}

}  // namespace fitkit::detail
