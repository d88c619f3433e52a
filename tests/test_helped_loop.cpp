// The helped loop runs every task exactly once, whoever claims it: from one thread, from
// several user threads at once (one holds the pool, the others run alone), and nested.

#include <atomic>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include "core/helped_loop.hpp"

using fitkit::Index;
using fitkit::detail::helped_loop;

namespace {

// Runs a loop of n tasks on `threads` threads; every count must come out 1.
std::vector<int> run_counts(Index n, int threads, int repeats) {
  std::vector<std::atomic<int>> counts(n);
  for (int r = 0; r < repeats; ++r)
    helped_loop(n, threads, [&](Index i) { counts[i].fetch_add(1); });
  std::vector<int> out;
  for (const auto& c : counts) out.push_back(c.load() / repeats);
  return out;
}

}  // namespace

TEST_CASE("helped_loop runs every task once", "[parallel]") {
  for (const int threads : {1, 2, 4})
    for (const Index n : {Index{0}, Index{1}, Index{2}, Index{7}, Index{1000}}) {
      CAPTURE(threads, n);
      const std::vector<int> counts = run_counts(n, threads, 50);
      CHECK(counts == std::vector<int>(n, 1));
    }
}

TEST_CASE("helped_loop from several threads at once and nested", "[parallel]") {
  constexpr Index kOuter = 16, kInner = 64;
  std::vector<std::thread> callers;
  std::vector<std::vector<int>> results(4);
  for (int c = 0; c < 4; ++c)
    callers.emplace_back([&, c] {
      std::vector<std::atomic<int>> counts(kOuter * kInner);
      for (int r = 0; r < 20; ++r)
        helped_loop(kOuter, 2, [&](Index i) {
          helped_loop(kInner, 2, [&](Index j) { counts[i * kInner + j].fetch_add(1); });
        });
      for (const auto& count : counts) results[c].push_back(count.load());
    });
  for (std::thread& t : callers) t.join();
  for (const std::vector<int>& counts : results)
    CHECK(counts == std::vector<int>(kOuter * kInner, 20));
}

TEST_CASE("threads_for_helped", "[parallel]") {
  using fitkit::detail::threads_for_helped;
  CHECK(threads_for_helped(0, 100) == 1);
  CHECK(threads_for_helped(1e9, 1) == 1);
  // Inside a helped loop, a nested loop runs alone.
  std::atomic<int> nested{0};
  helped_loop(4, 2, [&](Index) { nested.fetch_add(threads_for_helped(1e9, 100)); });
  CHECK(nested.load() == 4);
}
