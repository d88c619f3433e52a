#include "cluster/kmeans_seeding.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "cluster/kmeans_assign.hpp"

namespace fitkit::detail {
namespace {

// dist(t, i) = min(closest[i], ||x_i - Xt[:, candidates[t]]||²) for every candidate t, and
// each row's sum (the potential the candidate would leave), summed over fixed ranges in order.
Vector candidate_potentials(const Matrix& Xt, const std::vector<Index>& candidates,
                            const std::vector<double>& closest, Matrix& dist) {
  const Index d = Xt.n_rows, n = Xt.n_cols, T = candidates.size();
  dist.set_size(T, n);
  const Index n_ranges = (n + kKMeansReductionRows - 1) / kKMeansReductionRows;
  Matrix partial(T, n_ranges, arma::fill::zeros);
  const int threads = threads_for(static_cast<double>(n * d * T) * 3 * kFlopNanoseconds +
                                      static_cast<double>(n * d) * kStreamNanoseconds,
                                  static_cast<double>(n_ranges));
#pragma omp parallel for schedule(static) num_threads(threads)
  for (Index r = 0; r < n_ranges; ++r) {
    const Index end = std::min(n, (r + 1) * kKMeansReductionRows);
    for (Index i = r * kKMeansReductionRows; i < end; ++i)
      for (Index t = 0; t < T; ++t) {
        const double dt =
            std::min(closest[i], squared_distance(Xt.colptr(i), Xt.colptr(candidates[t]), d));
        dist(t, i) = dt;
        partial(t, r) += dt;
      }
  }
  Vector potentials(T, arma::fill::zeros);
  for (Index r = 0; r < n_ranges; ++r) potentials += partial.col(r);
  return potentials;
}

}  // namespace

Matrix kmeans_plusplus(const Matrix& Xt, Index k, Random& rng) {
  const Index d = Xt.n_rows, n = Xt.n_cols;
  Matrix centers(d, k);
  const Index trials = 2 + static_cast<Index>(std::log(static_cast<double>(k)));
  Index chosen = rng.uniform_index(n);
  centers.col(0) = Xt.col(chosen);
  std::vector<double> closest(n, std::numeric_limits<double>::infinity());
  Matrix dist;
  double potential = candidate_potentials(Xt, {chosen}, closest, dist)[0];
  closest.assign(dist.memptr(), dist.memptr() + n);
  std::vector<double> cumulative(n);
  for (Index c = 1; c < k; ++c) {
    std::partial_sum(closest.begin(), closest.end(), cumulative.begin());
    std::vector<Index> candidates(trials);
    for (Index t = 0; t < trials; ++t) {
      const double target = rng.uniform() * potential;
      // numpy's searchsorted (side left): the first index whose cumulative sum reaches it.
      const auto at = std::lower_bound(cumulative.begin(), cumulative.end(), target);
      candidates[t] = std::min<Index>(static_cast<Index>(at - cumulative.begin()), n - 1);
    }
    const Vector potentials = candidate_potentials(Xt, candidates, closest, dist);
    const Index best = potentials.index_min();  // the first of ties
    potential = potentials[best];
    for (Index i = 0; i < n; ++i) closest[i] = dist(best, i);
    centers.col(c) = Xt.col(candidates[best]);
  }
  return centers;
}

Matrix random_samples(const Matrix& Xt, Index k, Random& rng) {
  const Index n = Xt.n_cols;
  std::vector<Index> order(n);
  std::iota(order.begin(), order.end(), Index{0});
  Matrix centers(Xt.n_rows, k);
  for (Index c = 0; c < k; ++c) {  // a partial Fisher-Yates shuffle
    std::swap(order[c], order[c + rng.uniform_index(n - c)]);
    centers.col(c) = Xt.col(order[c]);
  }
  return centers;
}

Matrix sample_columns(const Matrix& Xt, const std::vector<Index>& rows) {
  Matrix out(Xt.n_rows, rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) out.col(i) = Xt.col(rows[i]);
  return out;
}

}  // namespace fitkit::detail
