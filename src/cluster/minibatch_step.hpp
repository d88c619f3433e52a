#pragma once
// One step of mini-batch k-means, as scikit-learn's _mini_batch_step: label the batch against
// the centres, move each centre to the mean of everything it has been given (the old centre
// weighted by its count, plus the batch's samples), and, when asked, move the centres whose
// count is below reassignment_ratio x the largest to random samples of the batch.

#include "cluster/kmeans_blocks.hpp"
#include "fitkit/core/random.hpp"

namespace fitkit::detail {

// batch: d x m samples, w: m weights; centers: d x k, counts: k (both updated). Returns the
// batch's inertia against the centres before the step.
double minibatch_step(const Matrix& batch, const Vector& w, Matrix& centers, Vector& counts,
                      Random& rng, bool random_reassign, double reassignment_ratio);

}  // namespace fitkit::detail
