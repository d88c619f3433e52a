// The programs' OpenMP threads wait without spinning (DESIGN.md §7). By default libgomp has
// a thread that waits for work spin for about 300,000 rounds before it sleeps: on the
// project's machine a worker burnt 7 ms of CPU after every parallel region, taken from
// whatever else the machine runs. With OMP_WAIT_POLICY=passive a waiting thread sleeps at
// once, and waking it costs microseconds, nothing next to a region worth threads
// (src/core/parallel.hpp).
//
// libgomp reads the variable once, in its own initialiser, before main. An entry in the
// program's .preinit_array runs before any shared library's initialiser, but also before
// libc's, which then resets `environ` to the environment the kernel passed: a setenv made
// there is lost (glibc 2.36). So the hook starts the program again, from its first
// instruction, with the variable added. That second exec costs about 16 ms of CPU on the
// project's machine, as much as a whole fit of iris, so it is made only where threads can be
// used at all: a data file of at least kThreadedDataBytes and more than one thread (no
// --threads 1, no FITKIT_NUM_THREADS=1). Below that size hardly any kernel's work is worth a
// second thread, and those few regions are short.
//
// A user's own OMP_WAIT_POLICY, or GOMP_SPINCOUNT, is left alone and skips the second exec
// (as does valgrind's, which would run the second program outside the tool: set either).

#include <alloca.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

namespace {

constexpr off_t kThreadedDataBytes = off_t{1} << 20;

bool sets(const char* entry, const char* name) {
  const std::size_t length = std::strlen(name);
  return std::strncmp(entry, name, length) == 0 && entry[length] == '=';
}

// The value of `--name value` or `--name=value` in argv, or nullptr.
const char* option(char** argv, const char* name) {
  const std::size_t length = std::strlen(name);
  for (int i = 1; argv[i] != nullptr; ++i) {
    if (std::strncmp(argv[i], name, length) != 0) continue;
    if (argv[i][length] == '=') return argv[i] + length + 1;
    if (argv[i][length] == '\0') return argv[i + 1];
  }
  return nullptr;
}

bool may_use_threads(char** argv, bool one_thread_by_default) {
  const char* threads = option(argv, "--threads");
  if (threads != nullptr ? std::strcmp(threads, "1") == 0 : one_thread_by_default) return false;
  const char* data = option(argv, "--data");
  struct stat file;
  return data != nullptr && ::stat(data, &file) == 0 && file.st_size >= kThreadedDataBytes;
}

// Runs before libc is initialised: only functions that need no initialisation (no getenv, no
// malloc, no stdio).
void wait_passively_unless_told(int /*argc*/, char** argv, char** envp) {
  if (argv == nullptr || argv[0] == nullptr || envp == nullptr) return;
  // Started as `ld.so program ...`: /proc/self/exe is the loader, not the program, so there is
  // nothing to start again. (Only then has a dynamically linked program no interpreter base.)
  if (::getauxval(AT_BASE) == 0) return;
  std::size_t n = 0;
  bool one_thread = false;
  for (; envp[n] != nullptr; ++n) {
    if (sets(envp[n], "OMP_WAIT_POLICY") || sets(envp[n], "GOMP_SPINCOUNT")) return;
    one_thread = one_thread || std::strcmp(envp[n], "FITKIT_NUM_THREADS=1") == 0 ||
                 std::strcmp(envp[n], "OMP_NUM_THREADS=1") == 0;
  }
  if (!may_use_threads(argv, one_thread)) return;
  auto** environment = static_cast<char**>(alloca((n + 2) * sizeof(char*)));
  std::memcpy(environment, envp, n * sizeof(char*));
  static char passive[] = "OMP_WAIT_POLICY=passive";
  environment[n] = passive;
  environment[n + 1] = nullptr;
  ::execve("/proc/self/exe", argv, environment);
  // Still here (no /proc): run on with libgomp's default policy.
}

[[gnu::section(".preinit_array"),
  gnu::used]] void (*const wait_policy_hook)(int, char**, char**) = wait_passively_unless_told;

}  // namespace
