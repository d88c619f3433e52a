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

// FITKIT_FUSED_CLONES: as FITKIT_VECTOR_CLONES, with one more clone for CPUs with FMA, where
// each multiply and add becomes one fused instruction: twice the arithmetic per cycle, and
// other bits than the other clones give. Only for sums whose rounding the caller bounds and
// settles exactly where it matters (k-means' scores, whose near ties are decided again from
// the differences).
#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define FITKIT_FUSED_CLONES \
  __attribute__((target_clones("arch=haswell", "avx2", "default"), optimize("fp-contract=fast")))
#else
#define FITKIT_FUSED_CLONES
#endif
