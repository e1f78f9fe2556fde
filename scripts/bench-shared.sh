#!/usr/bin/env bash
# ./yiyang bench scorecard | coverage: a shared/ computation timed natively and in WebAssembly under node (the
# browser runs the same wasm code), from the hidden Catch2 case [NAME_bench] of test_shared; table on stdout,
# docs/BENCHMARKS.md untouched.
#   scorecard: one what-if recomputation of a monthly assessment (every sheet → parts, totals, grade, payout, the
#              reply) over 1 000 generated months. Issue 11's bound: ≤ 1 ms per recomputation in the browser.
#   coverage:  the 15-minute service circle for 600 000 elders and 1 200 points, every category of the seed rule.
#              Issue 12's bound: ≤ 1 s.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NAME="${1:?scorecard or coverage}"
NATIVE="${YIYANG_TEST_NATIVE:-$ROOT/build/native}"
WASM="${YIYANG_TEST_WASM:-$ROOT/build/wasm}"
RUNS="${YIYANG_BENCH_ROUNDS:-3}"
export NODE_PATH=/usr/share/nodejs
echo "load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$RUNS"); do
  printf 'native  run %s: ' "$i"; "$NATIVE/test_shared" "[${NAME}_bench]" | sed -n "s/.*${NAME}-bench: //p"
  printf 'wasm    run %s: ' "$i"; node --no-experimental-fetch "$WASM/test_shared.js" "[${NAME}_bench]" | sed -n "s/.*${NAME}-bench: //p"
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
