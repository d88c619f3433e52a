#include "cluster/minibatch_step.hpp"

#include <algorithm>
#include <numeric>

#include "cluster/kmeans_assign.hpp"

namespace fitkit::detail {
namespace {

// scikit-learn's random reassignment of centres with very low counts.
void reassign_small_centers(const Matrix& batch, Matrix& centers, Vector& counts, Random& rng,
                            double ratio) {
  const Index k = counts.n_elem, m = batch.n_cols;
  const double limit = ratio * counts.max();
  std::vector<bool> reassign(k);
  Index n_reassign = 0;
  for (Index c = 0; c < k; ++c) n_reassign += (reassign[c] = counts[c] < limit) ? 1 : 0;
  // At most half the batch: the centres of the largest counts keep theirs.
  const Index most = static_cast<Index>(0.5 * static_cast<double>(m));
  if (static_cast<double>(n_reassign) > 0.5 * static_cast<double>(m)) {
    std::vector<Index> order(k);
    std::iota(order.begin(), order.end(), Index{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](Index a, Index b) { return counts[a] < counts[b]; });
    for (Index r = most; r < k; ++r) reassign[order[r]] = false;
    n_reassign = std::min(n_reassign, most);
  }
  if (n_reassign > 0) {
    // Distinct samples of the batch, drawn uniformly (a partial Fisher-Yates shuffle).
    std::vector<Index> order(m);
    std::iota(order.begin(), order.end(), Index{0});
    Index next = 0;
    for (Index c = 0; c < k; ++c) {
      if (!reassign[c]) continue;
      std::swap(order[next], order[next + rng.uniform_index(m - next)]);
      centers.col(c) = batch.col(order[next]);
      ++next;
    }
  }
  // Reset the reassigned counts, but not so low that they are reassigned at once.
  double least_kept = arma::datum::inf;
  for (Index c = 0; c < k; ++c)
    if (!reassign[c]) least_kept = std::min(least_kept, counts[c]);
  for (Index c = 0; c < k; ++c)
    if (reassign[c]) counts[c] = least_kept;
}

}  // namespace

double minibatch_step(const Matrix& batch, const Vector& w, Matrix& centers, Vector& counts,
                      Random& rng, bool random_reassign, double reassignment_ratio) {
  const Index d = batch.n_rows, m = batch.n_cols, k = centers.n_cols;
  ClusterLabels labels;
  assign_labels(batch, w, centers, labels);
  const double inertia = kmeans_inertia(batch, w, centers, labels);
  // Every centre as the sum it stands for (the old centre times its count), then the batch's
  // samples added in order, as scikit-learn's update_center_dense.
  Matrix sums = centers.each_row() % counts.t();
  Vector batch_weight(k, arma::fill::zeros);
  for (Index i = 0; i < m; ++i) {
    const Index c = static_cast<Index>(labels[i]);
    const double* x = batch.colptr(i);
    double* s = sums.colptr(c);
    for (Index j = 0; j < d; ++j) s[j] += x[j] * w[i];
    batch_weight[c] += w[i];
  }
  for (Index c = 0; c < k; ++c) {
    if (!(batch_weight[c] > 0)) continue;  // no sample (or no weight) this step: unchanged
    counts[c] += batch_weight[c];
    centers.col(c) = sums.col(c) * (1.0 / counts[c]);
  }
  if (random_reassign && reassignment_ratio > 0)
    reassign_small_centers(batch, centers, counts, rng, reassignment_ratio);
  return inertia;
}

}  // namespace fitkit::detail
