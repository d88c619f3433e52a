#include <algorithm>
#include <vector>

#include "cluster/kmeans_assign.hpp"
#include "cluster/kmeans_packed.hpp"
#include "cluster/kmeans_run.hpp"
#include "cluster/kmeans_update.hpp"

namespace fitkit::detail {
namespace {

// The nearest centre of every sample: in single precision where that can be trusted
// (PackedNearest), else in doubles.
void nearest_labels(const Matrix& Xt, const Vector& w, const PackedSamples& packed,
                    const Vector& x_norms, double max_sample_norm, const Matrix& centers,
                    ClusterLabels& labels) {
  const Index d = Xt.n_rows, n = Xt.n_cols, k = centers.n_cols;
  if (!PackedNearest::usable(centers, packed, max_sample_norm)) {
    assign_labels(Xt, w, centers, labels, nullptr, &x_norms);
    return;
  }
  const PackedNearest nearest(centers, max_sample_norm);
  over_sample_ranges(n, d, k, kmeans_pass_threads(n, d, k), nullptr,
                     [&](Index begin, Index end, ClusterSums*) {
                       nearest.label(packed, Xt, x_norms, begin, end, labels.data());
                     });
}

constexpr std::size_t kMovesAhead = 8;

void prefetch_column(const Matrix& Xt, Index i) {
  const char* x = reinterpret_cast<const char*>(Xt.colptr(i));
  for (std::size_t byte = 0; byte < Xt.n_rows * sizeof(double); byte += 64)
    __builtin_prefetch(x + byte);
}

// Sample i, of weight w[i], leaves cluster `from` (-1: none) for cluster `to`.
void move_sample(const Matrix& Xt, const Vector& w, Index i, std::int32_t from, std::int32_t to,
                 ClusterSums& sums) {
  const double* x = Xt.colptr(i);
  const Index d = Xt.n_rows;
  if (from >= 0) {
    double* sum = sums.sums.colptr(from);
    for (Index j = 0; j < d; ++j) sum[j] -= w[i] * x[j];
    sums.weights[from] -= w[i];
  }
  double* sum = sums.sums.colptr(to);
  for (Index j = 0; j < d; ++j) sum[j] += w[i] * x[j];
  sums.weights[to] += w[i];
}

// The sums follow the labels: each sample whose label changed from `previous` (-1: none) is
// taken from its old cluster's sum and added to its new one's, over fixed ranges added in
// order. Most samples keep their cluster from one iteration to the next, and so are not read.
void move_changed_samples(const Matrix& Xt, const Vector& w, const ClusterLabels& previous,
                          const ClusterLabels& labels, ClusterSums& sums) {
  const Index d = Xt.n_rows, n = Xt.n_cols, k = sums.weights.n_elem;
  ClusterSums moves;
  over_sample_ranges(n, d, k, kmeans_pass_threads(n, 1, 1), &moves,
                     [&](Index begin, Index end, ClusterSums* partial) {
                       std::vector<Index> changed;
                       for (Index i = begin; i < end; ++i)
                         if (labels[i] != previous[i]) changed.push_back(i);
                       for (std::size_t m = 0; m < changed.size(); ++m) {
                         // The samples are scattered: each is fetched a few moves ahead.
                         if (m + kMovesAhead < changed.size())
                           prefetch_column(Xt, changed[m + kMovesAhead]);
                         move_sample(Xt, w, changed[m], previous[changed[m]], labels[changed[m]],
                                     *partial);
                       }
                     });
  sums.add(moves);
}

// A cluster whose weight fell to the rounding of the sums it lost is summed again from its
// members: an emptied cluster then has exactly zero weight, as a fresh sum gives it, and is
// relocated.
void resum_light_clusters(const Matrix& Xt, const Vector& w, const ClusterLabels& labels,
                          double total_weight, ClusterSums& sums) {
  constexpr double kCancellation = 1e-9;
  for (Index c = 0; c < sums.weights.n_elem; ++c) {
    if (sums.weights[c] > kCancellation * total_weight) continue;
    sums.sums.col(c).zeros();
    sums.weights[c] = 0;
    for (Index i = 0; i < Xt.n_cols; ++i) {
      if (labels[i] != static_cast<std::int32_t>(c)) continue;
      sums.sums.col(c) += w[i] * Xt.col(i);
      sums.weights[c] += w[i];
    }
  }
}

}  // namespace

KMeansRun lloyd_run(const Matrix& Xt, const Vector& w, Matrix centers, Index max_iter, double tol) {
  const Index d = Xt.n_rows, n = Xt.n_cols, k = centers.n_cols;
  KMeansRun run;
  ClusterLabels labels(n, -1), labels_old(n, -1);
  const Vector x_norms = sample_squared_norms(Xt);
  const double max_sample_norm = x_norms.max(), total_weight = arma::accu(w);
  const PackedSamples packed(Xt);
  ClusterSums label_sums(d, k);  // the sums of the samples of each cluster, by their labels
  bool strict = false;
  Index i = 0;
  for (; i < max_iter; ++i) {
    nearest_labels(Xt, w, packed, x_norms, max_sample_norm, centers, labels);
    move_changed_samples(Xt, w, labels_old, labels, label_sums);
    resum_light_clusters(Xt, w, labels, total_weight, label_sums);
    ClusterSums sums = label_sums;
    relocate_empty_clusters(Xt, w, centers, labels, sums);
    Matrix centers_new = average_centers(sums);
    const Vector shift = center_shift(centers, centers_new);
    centers = std::move(centers_new);
    if (labels == labels_old) {
      strict = true;
      break;
    }
    if (arma::accu(arma::square(shift)) <= tol) break;
    labels_old = labels;
  }
  if (!strict) nearest_labels(Xt, w, packed, x_norms, max_sample_norm, centers, labels);
  run.n_iter = std::min(i + 1, max_iter);
  run.inertia = kmeans_inertia(Xt, w, centers, labels);
  run.centers = std::move(centers);
  run.labels = std::move(labels);
  return run;
}

}  // namespace fitkit::detail
