// DBSCAN in memory that grows with n (ALGORITHMS.md, "DBSCAN in O(n) memory"): no
// neighbourhood is ever stored.
//
//   pass 1  core samples: the (weighted) count of each point's neighbours, stopped at
//           min_samples;
//   pass 2  clusters: a union-find over core samples within eps of each other (concurrent,
//           linking the larger root under the smaller, so a root is its set's least member);
//   pass 3  labels: clusters numbered by their lowest-index core sample, and each border point
//           given the lowest-numbered cluster among its core neighbours.
//
// That is scikit-learn's answer label for label: its dbscan_inner takes core samples in index
// order and labels each one's whole cluster (the cluster numbers follow the lowest core index),
// a border point going to the first cluster whose expansion reaches it, the lowest-numbered of
// those within eps of it.
//
// For up to three features the points are sorted into a uniform grid whose cells have a
// diameter just under eps (side eps / d^(1/p)), so the points of one cell are all neighbours:
// a cell holding min_samples makes every point in it core, the core samples of a cell are one
// cluster (pass 2 joins cells, not points, stopping at the first pair within eps), and a border
// point checks a neighbouring cell only when its cluster would lower the point's label (Gan &
// Tao, SIGMOD 2015, for the cells). Cells are found by binary search in the sorted cell keys,
// one search per row of neighbouring cells, so empty space costs nothing.

#include "cluster/dbscan_search.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <exception>
#include <limits>
#include <numeric>
#include <utility>
#include <vector>

#include "core/parallel.hpp"
#include "fitkit/core/progress.hpp"
#include "fitkit/neighbors/kd_tree.hpp"

namespace fitkit::detail {
namespace {

// ---- metrics, in scikit-learn's reduced form --------------------------------------------------

struct Euclidean {
  static constexpr double kInverse = 2;  // the grid's side is eps / d^(1 / kInverse)
  double term(double t) const { return t * t; }
  static double combine(double acc, double v) { return acc + v; }
};
struct Manhattan {
  double term(double t) const { return std::fabs(t); }
  static double combine(double acc, double v) { return acc + v; }
};
struct Chebyshev {
  double term(double t) const { return std::fabs(t); }
  static double combine(double acc, double v) { return std::max(acc, v); }
};
struct Minkowski {
  double p = 3;
  double term(double t) const { return std::pow(std::fabs(t), p); }
  static double combine(double acc, double v) { return acc + v; }
};

template <class M>
inline double rdist(const M& metric, const double* a, const double* b, Index d) {
  double acc = 0;
  for (Index j = 0; j < d; ++j) acc = M::combine(acc, metric.term(a[j] - b[j]));
  return acc;
}

// eps in reduced form, as scikit-learn's _dist_to_rdist.
double reduced_eps(DistanceMetric metric, double eps, double p) {
  switch (metric) {
    case DistanceMetric::euclidean:
      return eps * eps;
    case DistanceMetric::minkowski:
      return std::pow(eps, p);
    default:
      return eps;
  }
}

// scikit-learn's own mapping: minkowski with p = 1 or 2 is manhattan or euclidean.
DistanceMetric effective_metric(DistanceMetric metric, double p) {
  if (metric == DistanceMetric::minkowski && p == 1) return DistanceMetric::manhattan;
  if (metric == DistanceMetric::minkowski && p == 2) return DistanceMetric::euclidean;
  return metric;
}

// The number of features that makes a cell's diameter eps: d^(1/p) (1 for chebyshev).
double diameter_factor(DistanceMetric metric, double p, Index d) {
  const auto n = static_cast<double>(d);
  switch (metric) {
    case DistanceMetric::euclidean:
      return std::sqrt(n);
    case DistanceMetric::manhattan:
      return n;
    case DistanceMetric::chebyshev:
      return 1;
    case DistanceMetric::minkowski:
      return std::pow(n, 1 / p);
  }
  return 1;
}

// Rows of X as contiguous points (d doubles each), in row order.
std::vector<double> rows_of(const Matrix& X) {
  const Index n = X.n_rows, d = X.n_cols;
  std::vector<double> pts(n * d);
  for (Index j = 0; j < d; ++j) {
    const double* col = X.colptr(j);
    for (Index i = 0; i < n; ++i) pts[i * d + j] = col[i];
  }
  return pts;
}

// ---- the union-find ---------------------------------------------------------------------------

class UnionFind {
 public:
  explicit UnionFind(Index n) : parent_(n) {
    for (Index i = 0; i < n; ++i) parent_[i].store(i, std::memory_order_relaxed);
  }
  Index find(Index x) {
    while (true) {
      Index p = parent_[x].load(std::memory_order_acquire);
      if (p == x) return x;
      const Index g = parent_[p].load(std::memory_order_acquire);
      if (g == p) return p;
      parent_[x].compare_exchange_weak(p, g, std::memory_order_acq_rel);  // path halving
      x = g;
    }
  }
  void unite(Index a, Index b) {
    while (true) {
      a = find(a);
      b = find(b);
      if (a == b) return;
      if (a < b) std::swap(a, b);
      Index expected = a;
      if (parent_[a].compare_exchange_strong(expected, b, std::memory_order_acq_rel)) return;
    }
  }
  // Single-threaded, before any unite: x joins root (a smaller index).
  void link_unshared(Index x, Index root) { parent_[x].store(root, std::memory_order_relaxed); }

