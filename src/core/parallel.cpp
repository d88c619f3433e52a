#include "core/parallel.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <cmath>

namespace fitkit::detail {
namespace {

std::atomic<double> min_thread_work{kDefaultMinNanosecondsPerThread};

}  // namespace

double min_nanoseconds_per_thread() {
  return min_thread_work.load(std::memory_order_relaxed);
}

void set_min_nanoseconds_per_thread(double nanoseconds) {
  min_thread_work.store(nanoseconds, std::memory_order_relaxed);
}

int threads_for(double work_nanoseconds, double max_parts) {
  if (omp_in_parallel()) return 1;
  const double available = omp_get_max_threads();
  const double minimum = min_nanoseconds_per_thread();
  const double worth = minimum > 0 ? std::floor(work_nanoseconds / minimum) : available;
  const double threads = std::min({available, worth, std::floor(max_parts)});
  return threads >= 2 ? static_cast<int>(threads) : 1;
}

int threads_for_lapack(Index m, Index n) {
  return threads_for(static_cast<double>(m) * static_cast<double>(n) * kStreamNanoseconds);
}

ScopedThreadLimit::ScopedThreadLimit(int threads) {
  const int current = omp_get_max_threads();
  if (threads > 1 || current <= 1) return;  // see the header: only ever 1 or every thread
  previous_ = current;
  omp_set_num_threads(1);
}

ScopedThreadLimit::~ScopedThreadLimit() {
  if (previous_ > 0) omp_set_num_threads(previous_);
}

}  // namespace fitkit::detail
