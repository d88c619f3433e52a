#pragma once
// The first centres of a k-means run (d x k, from samples as columns d x n).

#include "cluster/kmeans_blocks.hpp"
#include "fitkit/core/random.hpp"

namespace fitkit::detail {

// Greedy k-means++ as scikit-learn's _kmeans_plusplus: the first centre a sample drawn
// uniformly; each next one the best, by the potential (the sum of squared distances to the
// nearest centre) it leaves, of 2 + floor(ln k) candidates drawn with probability proportional
// to the squared distance to the nearest centre so far. Unweighted, as scikit-learn 1.2.
Matrix kmeans_plusplus(const Matrix& Xt, Index k, Random& rng);

// k distinct samples drawn uniformly (scikit-learn's init="random").
Matrix random_samples(const Matrix& Xt, Index k, Random& rng);

// The columns `rows` of Xt (a subsample, drawn with replacement, for MiniBatchKMeans'
// init_size and its mini-batches).
Matrix sample_columns(const Matrix& Xt, const std::vector<Index>& rows);

}  // namespace fitkit::detail
