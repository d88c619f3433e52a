#!/usr/bin/env bash
# Builds everything and runs the whole test suite: installs what is missing, builds the
# release preset, smoke-runs the libFuzzer targets (clang build), then runs CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/deps.sh
fitkit_install_missing
jobs=$(nproc)
cmake --preset release >/dev/null
cmake --build --preset release -j"$jobs"
scripts/fuzz_smoke.sh
ctest --preset release -j"$jobs"
