#pragma once
// FITKIT_VECTOR_CLONES before a function compiles it twice: for AVX2, chosen when the program
// loads on a CPU that has it, and for the baseline x86-64. Only for loops whose arithmetic is
// the same either way (elementwise, or sums kept in order; no FMA contraction under
// -std=c++20), so both give the same bits. Elsewhere (another compiler or CPU) it is nothing.

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define FITKIT_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define FITKIT_VECTOR_CLONES
#endif
