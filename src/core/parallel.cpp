#include "core/parallel.hpp"

#include <omp.h>

#include <algorithm>
#include <cmath>

namespace fitkit::detail {

int threads_for(double work_nanoseconds, double max_parts) {
  if (omp_in_parallel()) return 1;
  const double available = omp_get_max_threads();
  const double worth = std::floor(work_nanoseconds / kMinNanosecondsPerThread);
  const double threads = std::min({available, worth, std::floor(max_parts)});
  return threads >= 2 ? static_cast<int>(threads) : 1;
}

int threads_for_lapack(Index m, Index n) {
  return threads_for(static_cast<double>(m) * static_cast<double>(n) * kStreamNanoseconds);
}

ScopedThreadLimit::ScopedThreadLimit(int threads) {
  const int current = omp_get_max_threads();
  threads = std::max(threads, 1);
  if (threads >= current) return;
  previous_ = current;
  omp_set_num_threads(threads);
}

ScopedThreadLimit::~ScopedThreadLimit() {
  if (previous_ > 0) omp_set_num_threads(previous_);
}

}  // namespace fitkit::detail
