// The rules of src/core/parallel.hpp: threads only for work worth them, and BLAS limits that
// are either one thread or all of them, restored when their scope ends.
#include "core/parallel.hpp"

#include <omp.h>

#include <catch2/catch.hpp>

#include "fitkit/core/threads.hpp"

using fitkit::detail::ScopedThreadLimit;
using fitkit::detail::threads_for;

namespace {

struct TwoThreads {
  TwoThreads() : previous(fitkit::get_num_threads()) { fitkit::set_num_threads(2); }
  ~TwoThreads() { fitkit::set_num_threads(previous); }
  int previous;
};

}  // namespace

TEST_CASE("threads_for gives threads only to work worth a millisecond each", "[parallel]") {
  const TwoThreads two;
  const double ms = fitkit::detail::min_nanoseconds_per_thread();
  REQUIRE(ms == fitkit::detail::kDefaultMinNanosecondsPerThread);
  CHECK(threads_for(0) == 1);
  CHECK(threads_for(1.9 * ms) == 1);
  CHECK(threads_for(2 * ms) == 2);
  CHECK(threads_for(1e6 * ms) == 2);     // never more than set_num_threads allows
  CHECK(threads_for(1e6 * ms, 1) == 1);  // nor than the pieces of work
  int inside = 0;
#pragma omp parallel num_threads(2)
#pragma omp single
  inside = threads_for(1e6 * ms);
  CHECK(inside == 1);  // no nested teams

  fitkit::detail::set_min_nanoseconds_per_thread(0);
  CHECK(threads_for(1) == 2);
  fitkit::detail::set_min_nanoseconds_per_thread(ms);
}

TEST_CASE("ScopedThreadLimit holds BLAS and default teams to one thread, then lets go",
          "[parallel]") {
  const TwoThreads two;
  REQUIRE(omp_get_max_threads() == 2);
  {
    const ScopedThreadLimit serial(1);
    CHECK(omp_get_max_threads() == 1);
    {
      const ScopedThreadLimit nested(2);  // a wider limit inside changes nothing
      CHECK(omp_get_max_threads() == 1);
    }
    CHECK(omp_get_max_threads() == 1);
  }
  CHECK(omp_get_max_threads() == 2);
  {
    const ScopedThreadLimit all(2);
    CHECK(omp_get_max_threads() == 2);
  }
  CHECK(omp_get_max_threads() == 2);
}
