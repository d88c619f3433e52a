#pragma once
// The engine behind cross-validation and the searches: tasks (a candidate's parameters on one
// fold) run side by side, one OpenMP thread each (inside a parallel region every fitkit kernel
// and BLAS call runs serially), the first error rethrown once all have stopped.

#include <functional>
#include <string>

#include "fitkit/core/types.hpp"
#include "fitkit/model_selection/cross_validation.hpp"

namespace fitkit::detail {

// X's rows, y's entries, and the weights' (when given) of one side of a fold.
struct FoldData {
  Matrix X;
  Vector y, sample_weight;
};

// task(i, buffers) for i in [0, n_tasks), on up to set_num_threads threads; `buffers` belong to
// the running thread, for fold_rows to reuse from one task to the next (fresh memory for a
// large fold costs more in page faults than the copy).
struct FoldBuffers {
  FoldData train, test;
  Index fold = -1;  // whose rows they hold
};
void run_fold_tasks(Index n_tasks, const std::function<void(Index, FoldBuffers&)>& task);

// Checks that every fold's indices are rows of an n-row X and that no part is empty.
void check_folds(const std::vector<Fold>& folds, Index n);

// The estimator's own score under the empty name, else the named scorer's.
double score_by_name(const std::string& scoring, const Estimator& model, const Matrix& X,
                     const Vector& y);

// Fills the buffers with fold k's training rows (with their weights) and test rows, unless
// they hold them already.
void load_fold(const Matrix& X, const Vector& y, const Vector& sample_weight,
               const std::vector<Fold>& folds, Index k, FoldBuffers& buffers);

}  // namespace fitkit::detail
