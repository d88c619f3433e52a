#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (ASan + UBSan) and runs each briefly on seeds made
# from the bundled data and a saved model. FUZZ_SECONDS (default 20) per target.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-20}
if ! command -v clang++ >/dev/null; then
  echo "fuzz smoke: clang++ not found, skipped" >&2
  exit 0
fi
CXX=clang++ cmake -S . -B build/fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFITKIT_BUILD_FUZZERS=ON \
  -DFITKIT_BUILD_TESTS=OFF -DFITKIT_BUILD_APPS=OFF -DFITKIT_BUILD_BENCH=OFF >/dev/null
cmake --build build/fuzz -j"$(nproc)"
for target in build/fuzz/fuzz/fuzz_*; do
  [ -x "$target" ] || continue
  name=$(basename "$target")
  corpus=build/fuzz/corpus/$name
  mkdir -p "$corpus"
  cp -n fuzz/seeds/"$name"/* "$corpus"/ 2>/dev/null || true
  echo "fuzz smoke: $name for ${seconds}s" >&2
  "$target" -max_total_time="$seconds" -max_len=65536 -print_final_stats=0 "$corpus" \
    >build/fuzz/"$name".log 2>&1 || { tail -50 build/fuzz/"$name".log; exit 1; }
done
