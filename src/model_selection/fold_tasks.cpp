#include "model_selection/fold_tasks.hpp"

#include <omp.h>

#include <algorithm>
#include <exception>
#include <mutex>
#include <string>

#include "fitkit/core/error.hpp"
#include "fitkit/core/threads.hpp"

namespace fitkit::detail {

void run_fold_tasks(Index n_tasks, const std::function<void(Index)>& task) {
  const int threads =
      omp_in_parallel() ? 1 : static_cast<int>(std::min<Index>(get_num_threads(), n_tasks));
  std::exception_ptr first_error;
  std::mutex error_mutex;
#pragma omp parallel for schedule(dynamic, 1) num_threads(std::max(threads, 1))
  for (Index i = 0; i < n_tasks; ++i) {
    {
      std::lock_guard lock(error_mutex);
      if (first_error) continue;
    }
    try {
      task(i);
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

FoldData fold_rows(const Matrix& X, const Vector& y, const Vector& sample_weight,
                   const arma::uvec& rows) {
  FoldData out;
  out.X = X.rows(rows);
  if (!y.is_empty()) out.y = y(rows);
  if (!sample_weight.is_empty()) out.sample_weight = sample_weight(rows);
  return out;
}

}  // namespace fitkit::detail
