// The initial responsibilities of GaussianMixture (scikit-learn's
// BaseMixture._initialize_parameters): one-hot labels of a k-means fit (kmeans), one-hot rows
// of the k-means++ seeds (k-means++), random rows normalised (random), or k distinct random
// rows (random_from_data).
//
// The k-means is a small Lloyd of this file's own from greedy k-means++ seeds, as
// scikit-learn's KMeans(n_init=1) runs it (max_iter 300, tol 1e-4 times the mean variance of
// the features, an empty cluster moved to the row farthest from its centre). Its random
// numbers are fitkit's, so the starting point is not scikit-learn's; tests compare from given
// initial parameters.

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

#include "cluster/gaussian_mixture_em.hpp"
#include "fitkit/core/pairwise.hpp"

namespace fitkit::detail {
namespace {

// Greedy k-means++ (scikit-learn's _kmeans_plusplus): the indices of the k seed rows.
std::vector<Index> kmeans_plus_plus(const Matrix& X, Index k, Random& rng) {
  const Index n = X.n_rows;
  const Vector norms = row_norms_squared(X);
  const Index trials = 2 + static_cast<Index>(std::log(static_cast<double>(k)));
  std::vector<Index> centres;
  centres.push_back(rng.uniform_index(n));
  auto distances_to = [&](const std::vector<Index>& rows) {
    const arma::uvec idx(std::vector<arma::uword>(rows.begin(), rows.end()));
    return pairwise_squared_distances(X.rows(idx), X, norms(idx), norms);  // rows x n
  };
  Vector closest = distances_to({centres[0]}).row(0).t();
  double potential = arma::accu(closest);
  while (centres.size() < k) {
    const Vector cumulative = arma::cumsum(closest);
    std::vector<Index> candidates(trials);
    for (Index t = 0; t < trials; ++t) {
      const double value = rng.uniform() * potential;
      const auto at = std::upper_bound(cumulative.begin(), cumulative.end(), value);
      candidates[t] = std::min<Index>(static_cast<Index>(at - cumulative.begin()), n - 1);
    }
    const Matrix d = distances_to(candidates);
    Index best = 0;
    double best_potential = std::numeric_limits<double>::infinity();
    Vector best_closest;
    for (Index t = 0; t < trials; ++t) {
      Vector candidate = arma::min(closest, d.row(t).t());
      const double pot = arma::accu(candidate);
      if (pot < best_potential) {
        best_potential = pot;
        best = t;
        best_closest = std::move(candidate);
      }
    }
    centres.push_back(candidates[best]);
    closest = std::move(best_closest);
    potential = best_potential;
  }
  return centres;
}

// Lloyd from the k-means++ seeds; the label of every row.
arma::uvec kmeans_labels(const Matrix& X, Index k, Random& rng) {
  const Index n = X.n_rows;
  const std::vector<Index> seeds = kmeans_plus_plus(X, k, rng);
  Matrix centres(k, X.n_cols);
  for (Index c = 0; c < k; ++c) centres.row(c) = X.row(seeds[c]);
  const double tol = 1e-4 * arma::mean(arma::var(X, 1, 0));
  const Vector norms = row_norms_squared(X);
  arma::uvec labels(n), previous;
  Vector nearest(n);
  auto assign = [&] {
    const Matrix d = pairwise_squared_distances(X, centres, norms, row_norms_squared(centres));
    for (Index i = 0; i < n; ++i) {
      const arma::rowvec row = d.row(i);
      labels(i) = row.index_min();
      nearest(i) = row(labels(i));
    }
  };
  for (int iteration = 0; iteration < 300; ++iteration) {
    assign();
    if (!previous.is_empty() && arma::all(labels == previous)) return labels;
    previous = labels;
    Matrix updated(k, X.n_cols, arma::fill::zeros);
    Vector counts(k, arma::fill::zeros);
    for (Index i = 0; i < n; ++i) {
      updated.row(labels(i)) += X.row(i);
      counts(labels(i)) += 1;
    }
    std::vector<char> taken(n, 0);
    for (Index c = 0; c < k; ++c) {
      if (counts(c) > 0) {
        updated.row(c) /= counts(c);
        continue;
      }
      // An empty cluster takes the row farthest from its centre.
      Index far = 0;
      double worst = -1;
      for (Index i = 0; i < n; ++i)
        if (!taken[i] && nearest(i) > worst) {
          worst = nearest(i);
          far = i;
        }
      taken[far] = 1;
      updated.row(c) = X.row(far);
    }
    const double shift = arma::accu(arma::square(updated - centres));
    centres = std::move(updated);
    if (shift <= tol) break;
  }
  assign();
  return labels;
}

}  // namespace

Matrix initial_responsibilities(const Matrix& X, Index k, MixtureInit init, Random& rng) {
  const Index n = X.n_rows;
  Matrix resp(n, k, arma::fill::zeros);
  switch (init) {
    case MixtureInit::kmeans: {
      const arma::uvec labels = kmeans_labels(X, k, rng);
      for (Index i = 0; i < n; ++i) resp(i, labels(i)) = 1;
      break;
    }
    case MixtureInit::kmeans_plus_plus: {
      const std::vector<Index> seeds = kmeans_plus_plus(X, k, rng);
      for (Index c = 0; c < k; ++c) resp(seeds[c], c) = 1;
      break;
    }
    case MixtureInit::random:
      for (Index c = 0; c < k; ++c)
        for (Index i = 0; i < n; ++i) resp(i, c) = rng.uniform();
      resp.each_col() /= arma::sum(resp, 1);
      break;
    case MixtureInit::random_from_data: {
      std::vector<Index> order(n);
      std::iota(order.begin(), order.end(), Index{0});
      for (Index c = 0; c < k; ++c) {
        std::swap(order[c], order[c + rng.uniform_index(n - c)]);
        resp(order[c], c) = 1;
      }
      break;
    }
  }
  return resp;
}

}  // namespace fitkit::detail
