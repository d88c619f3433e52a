#pragma once
// One knob for all parallelism: our OpenMP loops and OpenBLAS. The default is every core,
// or FITKIT_NUM_THREADS when set. Our parallel regions run BLAS single-threaded (an
// OpenMP-built OpenBLAS does that by itself inside a parallel region), so the two never
// oversubscribe the cores.

namespace fitkit {

// n <= 0 means all cores. Applies to OpenMP and to OpenBLAS.
void set_num_threads(int n);
int get_num_threads();

}  // namespace fitkit
