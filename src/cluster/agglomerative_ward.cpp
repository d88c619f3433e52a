// Ward linkage by the nearest-neighbour chain (Murtagh 1983; Müllner, "fastcluster", J. Stat.
// Softw. 2013) on cluster sizes and centroids, in O(n d) memory.
//
// scipy's ward (which scikit-learn calls) runs the chain on the condensed matrix of Euclidean
// distances with the Lance-Williams update; that matrix is n (n - 1) / 2 doubles (1.6 GB at
// 20,000 samples, twice that while scipy copies it) and every update walks it with cache
// misses. The Lance-Williams Ward distance between clusters A and B is
//     d(A, B) = sqrt(2 |A| |B| / (|A| + |B|)) ||mean A - mean B||,
// so the chain can instead find nearest neighbours from the centroids, and a merge only
// replaces one centroid by the size-weighted mean of two. The search compares
// |A| |B| / (|A| + |B|) ||mean A - mean B||^2 (the same order), and the merge records
// sqrt(2 x that), scipy's distance.
//
// The chain follows scipy's nn_chain step for step, so that merges tied at exactly the same
// distance come out as scipy's: it starts from the lowest active slot, prefers the previous
// element of the chain, otherwise takes the lowest slot at the least distance, and a merge of
// slots x < y leaves the new cluster in slot y.
//
// Active clusters are kept packed, feature by feature (an n x d column-major block, like X),
// in increasing slot order: a search streams each feature once over the active clusters. When
// half the packed entries are merged away, the survivors are moved together (keeping order).

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include "cluster/agglomerative_tree.hpp"
#include "fitkit/core/progress.hpp"

namespace fitkit::detail {
namespace {

class CentroidChain {
 public:
  explicit CentroidChain(const Matrix& X)
      : d_(X.n_cols),
        m_(X.n_rows),
        centroids_(X),
        size_(X.n_rows, 1.0),
        slot_(X.n_rows),
        acc_(kBlock),
        cx_(X.n_cols) {
    for (Index p = 0; p < m_; ++p) slot_[p] = p;
  }

  std::vector<Merge> run() {
    const Index n = m_;
    std::vector<Merge> merges;
    merges.reserve(n > 0 ? n - 1 : 0);
    std::vector<Index> chain;  // packed positions
    chain.reserve(n);
    Index active = n;
    Progress progress("AgglomerativeClustering", n > 0 ? n - 1 : 0);
    for (Index k = 0; k + 1 < n; ++k) {
      if (chain.empty()) chain.push_back(first_active());
      Index x = 0, y = 0;
      double best = 0;
      for (;;) {
        x = chain.back();
        const bool has_prev = chain.size() > 1;
        const Index prev = has_prev ? chain[chain.size() - 2] : 0;
        const auto [nearest, value] = nearest_to(x, has_prev ? prev : x);
        y = nearest;
        best = value;
        if (has_prev && y == prev) break;
        chain.push_back(y);
      }
      chain.resize(chain.size() - 2);
      if (x > y) std::swap(x, y);  // positions keep slot order
      merges.push_back({slot_[x], slot_[y], std::sqrt(2.0 * best)});
      merge_into(x, y);
      --active;
      if (active * 2 < m_ && m_ > 2 * kBlock) compact(chain);
      progress.update(k + 1);
    }
    progress.finish();
    return merges;
  }

 private:
  static constexpr Index kBlock = 256;

  double* feature(Index k) { return centroids_.colptr(k); }

  Index first_active() const {
    for (Index p = 0; p < m_; ++p)
      if (size_[p] > 0) return p;
    return 0;
  }

  // The active cluster nearest to x (other than x): `prev` (when not x) wins ties, then the
  // lowest position. Returns it and |x||p| / (|x| + |p|) ||c_x - c_p||^2.
  std::pair<Index, double> nearest_to(Index x, Index prev) {
    const double nx = size_[x];
    Index best_p = prev;
    double best = std::numeric_limits<double>::infinity();
    double* cx = cx_.data();
    for (Index k = 0; k < d_; ++k) cx[k] = centroids_(x, k);
    if (prev != x) best = ward_value(x, prev, cx);
    double* acc = acc_.data();
    for (Index start = 0; start < m_; start += kBlock) {
      const Index len = std::min(kBlock, m_ - start);
      std::fill(acc, acc + len, 0.0);
      for (Index k = 0; k < d_; ++k) {
        const double* col = feature(k) + start;
        const double c = cx[k];
        for (Index i = 0; i < len; ++i) {
          const double t = col[i] - c;
          acc[i] += t * t;
        }
      }
      const double* sizes = size_.data() + start;
      for (Index i = 0; i < len; ++i) {
        const double np = sizes[i];
        if (np == 0 || start + i == x) continue;
        const double value = nx * np / (nx + np) * acc[i];
        if (value < best) {
          best = value;
          best_p = start + i;
        }
      }
    }
    return {best_p, best};
  }

  double ward_value(Index x, Index p, const double* cx) {
    double s = 0;
    for (Index k = 0; k < d_; ++k) {
      const double t = centroids_(p, k) - cx[k];
      s += t * t;
    }
    return size_[x] * size_[p] / (size_[x] + size_[p]) * s;
  }

  // Cluster x joins cluster y, which takes their mean; x is left empty.
  void merge_into(Index x, Index y) {
    const double nx = size_[x], ny = size_[y], total = nx + ny;
    for (Index k = 0; k < d_; ++k) {
      double* col = feature(k);
      col[y] = (nx * col[x] + ny * col[y]) / total;
    }
    size_[y] = total;
    size_[x] = 0;
  }

  // Moves the active clusters to the front, in order, and renumbers the chain's positions.
  void compact(std::vector<Index>& chain) {
    std::vector<Index> new_position(m_, 0);
    Index next = 0;
    for (Index p = 0; p < m_; ++p) {
      if (size_[p] == 0) continue;
      new_position[p] = next;
      if (next != p) {
        for (Index k = 0; k < d_; ++k) feature(k)[next] = feature(k)[p];
        size_[next] = size_[p];
        slot_[next] = slot_[p];
      }
      ++next;
    }
    // Each feature's column keeps its stride (the matrix's row count); only m_ shrinks.
    m_ = next;
    for (Index& p : chain) p = new_position[p];
  }

  Index d_;
  Index m_;           // packed entries in use (active or merged away since the last compaction)
  Matrix centroids_;  // row p: the centroid at packed position p
  std::vector<double> size_;  // 0: merged away
  std::vector<Index> slot_;   // scipy's slot of each packed position
  std::vector<double> acc_;   // one block's squared distances
  std::vector<double> cx_;    // the centroid searched from
};

}  // namespace

std::vector<Merge> ward_merges(const Matrix& X) {
  return CentroidChain(X).run();
}

}  // namespace fitkit::detail
