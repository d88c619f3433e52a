#!/usr/bin/env bash
# Builds everything and runs the whole test suite: installs what is missing, builds the
# release preset, smoke-runs the libFuzzer targets (clang build), then runs CTest, and its
# determinism and reference tests again under a second OpenBLAS kernel.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
fitkit_install_missing
jobs=$(nproc)
cmake --preset release >/dev/null
cmake --build --preset release -j"$jobs"
scripts/fuzz_smoke.sh
ctest --preset release -j"$jobs"
# The tests whose results depend on how BLAS sums, once more under a second OpenBLAS kernel, so
# that an assumption true of one kernel fails here rather than on a user's machine (the one
# picked for the CPU, or OPENBLAS_CORETYPE where it is set, ran above). Prescott (SSE3) runs on
# every x86-64; elsewhere OpenBLAS would not know the name.
if [ "$(uname -m)" = x86_64 ]; then
  OPENBLAS_CORETYPE=Prescott ctest --preset release -j"$jobs" -L 'determinism|reference'
fi
