#!/usr/bin/env bash
# ./yiyang bench scorecard: one what-if recomputation of a monthly assessment (every sheet of a month → parts,
# totals, grade, payout, the reply), over 1 000 generated months, natively and in WebAssembly under node (the
# browser runs the same wasm code). Hidden Catch2 case [scorecard_bench] of test_shared; table on stdout,
# docs/BENCHMARKS.md untouched. Issue 11's bound: ≤ 1 ms per recomputation in the browser.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NATIVE="${YIYANG_TEST_NATIVE:-$ROOT/build/native}"
WASM="${YIYANG_TEST_WASM:-$ROOT/build/wasm}"
RUNS="${YIYANG_BENCH_ROUNDS:-3}"
export NODE_PATH=/usr/share/nodejs
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$RUNS"); do
  printf 'native  run %s: ' "$i"; "$NATIVE/test_shared" "[scorecard_bench]" | sed -n 's/.*scorecard-bench: //p'
  printf 'wasm    run %s: ' "$i"; node --no-experimental-fetch "$WASM/test_shared.js" "[scorecard_bench]" | sed -n 's/.*scorecard-bench: //p'
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
