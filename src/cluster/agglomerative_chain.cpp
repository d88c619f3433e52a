// Complete and average linkage by the nearest-neighbour chain on the condensed distance matrix,
// as scipy.cluster.hierarchy.linkage (its nn_chain), which scikit-learn calls for them.
//
// These linkages have no shortcut through centroids: the distance between two clusters depends
// on every pair of their members, so the n (n - 1) / 2 pairwise distances are stored (in
// double: rounding them to float would reorder close merges) and updated by Lance-Williams
// (complete: the larger of the two; average: their size-weighted mean, computed as scipy
// does). The chain follows scipy's step for step: it starts from the lowest active slot,
// prefers the previous element of the chain, otherwise takes the lowest slot at the least
// distance, and a merge of slots x < y leaves the new cluster in slot y.

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <new>
#include <string>
#include <vector>

#include "cluster/agglomerative_tree.hpp"
#include "core/parallel.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/progress.hpp"

namespace fitkit::detail {

double pair_distance(const double* a, const double* b, Index features, AgglomerativeMetric metric,
                     double norm_a, double norm_b) {
  double s = 0;
  switch (metric) {
    case AgglomerativeMetric::euclidean:
      for (Index k = 0; k < features; ++k) {
        const double t = a[k] - b[k];
        s += t * t;
      }
      return std::sqrt(s);
    case AgglomerativeMetric::manhattan:
      for (Index k = 0; k < features; ++k) s += std::abs(a[k] - b[k]);
      return s;
    case AgglomerativeMetric::cosine: {
      for (Index k = 0; k < features; ++k) s += a[k] * b[k];
      // As scipy's: the similarity kept within [-1, 1] before it is taken from 1.
      const double similarity = std::clamp(s / (norm_a * norm_b), -1.0, 1.0);
      return 1.0 - similarity;
    }
  }
  return s;
}

namespace {

// Index of (i, j), i < j, in the condensed matrix of n samples.
inline std::size_t condensed(std::size_t n, std::size_t i, std::size_t j) {
  return n * i - i * (i + 1) / 2 + (j - i - 1);
}

std::vector<double> condensed_distances(const Matrix& X, AgglomerativeMetric metric) {
  const std::size_t n = X.n_rows, d = X.n_cols;
  const std::size_t pairs = n * (n - 1) / 2;
  std::vector<double> D;
  try {
    D.resize(pairs);
  } catch (const std::bad_alloc&) {
    throw Error(
        "AgglomerativeClustering: complete and average linkage store every pairwise "
        "distance, " +
        std::to_string(pairs) + " doubles (" +
        std::to_string(static_cast<double>(pairs) * 8 / 1e9) + " GB) for " + std::to_string(n) +
        " samples, and that memory is not available (ward and single linkage need none)");
  }
  const Matrix Xt = X.t();  // samples contiguous
  Vector norms;
  if (metric == AgglomerativeMetric::cosine) {
    norms.set_size(n);
    for (std::size_t i = 0; i < n; ++i) norms(i) = std::sqrt(arma::dot(Xt.col(i), Xt.col(i)));
  }
  const double work = static_cast<double>(pairs) * static_cast<double>(d) * kFlopNanoseconds * 4;
  const int threads = threads_for(work, static_cast<double>(n));
  const long long rows = static_cast<long long>(n);
#pragma omp parallel for num_threads(threads) schedule(dynamic, 16)
  for (long long ii = 0; ii < rows; ++ii) {
    const auto i = static_cast<std::size_t>(ii);
    const double* a = Xt.colptr(i);
    const double na = norms.is_empty() ? 0.0 : norms(i);
    double* out = D.data() + (i + 1 < n ? condensed(n, i, i + 1) : 0);
    for (std::size_t j = i + 1; j < n; ++j)
      out[j - i - 1] =
          pair_distance(a, Xt.colptr(j), d, metric, na, norms.is_empty() ? 0.0 : norms(j));
  }
  return D;
}

}  // namespace

std::vector<Merge> condensed_chain_merges(const Matrix& X, Linkage linkage,
                                          AgglomerativeMetric metric) {
  const std::size_t n = X.n_rows;
  std::vector<double> D = condensed_distances(X, metric);
  const auto at = [&](std::size_t i, std::size_t j) -> double& {
    return i < j ? D[condensed(n, i, j)] : D[condensed(n, j, i)];
  };
  std::vector<double> size(n, 1.0);
  std::vector<std::size_t> active(n);  // the active slots, in increasing order
  for (std::size_t i = 0; i < n; ++i) active[i] = i;
  std::vector<std::size_t> chain;
  chain.reserve(n);
  std::vector<Merge> merges;
  merges.reserve(n - 1);
  Progress progress("AgglomerativeClustering", n - 1);
  for (std::size_t k = 0; k + 1 < n; ++k) {
    if (chain.empty()) chain.push_back(active.front());
    std::size_t x = 0, y = 0;
    double current_min = 0;
    for (;;) {
      x = chain.back();
      const bool has_prev = chain.size() > 1;
      if (has_prev) {
        y = chain[chain.size() - 2];
        current_min = at(x, y);
      } else {
        current_min = std::numeric_limits<double>::infinity();
      }
      for (const std::size_t i : active) {
        if (i == x) continue;
        const double dist = at(x, i);
        if (dist < current_min) {
          current_min = dist;
          y = i;
        }
      }
      if (has_prev && y == chain[chain.size() - 2]) break;
      chain.push_back(y);
    }
    chain.resize(chain.size() - 2);
    if (x > y) std::swap(x, y);
    const double nx = size[x], ny = size[y];
    merges.push_back({x, y, current_min});
    size[x] = 0;
    size[y] = nx + ny;
    active.erase(std::lower_bound(active.begin(), active.end(), x));
    for (const std::size_t i : active) {
      if (i == y) continue;
      const double d_xi = at(i, x), d_yi = at(i, y);
      at(i, y) =
          linkage == Linkage::complete ? std::max(d_xi, d_yi) : (nx * d_xi + ny * d_yi) / (nx + ny);
    }
    progress.update(k + 1);
  }
  progress.finish();
  return merges;
}

}  // namespace fitkit::detail
