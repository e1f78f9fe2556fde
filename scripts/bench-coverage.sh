#!/usr/bin/env bash
# ./yiyang bench coverage: the 15-minute service circle (shared coverage_all) for 600 000 generated elders and 1 200
# service points, every category of the seed rule, natively and in WebAssembly under node (the dashboard's map runs
# the same wasm code). Hidden Catch2 case [coverage_bench] of test_shared; table on stdout, docs/BENCHMARKS.md
# untouched. Issue 12's bound: ≤ 1 s.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NATIVE="${YIYANG_TEST_NATIVE:-$ROOT/build/native}"
WASM="${YIYANG_TEST_WASM:-$ROOT/build/wasm}"
RUNS="${YIYANG_BENCH_ROUNDS:-3}"
export NODE_PATH=/usr/share/nodejs
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$RUNS"); do
  printf 'native  run %s: ' "$i"; "$NATIVE/test_shared" "[coverage_bench]" | sed -n 's/.*coverage-bench: //p'
  printf 'wasm    run %s: ' "$i"; node --no-experimental-fetch "$WASM/test_shared.js" "[coverage_bench]" | sed -n 's/.*coverage-bench: //p'
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