 private:
  std::vector<std::atomic<Index>> parent_;
};

// The bar of a fit's three passes (fitkit/core/progress.hpp: drawn only on a terminal), counted
// in the items the passes run over (cells, or points). Every thread adds what it has done, a
// chunk at a time; only the first thread draws, as Progress is not thread-safe.
class FitProgress {
 public:
  explicit FitProgress(Index items_per_pass) : bar_("DBSCAN", 3 * items_per_pass) {}
  void add(std::size_t items) {
    const std::size_t done = done_.fetch_add(items, std::memory_order_relaxed) + items;
    if (omp_get_thread_num() == 0) bar_.update(done);
  }
  void finish() { bar_.finish(); }

 private:
  Progress bar_;
  std::atomic<std::size_t> done_{0};
};

constexpr long long kChunk = 64;  // items a thread takes at once

// Runs body(i) for i in [0, n) on the threads the work is worth; rethrows the first failure.
// With a progress, each chunk done is added to it (a chunk ends at an i of kChunk - 1 mod kChunk,
// the rest of the last one after the loop).
template <class Body>
void parallel_for(Index n, double nanoseconds_each, FitProgress* progress, Body&& body) {
  const int threads =
      threads_for(nanoseconds_each * static_cast<double>(n), static_cast<double>(n));
  const auto count = static_cast<long long>(n);
  std::exception_ptr failure;
  std::atomic<bool> failed{false};
#pragma omp parallel for schedule(dynamic, kChunk) num_threads(threads)
  for (long long i = 0; i < count; ++i) {
    if (failed.load(std::memory_order_relaxed)) continue;
    try {
      body(static_cast<Index>(i));
    } catch (...) {
#pragma omp critical(fitkit_dbscan_failure)
      if (!failure) failure = std::current_exception();
      failed = true;
    }
    if (progress != nullptr && i % kChunk == kChunk - 1) progress->add(kChunk);
  }
  if (failure) std::rethrow_exception(failure);
  if (progress != nullptr) progress->add(static_cast<std::size_t>(count % kChunk));
}

// Cluster numbers for the core samples: sets of the union-find numbered in the order of their
// lowest original index; `original` maps a position to its row.
template <class Original>
void number_clusters(UnionFind& sets, const std::vector<std::uint8_t>& core, Index n,
                     const Original& original, std::vector<std::int64_t>& label) {
  std::vector<Index> least(n, std::numeric_limits<Index>::max());
  for (Index k = 0; k < n; ++k)
    if (core[k]) {
      const Index root = sets.find(k);
      least[root] = std::min(least[root], original(k));
    }
  std::vector<std::pair<Index, Index>> roots;  // (least row, root)
  for (Index k = 0; k < n; ++k)
    if (core[k] && sets.find(k) == k) roots.emplace_back(least[k], k);
  std::sort(roots.begin(), roots.end());
  std::vector<std::int64_t> number(n, -1);
  for (std::size_t c = 0; c < roots.size(); ++c)
    number[roots[c].second] = static_cast<std::int64_t>(c);
  for (Index k = 0; k < n; ++k)
    if (core[k]) label[k] = number[sets.find(k)];
}

// ---- the grid ---------------------------------------------------------------------------------

constexpr double kMaxCellsPerSide = 16777216;  // 2^24
constexpr double kSideShrink = 1 - 1e-6;       // a cell's diameter stays below eps
constexpr double kMargin = 1e-7;               // in cells: rounding in a point's cell

template <class M>
class Grid {
 public:
  // X: n x d (d <= 3). Points are stored in cell order; order_[k] is the row of position k.
  Grid(const Matrix& X, const M& metric, double eps, double threshold, double diameter)
      : metric_(metric), threshold_(threshold), n_(X.n_rows), d_(X.n_cols) {
    side_ = eps / diameter * kSideShrink;
    reach_ = static_cast<std::int64_t>(std::floor(diameter / kSideShrink + 1e-6)) + 1;
    std::uint64_t stride = 1;
    for (Index j = 0; j < d_; ++j) {
      lo_[j] = X.col(j).min();
      cells_[j] = static_cast<std::int64_t>(std::floor((X.col(j).max() - lo_[j]) / side_)) + 1;
      stride_[j] = stride;
      stride *= static_cast<std::uint64_t>(cells_[j]);
    }
    std::vector<std::pair<std::uint64_t, Index>> keyed(n_);
    for (Index i = 0; i < n_; ++i) {
      std::uint64_t key = 0;
      for (Index j = 0; j < d_; ++j)
        key += stride_[j] * static_cast<std::uint64_t>(cell_of(X(i, j), j));
      keyed[i] = {key, i};
    }
    std::sort(keyed.begin(), keyed.end());
    pts_.resize(n_ * d_);
    order_.resize(n_);
    for (Index k = 0; k < n_; ++k) {
      const Index i = keyed[k].second;
      order_[k] = i;
      for (Index j = 0; j < d_; ++j) pts_[k * d_ + j] = X(i, j);
      if (k == 0 || keyed[k].first != keyed[k - 1].first) {
        key_.push_back(keyed[k].first);
        start_.push_back(k);
      }
    }
    start_.push_back(n_);
    coord_.resize(key_.size() * d_);
    for (Index c = 0; c < key_.size(); ++c)
      for (Index j = 0; j < d_; ++j)
        coord_[c * d_ + j] =
            static_cast<std::int64_t>(key_[c] / stride_[j] % static_cast<std::uint64_t>(cells_[j]));
  }

