#pragma once
// A parallel loop for short, frequent regions (a histogram per tree node): the calling thread
// runs the tasks, and idle pool workers that are awake in time take some of them. Unlike an
// OpenMP region, which ends only when every thread of its team has arrived, the caller never
// waits for a worker that has not taken a task: on a busy machine a worker that cannot get a
// core costs nothing, where an OpenMP region would wait a scheduler time slice for it. So such
// loops are worth threads from a tenth of a millisecond of work, where parallel.hpp's rule
// asks for a millisecond.
//
// Each task index runs exactly once, on whichever thread claims it, so results that depend only
// on the index are the same whatever the thread count. Tasks must not throw.

#include <functional>

#include "fitkit/core/types.hpp"

namespace fitkit::detail {

// The least serial work, in nanoseconds of one core, worth a helping worker.
inline constexpr double kMinNanosecondsPerHelper = 3e4;

// Threads worth using for `work_nanoseconds` of serial work split into `max_parts` tasks: the
// calling thread and up to set_num_threads - 1 workers; 1 inside a parallel region.
int threads_for_helped(double work_nanoseconds, double max_parts);

// Runs task(0), ..., task(n_tasks - 1), on the calling thread and up to `threads` - 1 workers.
// Runs them all on the calling thread when `threads` is 1, when called from inside a helped
// loop or an OpenMP region, or while another thread's helped loop is running.
void helped_loop(Index n_tasks, int threads, const std::function<void(Index)>& task);

}  // namespace fitkit::detail
