#include "fitkit/core/threads.hpp"

#include <dlfcn.h>
#include <omp.h>

#include <cstdlib>
#include <thread>

namespace fitkit {
namespace {

int all_cores() {
  const unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

// OpenBLAS is reached through Armadillo's BLAS wrapper; when the BLAS in the process is
// OpenBLAS (Debian's alternatives), tell it directly too (its pthread build ignores OpenMP).
void set_blas_threads(int n) {
  using SetThreads = void (*)(int);
  static const auto set_threads =
      reinterpret_cast<SetThreads>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
  if (set_threads != nullptr) set_threads(n);
}

int current = 0;

int from_environment() {
  if (const char* env = std::getenv("FITKIT_NUM_THREADS")) {
    char* end = nullptr;
    const long n = std::strtol(env, &end, 10);
    if (end != env && *end == '\0' && n > 0 && n < 4096) return static_cast<int>(n);
  }
  return 0;
}

// Applies FITKIT_NUM_THREADS when the library is loaded.
const bool initialised = [] {
  if (const int n = from_environment(); n > 0) set_num_threads(n);
  return true;
}();

}  // namespace

void set_num_threads(int n) {
  current = n > 0 ? n : all_cores();
  omp_set_num_threads(current);
  set_blas_threads(current);
}

int get_num_threads() {
  return current > 0 ? current : omp_get_max_threads();
}

}  // namespace fitkit