  Index size() const { return n_; }
  Index n_cells() const { return key_.size(); }
  Index cell_begin(Index c) const { return start_[c]; }
  Index cell_end(Index c) const { return start_[c + 1]; }
  const double* point(Index k) const { return pts_.data() + k * d_; }
  Index original(Index k) const { return order_[k]; }
  bool within(Index a, const double* q) const {
    return rdist(metric_, point(a), q, d_) <= threshold_;
  }

  // The cells whose box may hold a point within eps of cell c's (all of them for c itself).
  void cells_near_cell(Index c, std::vector<Index>& out) const {
    out.clear();
    for_each_cell_near(&coord_[c * d_], [&](Index other) {
      double lb = 0;
      for (Index j = 0; j < d_; ++j) {
        const double gap =
            static_cast<double>(std::llabs(coord_[other * d_ + j] - coord_[c * d_ + j]) - 1) -
            2 * kMargin;
        lb = M::combine(lb, metric_.term(gap > 0 ? gap * side_ : 0.0));
      }
      if (lb <= threshold_) out.push_back(other);
    });
  }

  // The cells near an arbitrary point q (false if none can hold a neighbour of q).
  bool cells_near_point(const double* q, std::vector<Index>& out) const {
    out.clear();
    std::int64_t cc[3] = {0, 0, 0};
    for (Index j = 0; j < d_; ++j) {
      const double u = std::floor((q[j] - lo_[j]) / side_);
      if (!(u >= static_cast<double>(-reach_ - 1) && u <= static_cast<double>(cells_[j] + reach_)))
        return false;
      cc[j] = static_cast<std::int64_t>(u);
    }
    for_each_cell_near(cc, [&](Index other) { out.push_back(other); });
    return true;
  }

