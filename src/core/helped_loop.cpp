#include "core/helped_loop.hpp"

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

#include "core/parallel.hpp"

namespace fitkit::detail {
namespace {

// How long a worker that finished a loop keeps watching for the next before it sleeps: a tree
// grower's loops follow each other within tens of microseconds, and a sleeping worker takes
// about as long to wake.
constexpr auto kWorkerSpin = std::chrono::microseconds(300);

thread_local bool in_helped_loop = false;

// A spinning thread's hint to the core (x86's pause), which leaves the core's other hardware
// thread its resources.
inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

class HelperPool {
 public:
  static HelperPool& instance() {
    // Never destroyed: its workers sleep until the process ends, and a loop may still be
    // running on another thread while static objects are destroyed.
    static HelperPool* pool = new HelperPool;
    return *pool;
  }

  // False, running nothing, when another thread's loop holds the pool.
  bool try_run(Index n_tasks, int helpers, const std::function<void(Index)>& task) {
    if (busy_.test_and_set(std::memory_order_acquire)) return false;
    {
      std::lock_guard lock(mutex_);
      while (static_cast<int>(workers_.size()) < helpers) workers_.emplace_back([this] { work(); });
      task_ = &task;
      n_tasks_ = n_tasks;
      next_.store(0, std::memory_order_relaxed);
      helpers_wanted_ = helpers;
      open_ = true;
      generation_.fetch_add(1, std::memory_order_release);
    }
    wake_.notify_all();
    claim_tasks(task, n_tasks);
    {
      std::lock_guard lock(mutex_);
      open_ = false;
    }
    // Only workers that joined are waited for: they are running their last task, or find the
    // tasks taken. Spinning, as sleeping would add a wake-up to every loop.
    while (helpers_in_loop_.load(std::memory_order_acquire) != 0) cpu_relax();
    busy_.clear(std::memory_order_release);
    return true;
  }

 private:
  HelperPool() = default;

  void claim_tasks(const std::function<void(Index)>& task, Index n_tasks) {
    in_helped_loop = true;
    for (Index i = next_.fetch_add(1); i < n_tasks; i = next_.fetch_add(1)) task(i);
    in_helped_loop = false;
  }

  void work() {
    std::uint64_t seen = 0;
    for (;;) {
      const auto spin_end = std::chrono::steady_clock::now() + kWorkerSpin;
      while (generation_.load(std::memory_order_acquire) == seen &&
             std::chrono::steady_clock::now() < spin_end)
        cpu_relax();
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return generation_.load(std::memory_order_relaxed) != seen; });
      seen = generation_.load(std::memory_order_relaxed);
      if (!open_ || helpers_wanted_ == 0) continue;
      --helpers_wanted_;
      helpers_in_loop_.fetch_add(1, std::memory_order_relaxed);
      const std::function<void(Index)>* task = task_;
      const Index n_tasks = n_tasks_;
      lock.unlock();
      claim_tasks(*task, n_tasks);
      helpers_in_loop_.fetch_sub(1, std::memory_order_release);
    }
  }

  std::atomic_flag busy_ = ATOMIC_FLAG_INIT;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::vector<std::thread> workers_;
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<Index> next_{0};
  std::atomic<int> helpers_in_loop_{0};
  // The loop being run, guarded by mutex_.
  const std::function<void(Index)>* task_ = nullptr;
  Index n_tasks_ = 0;
  int helpers_wanted_ = 0;  // workers that may still join it
  bool open_ = false;
};

}  // namespace

int threads_for_helped(double work_nanoseconds, double max_parts) {
  if (omp_in_parallel() || in_helped_loop) return 1;
  const double available = omp_get_max_threads();
  const double minimum = std::min(kMinNanosecondsPerHelper, min_nanoseconds_per_thread());
  const double worth = minimum > 0 ? std::floor(work_nanoseconds / minimum) : available;
  const double threads = std::min({available, worth, std::floor(max_parts)});
  return threads >= 2 ? static_cast<int>(threads) : 1;
}

void helped_loop(Index n_tasks, int threads, const std::function<void(Index)>& task) {
  const bool may_help = threads > 1 && n_tasks > 1 && !in_helped_loop && !omp_in_parallel();
  if (may_help && HelperPool::instance().try_run(n_tasks, threads - 1, task)) return;
  for (Index i = 0; i < n_tasks; ++i) task(i);
}

}  // namespace fitkit::detail
