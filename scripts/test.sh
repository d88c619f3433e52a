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
ctest --preset release -j"$jobs" --no-tests=error
# The tests whose results depend on how BLAS sums, once more under a second OpenBLAS kernel, so
# that an assumption true of one kernel fails here rather than on a user's machine (the one
# picked for the CPU, or OPENBLAS_CORETYPE where it is set, ran above). Prescott (SSE3) runs on
# every x86-64; elsewhere OpenBLAS would not know the name.
# OpenBLAS falls back to the detected kernel on a name it does not know: it must have taken it.
if [ "$(uname -m)" = x86_64 ]; then
  core=$(OPENBLAS_VERBOSE=2 OPENBLAS_CORETYPE=Prescott build/release/bin/fitkit --version 2>&1 |
    sed -n 's/^Core: //p')
  if [ "$core" != Prescott ]; then
    echo "OpenBLAS did not take the Prescott kernel (got '$core')" >&2
    exit 1
  fi
  OPENBLAS_CORETYPE=Prescott ctest --preset release -j"$jobs" -L 'determinism|reference' \
    --no-tests=error
fi
