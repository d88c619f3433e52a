#pragma once
// When a parallel region pays for itself (DESIGN.md §7). Waking a second thread costs tens of
// microseconds on an idle machine and up to a scheduler time slice (milliseconds) on a busy
// one, where the thread has to wait for a core another program holds. So each kernel
// estimates its serial time and asks for threads only when every thread gets a share worth
// that wake-up: iris, wine and diabetes run serially, large problems on every core.
//
// OpenBLAS needs the same care: its OpenMP build splits a call over omp_get_max_threads()
// threads whenever it is made outside an active parallel region, and several of its level-2
// routines (symv, trmv, which LAPACK's eigensolvers and factorisations call once per column)
// do so at any size. ScopedThreadLimit keeps such calls serial where the shapes are small.

#include <limits>

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

// The least serial work, in nanoseconds of one core, that makes a thread worth waking. On an
// idle machine a wake-up costs tens of microseconds; on a busy one the woken thread may wait a
// scheduler time slice (milliseconds) for a core another program holds, and the region waits
// with it. A millisecond per thread keeps every kernel on iris, wine and diabetes serial, and
// what a busy machine can cost a parallel region below a few times its own serial time.
inline constexpr double kDefaultMinNanosecondsPerThread = 1e6;
double min_nanoseconds_per_thread();
// For tests: 0 makes every kernel use its threads on small problems too. Not thread-safe
// against fits running at the same time.
void set_min_nanoseconds_per_thread(double nanoseconds);

// Rough serial costs per unit of work on one core, for the estimates below.
inline constexpr double kStreamNanoseconds = 0.5;  // reading or writing one double
inline constexpr double kFlopNanoseconds = 0.05;   // one multiply-add in level-3 BLAS
inline constexpr double kFormatNanoseconds = 100;  // printing or parsing one number

// Threads worth using for `work_nanoseconds` of serial work split into `max_parts` pieces:
// 1 below twice min_nanoseconds_per_thread(), never more than the pieces, the threads set by
// set_num_threads, or one inside a parallel region.
int threads_for(double work_nanoseconds,
                double max_parts = std::numeric_limits<double>::infinity());

// In its scope, the OpenBLAS calls this thread makes, and the OpenMP regions it opens without
// a num_threads clause, run on one thread when `threads` is 1 (the thread's OpenMP thread
// count, which OpenBLAS's OpenMP build reads at every call; the regions' threads inherit it, so
// a limit set before a region also holds for the BLAS calls inside it). Any other count leaves
// every thread: OpenBLAS 0.3.21 meets a count between 2 and its own by changing its
// process-wide thread count there and back, which races with fits on other user threads.
// (fitkit needs OpenBLAS's OpenMP build, libopenblas0-openmp, which scripts/deps.sh installs:
// its pthreads build ignores OpenMP's thread count, and these limits would not hold.)
class ScopedThreadLimit {
 public:
  explicit ScopedThreadLimit(int threads);
  ~ScopedThreadLimit();
  ScopedThreadLimit(const ScopedThreadLimit&) = delete;
  ScopedThreadLimit& operator=(const ScopedThreadLimit&) = delete;

 private:
  int previous_ = 0;  // 0: nothing to restore
};

// Threads worth using for a LAPACK routine on an m x n matrix: its steps are level-2 calls of
// about m * n multiply-adds each (one per column), and it is those that OpenBLAS splits.
int threads_for_lapack(Index m, Index n);

}  // namespace fitkit::detail
