#pragma once
// What the three kNN estimators share between fit, queries and model files.

#include <cmath>
#include <memory>
#include <ostream>
#include <string>

#include "core/format_problem.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/params.hpp"
#include "neighbors/neighbor_index.hpp"

namespace fitkit::detail {

template <class P>
NeighborSearchOptions search_options(const P& params) {
  return {.algorithm = params.algorithm,
          .metric = params.metric,
          .p = params.p,
          .leaf_size = static_cast<Index>(params.leaf_size),
          .n_neighbors = static_cast<Index>(params.n_neighbors)};
}

// The search over X, after the check scikit-learn makes at its first query: n_neighbors no
// more than the training rows.
template <class P>
std::shared_ptr<const NeighborIndex> build_index(const Matrix& X, const P& params,
                                                 const std::string& estimator) {
  const auto k = static_cast<Index>(params.n_neighbors);
  if (k > X.n_rows)
    throw DataError(estimator + ": n_neighbors = " + std::to_string(k) + " is more than the " +
                    std::to_string(X.n_rows) +
                    " training rows (Expected n_neighbors <= n_samples_fit)");
  return std::make_shared<const NeighborIndex>(X, search_options(params));
}

// After loading: the training points fit the envelope and the parameters, then the search is
// rebuilt (deterministically: the same tree as before saving).
template <class P>
std::shared_ptr<const NeighborIndex> rebuild_index(const Matrix& X, Index n_features,
                                                   const P& params) {
  if (X.n_cols != n_features)
    throw FormatProblem("the training points have " + std::to_string(X.n_cols) + " columns for " +
                        std::to_string(n_features) + " features");
  if (X.n_rows < static_cast<Index>(params.n_neighbors))
    throw FormatProblem("fewer training points than n_neighbors");
  if (!X.is_finite()) throw FormatProblem("non-finite training points");
  return std::make_shared<const NeighborIndex>(X, search_options(params));
}

// Query-time n_neighbors: 0 means the parameter.
template <class P>
Index query_k(const P& params, Index n_neighbors) {
  return n_neighbors == 0 ? static_cast<Index>(params.n_neighbors) : n_neighbors;
}

// scikit-learn's _get_weights for weights = distance: 1/distance, except in a row with a
// neighbour at distance 0, where those neighbours get 1 and the others 0.
inline Matrix inverse_distance_weights(const Matrix& distances) {
  Matrix w(arma::size(distances));
  for (Index i = 0; i < distances.n_rows; ++i) {
    bool exact = false;
    for (Index r = 0; r < distances.n_cols; ++r) {
      w(i, r) = 1.0 / distances(i, r);
      if (std::isinf(w(i, r))) exact = true;
    }
    if (exact)
      for (Index r = 0; r < distances.n_cols; ++r) w(i, r) = std::isinf(w(i, r)) ? 1.0 : 0.0;
  }
  return w;
}

inline void describe_search(std::ostream& out, Index n_samples_fit, NeighborsAlgorithm method) {
  out << "n_samples_fit: " << n_samples_fit << "\n";
  out << "fit_method: " << (method == NeighborsAlgorithm::brute ? "brute" : "kd_tree") << "\n";
}

}  // namespace fitkit::detail