  // A lower bound on the reduced distance from q to any point of cell c.
  double lower_bound(const double* q, Index c) const {
    double lb = 0;
    for (Index j = 0; j < d_; ++j) {
      const double u = (q[j] - lo_[j]) / side_;
      const auto cj = static_cast<double>(coord_[c * d_ + j]);
      const double gap = std::max({cj - u - kMargin, u - (cj + 1) - kMargin, 0.0});
      lb = M::combine(lb, metric_.term(gap * side_));
    }
    return lb;
  }
  bool may_hold_neighbour(const double* q, Index c) const {
    return lower_bound(q, c) <= threshold_;
  }

 private:
  std::int64_t cell_of(double x, Index j) const {
    const auto c = static_cast<std::int64_t>(std::floor((x - lo_[j]) / side_));
    return std::clamp<std::int64_t>(c, 0, cells_[j] - 1);
  }

  // f(cell) for every non-empty cell within reach_ of the cell coordinates cc, one binary
  // search per row along the first feature.
  template <class F>
  void for_each_cell_near(const std::int64_t* cc, F&& f) const {
    const std::int64_t lo0 = std::max<std::int64_t>(cc[0] - reach_, 0);
    const std::int64_t hi0 = std::min<std::int64_t>(cc[0] + reach_, cells_[0] - 1);
    if (lo0 > hi0) return;
    const std::int64_t span1 = d_ >= 2 ? reach_ : 0, span2 = d_ >= 3 ? reach_ : 0;
    for (std::int64_t o2 = -span2; o2 <= span2; ++o2) {
      std::uint64_t base2 = 0;
      if (d_ >= 3) {
        const std::int64_t c2 = cc[2] + o2;
        if (c2 < 0 || c2 >= cells_[2]) continue;
        base2 = static_cast<std::uint64_t>(c2) * stride_[2];
      }
      for (std::int64_t o1 = -span1; o1 <= span1; ++o1) {
        std::uint64_t base = base2;
        if (d_ >= 2) {
          const std::int64_t c1 = cc[1] + o1;
          if (c1 < 0 || c1 >= cells_[1]) continue;
          base += static_cast<std::uint64_t>(c1) * stride_[1];
        }
        const std::uint64_t first = base + static_cast<std::uint64_t>(lo0);
        const std::uint64_t last = base + static_cast<std::uint64_t>(hi0);
        auto it = std::lower_bound(key_.begin(), key_.end(), first);
        for (; it != key_.end() && *it <= last; ++it) f(static_cast<Index>(it - key_.begin()));
      }
    }
  }

