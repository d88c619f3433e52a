#include "model_selection/fold_tasks.hpp"

#include <omp.h>

#include <algorithm>
#include <exception>
#include <mutex>
#include <string>
#include <vector>

#include "core/row_gather.hpp"
#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"
#include "fitkit/metrics/scorer.hpp"

namespace fitkit::detail {

void run_fold_tasks(Index n_tasks, const std::function<void(Index, FoldBuffers&)>& task) {
  const int threads = std::max(
      1, omp_in_parallel() ? 1 : static_cast<int>(std::min<Index>(get_num_threads(), n_tasks)));
  std::vector<FoldBuffers> buffers(threads);
  std::exception_ptr first_error;
  std::mutex error_mutex;
#pragma omp parallel for schedule(dynamic, 1) num_threads(threads)
  for (Index i = 0; i < n_tasks; ++i) {
    {
      std::lock_guard lock(error_mutex);
      if (first_error) continue;
    }
    try {
      task(i, buffers[omp_get_thread_num()]);
    } catch (...) {
      std::lock_guard lock(error_mutex);
      if (!first_error) first_error = std::current_exception();
    }
  }
  if (first_error) std::rethrow_exception(first_error);
}

void check_folds(const std::vector<Fold>& folds, Index n) {
  if (folds.empty()) throw DataError("cross-validation needs at least one fold");
  for (std::size_t k = 0; k < folds.size(); ++k) {
    const Fold& f = folds[k];
    const std::string which = "fold " + std::to_string(k);
    if (f.train.is_empty() || f.test.is_empty())
      throw DataError(which + " has no " + (f.train.is_empty() ? "training" : "test") + " rows");
    if (f.train.max() >= n || f.test.max() >= n)
      throw DataError(which + " names row " +
                      std::to_string(std::max(f.train.max(), f.test.max())) + " of data with " +
                      std::to_string(n) + " rows");
  }
}

namespace {

void fold_rows(const Matrix& X, const Vector& y, const Vector& sample_weight,
               const arma::uvec& rows, FoldData& out) {
  // The buffers reused: page faults took more of a linear model's cross-validation than its
  // fits (and Armadillo's X.rows(indices) as much again).
  gather_rows(X, rows, out.X);
  out.y = y.is_empty() ? Vector() : Vector(y(rows));
  out.sample_weight = sample_weight.is_empty() ? Vector() : Vector(sample_weight(rows));
}

}  // namespace

double score_by_name(const std::string& scoring, const Estimator& model, const Matrix& X,
                     const Vector& y) {
  return scoring.empty() ? model.score(X, y) : get_scorer(scoring)(model, X, y);
}

void load_fold(const Matrix& X, const Vector& y, const Vector& sample_weight,
               const std::vector<Fold>& folds, Index k, FoldBuffers& buffers) {
  if (buffers.fold == k) return;
  buffers.fold = -1;  // until both are filled
  fold_rows(X, y, sample_weight, folds[k].train, buffers.train);
  fold_rows(X, y, {}, folds[k].test, buffers.test);
  buffers.fold = k;
}

}  // namespace fitkit::detail
