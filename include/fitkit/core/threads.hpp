#pragma once
// One knob for all parallelism: our OpenMP loops and OpenBLAS. The default is every core,
// or FITKIT_NUM_THREADS when set. Our parallel regions run BLAS single-threaded (an
// OpenMP-built OpenBLAS does that by itself inside a parallel region), so the two never
// oversubscribe the cores. Each kernel uses only the threads its work is worth: small
// problems run on one thread whatever the setting.
//
// How idle threads wait is libgomp's to decide, from the environment when it is loaded: on a
// machine shared with other programs, start yours with OMP_WAIT_POLICY=passive, or idle
// threads spin for milliseconds after each parallel region (docs/cpp_api.md, Threads).

namespace fitkit {

// n <= 0 means all cores. Applies to OpenMP and to OpenBLAS.
void set_num_threads(int n);
int get_num_threads();

}  // namespace fitkit