  M metric_;
  double threshold_;
  Index n_, d_;
  double side_ = 1;
  std::int64_t reach_ = 1;
  double lo_[3] = {0, 0, 0};
  std::int64_t cells_[3] = {1, 1, 1};
  std::uint64_t stride_[3] = {1, 1, 1};
  std::vector<double> pts_;
  std::vector<Index> order_;
  std::vector<std::uint64_t> key_;  // the non-empty cells, increasing
  std::vector<Index> start_;        // their first positions; start_[n_cells] = n
  std::vector<std::int64_t> coord_;
};

template <class M>
DbscanResult grid_dbscan(const Matrix& X, const Vector* weight, const DbscanSettings& s,
                         const M& metric, double threshold) {
  const Grid<M> grid(X, metric, s.eps, threshold,
                     diameter_factor(effective_metric(s.metric, s.p), s.p, X.n_cols));
  const Index n = grid.size(), d = X.n_cols, cells = grid.n_cells();
  auto w = [&](Index k) { return weight ? (*weight)(grid.original(k)) : 1.0; };
  const double need = s.min_samples;
  const double per_cell = static_cast<double>(n) / static_cast<double>(cells);  // points
  FitProgress progress(cells);

  // Pass 1: core samples.
  std::vector<std::uint8_t> core(n, 0);
  parallel_for(cells, 60.0 * per_cell, &progress, [&](Index c) {
    const Index b = grid.cell_begin(c), e = grid.cell_end(c);
    double inside = 0;
    for (Index k = b; k < e; ++k) inside += w(k);
    if (inside >= need) {
      std::fill(core.begin() + static_cast<std::ptrdiff_t>(b),
                core.begin() + static_cast<std::ptrdiff_t>(e), 1);
      return;
    }
    std::vector<Index> near;
    grid.cells_near_cell(c, near);
    for (Index k = b; k < e; ++k) {
      const double* q = grid.point(k);
      double total = 0;
      for (const Index other : near) {
        if (!grid.may_hold_neighbour(q, other)) continue;
        for (Index m = grid.cell_begin(other); m < grid.cell_end(other); ++m)
          if (grid.within(m, q)) {
            total += w(m);
            if (total >= need) break;
          }
        if (total >= need) break;
      }
      core[k] = total >= need;
    }
  });

  // Pass 2: the core samples of a cell are one set; cells join at their first pair within eps.
  UnionFind sets(n);
  std::vector<Index> first_core(cells, n);
  for (Index c = 0; c < cells; ++c)
    for (Index k = grid.cell_begin(c); k < grid.cell_end(c); ++k)
      if (core[k]) {
        if (first_core[c] == n)
          first_core[c] = k;
        else
          sets.link_unshared(k, first_core[c]);
      }
  parallel_for(cells, 200.0 * per_cell, &progress, [&](Index c) {
    if (first_core[c] == n) return;
    std::vector<Index> near;
    grid.cells_near_cell(c, near);
    for (const Index other : near) {
      if (other <= c || first_core[other] == n) continue;
      if (sets.find(first_core[c]) == sets.find(first_core[other])) continue;
      bool joined = false;
      for (Index a = first_core[c]; a < grid.cell_end(c) && !joined; ++a) {
        if (!core[a] || !grid.may_hold_neighbour(grid.point(a), other)) continue;
        for (Index b = first_core[other]; b < grid.cell_end(other); ++b)
          if (core[b] && grid.within(b, grid.point(a))) {
            joined = true;
            break;
          }
      }
      if (joined) sets.unite(first_core[c], first_core[other]);
    }
  });

  // Pass 3: cluster numbers, then border points.
  std::vector<std::int64_t> label(n, -1);
  number_clusters(
      sets, core, n, [&](Index k) { return grid.original(k); }, label);
  std::vector<std::int64_t> cell_label(cells, -1);
  for (Index c = 0; c < cells; ++c)
    if (first_core[c] < n) cell_label[c] = label[first_core[c]];
  parallel_for(cells, 60.0 * per_cell, &progress, [&](Index c) {
    std::vector<Index> near;
    bool listed = false;
    for (Index k = grid.cell_begin(c); k < grid.cell_end(c); ++k) {
      if (core[k]) continue;
      if (!listed) {
        grid.cells_near_cell(c, near);
        listed = true;
      }
      const double* q = grid.point(k);
      // A core sample in the point's own cell is within eps.
      std::int64_t best =
          cell_label[c] >= 0 ? cell_label[c] : std::numeric_limits<std::int64_t>::max();
      for (const Index other : near) {
        if (cell_label[other] < 0 || cell_label[other] >= best) continue;
        if (!grid.may_hold_neighbour(q, other)) continue;
        for (Index m = first_core[other]; m < grid.cell_end(other); ++m)
          if (core[m] && grid.within(m, q)) {
            best = cell_label[other];
            break;
          }
      }
      if (best != std::numeric_limits<std::int64_t>::max()) label[k] = best;
    }
  });
  progress.finish();
  (void)d;

  DbscanResult result;
  result.labels.set_size(n);
  std::vector<Index> core_rows;
  for (Index k = 0; k < n; ++k) {
    result.labels(grid.original(k)) = label[k];
    if (core[k]) core_rows.push_back(grid.original(k));
  }
  std::sort(core_rows.begin(), core_rows.end());
  result.core_indices = arma::uvec(core_rows.size());
  std::copy(core_rows.begin(), core_rows.end(), result.core_indices.begin());
  return result;
}

// ---- every pair, or a kd-tree: the same passes point by point ---------------------------------

// Points in row order; for_each_within(q, f) calls f(row) for rows within eps of q until f
// returns true.
template <class M>
class Brute {
 public:
  Brute(const Matrix& X, const M& metric, double threshold)
      : metric_(metric), threshold_(threshold), n_(X.n_rows), d_(X.n_cols), pts_(rows_of(X)) {}
  Index size() const { return n_; }
  const double* point(Index k) const { return pts_.data() + k * d_; }
  template <class F>
  void for_each_within(const double* q, F&& f) const {
    for (Index m = 0; m < n_; ++m)
      if (rdist(metric_, q, point(m), d_) <= threshold_ && f(m)) return;
  }

 private:
  M metric_;
  double threshold_;
  Index n_, d_;
  std::vector<double> pts_;
};

// The shared kd-tree (src/neighbors/kd_tree.cpp), which compares reduced distances as
// scikit-learn's does; minkowski with p = 1 or 2 asked as manhattan or euclidean, as there.
class TreeSearch {
 public:
  TreeSearch(const Matrix& X, const DbscanSettings& s)
      : eps_(s.eps),
        n_(X.n_rows),
        d_(X.n_cols),
        pts_(rows_of(X)),
        tree_(X,
              KDTreeOptions{
                  .metric = effective_metric(s.metric, s.p), .p = s.p, .leaf_size = s.leaf_size}) {}
  Index size() const { return n_; }
  const double* point(Index k) const { return pts_.data() + k * d_; }
  template <class F>
  void for_each_within(const double* q, F&& f) const {
    bool stopped = false;
    tree_.for_each_within(q, eps_, [&](Index m, double) {
      if (!stopped && f(m)) stopped = true;
    });
  }
  Index count_within(const double* q, Index stop_at) const {
    return tree_.count_within(q, eps_, stop_at);
  }

 private:
  double eps_;
  Index n_, d_;
  std::vector<double> pts_;
  KDTree tree_;
};

template <class Search>
DbscanResult pointwise_dbscan(const Search& search, const Vector* weight, const DbscanSettings& s) {
  const Index n = search.size();
  const double need = s.min_samples;
  std::vector<std::uint8_t> core(n, 0);
  const double per_point = 5.0 * static_cast<double>(std::min<Index>(n, 1000));
  FitProgress progress(n);
  parallel_for(n, per_point, &progress, [&](Index k) {
    if constexpr (requires { search.count_within(search.point(k), k); }) {
      if (weight == nullptr) {
        const auto stop_at = static_cast<Index>(need);
        core[k] = search.count_within(search.point(k), stop_at) >= stop_at;
        return;
      }
    }
    double total = 0;
    search.for_each_within(search.point(k), [&](Index m) {
      total += weight ? (*weight)(m) : 1.0;
      return total >= need;
    });
    core[k] = total >= need;
  });
  UnionFind sets(n);
  parallel_for(n, per_point, &progress, [&](Index k) {
    if (!core[k]) return;
    search.for_each_within(search.point(k), [&](Index m) {
      if (m > k && core[m]) sets.unite(k, m);
      return false;
    });
  });
  std::vector<std::int64_t> label(n, -1);
  number_clusters(
      sets, core, n, [](Index k) { return k; }, label);
  parallel_for(n, per_point, &progress, [&](Index k) {
    if (core[k]) return;
    std::int64_t best = std::numeric_limits<std::int64_t>::max();
    search.for_each_within(search.point(k), [&](Index m) {
      if (core[m] && label[m] < best) best = label[m];
      return best == 0;
    });
    if (best != std::numeric_limits<std::int64_t>::max()) label[k] = best;
  });
  progress.finish();
  DbscanResult result;
  result.labels = Labels(n);
  std::copy(label.begin(), label.end(), result.labels.begin());
  std::vector<Index> core_rows;
  for (Index k = 0; k < n; ++k)
    if (core[k]) core_rows.push_back(k);
  result.core_indices = arma::uvec(core_rows.size());
  std::copy(core_rows.begin(), core_rows.end(), result.core_indices.begin());
  return result;
}

// ---- predict: the nearest core sample within eps
// -------------------------------------------------

template <class M>
Labels nearest_core(const Matrix& cores, const Labels& core_labels, const Matrix& Q,
                    const DbscanSettings& s, const M& metric, double threshold) {
  const Index m = Q.n_rows, d = Q.n_cols;
  Labels out(m);
  out.fill(-1);
  if (cores.n_rows == 0) return out;
  const std::vector<double> queries = rows_of(Q);
  // Keeps the lower (distance, row) pair.
  auto consider = [&](double& best, Index& best_row, const double* q, const double* x, Index row) {
    const double r = rdist(metric, q, x, d);
    if (r <= threshold && (r < best || (r == best && row < best_row))) {
      best = r;
      best_row = row;
    }
  };
  const bool grid = s.search == DbscanSearch::grid && grid_fits(cores, s);
  if (grid) {
    const Grid<M> index(cores, metric, s.eps, threshold,
                        diameter_factor(effective_metric(s.metric, s.p), s.p, d));
    parallel_for(m, 200, nullptr, [&](Index i) {
      const double* q = queries.data() + i * d;
      std::vector<Index> near;
      if (!index.cells_near_point(q, near)) return;
      double best = std::numeric_limits<double>::infinity();
      Index best_row = 0;
      for (const Index c : near) {
        if (!index.may_hold_neighbour(q, c)) continue;
        for (Index k = index.cell_begin(c); k < index.cell_end(c); ++k)
          consider(best, best_row, q, index.point(k), index.original(k));
      }
      if (std::isfinite(best)) out(i) = core_labels(best_row);
    });
    return out;
  }
  const std::vector<double> pts = rows_of(cores);
  if (s.search != DbscanSearch::brute) {
    const TreeSearch tree(cores, s);
    parallel_for(m, 200, nullptr, [&](Index i) {
      const double* q = queries.data() + i * d;
      double best = std::numeric_limits<double>::infinity();
      Index best_row = 0;
      tree.for_each_within(q, [&](Index k) {
        consider(best, best_row, q, pts.data() + k * d, k);
        return false;
      });
      if (std::isfinite(best)) out(i) = core_labels(best_row);
    });
    return out;
  }
  parallel_for(m, 2.0 * static_cast<double>(cores.n_rows * d), nullptr, [&](Index i) {
    const double* q = queries.data() + i * d;
    double best = std::numeric_limits<double>::infinity();
    Index best_row = 0;
    for (Index k = 0; k < cores.n_rows; ++k) consider(best, best_row, q, pts.data() + k * d, k);
    if (std::isfinite(best)) out(i) = core_labels(best_row);
  });
  return out;
}

// Calls f(metric, threshold) with the metric's functor.
template <class F>
auto with_metric(const DbscanSettings& s, F&& f) {
  const double threshold = reduced_eps(effective_metric(s.metric, s.p), s.eps, s.p);
  switch (effective_metric(s.metric, s.p)) {
    case DistanceMetric::euclidean:
      return f(Euclidean{}, threshold);
    case DistanceMetric::manhattan:
      return f(Manhattan{}, threshold);
    case DistanceMetric::chebyshev:
      return f(Chebyshev{}, threshold);
    case DistanceMetric::minkowski:
      break;
  }
  return f(Minkowski{s.p}, threshold);
}

}  // namespace

bool grid_fits(const Matrix& X, const DbscanSettings& s) {
  if (X.n_cols == 0 || X.n_cols > 3 || X.n_rows == 0) return false;
  const double side =
      s.eps / diameter_factor(effective_metric(s.metric, s.p), s.p, X.n_cols) * kSideShrink;
  double total = 1;
  for (Index j = 0; j < X.n_cols; ++j) {
    const double cells = std::floor((X.col(j).max() - X.col(j).min()) / side) + 1;
    if (!(cells <= kMaxCellsPerSide)) return false;
    total *= cells;
  }
  return total < 0x1p62;
}

DbscanResult run_dbscan(const Matrix& X, const Vector* sample_weight, const DbscanSettings& s) {
  return with_metric(s, [&](const auto& metric, double threshold) {
    if (s.search == DbscanSearch::grid && grid_fits(X, s))
      return grid_dbscan(X, sample_weight, s, metric, threshold);
    if (s.search != DbscanSearch::brute)
      return pointwise_dbscan(TreeSearch(X, s), sample_weight, s);
    return pointwise_dbscan(Brute(X, metric, threshold), sample_weight, s);
  });
}

Labels nearest_core_labels(const Matrix& cores, const Labels& core_labels, const Matrix& Q,
                           const DbscanSettings& s) {
  return with_metric(s, [&](const auto& metric, double threshold) {
    return nearest_core(cores, core_labels, Q, s, metric, threshold);
  });
}

}  // namespace fitkit::detail
