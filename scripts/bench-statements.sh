#!/usr/bin/env bash
# ./yiyang bench statements: a month's 400 settlement statements with their A4 PDFs (issue 11 "Speed": ≤ 5 s) —
# computed by the shared code, the wire view, the PDFs on both cores (app::statement_pdfs). Hidden Catch2 case
# [.settlement_pdf_bench] of test_server (median of 3 inside each invocation); table on stdout with the load average
# beside it, docs/BENCHMARKS.md untouched. YIYANG_PDF_THREADS=1 for one thread; YIYANG_BENCH_SERVER_TESTS=<binary>
# to A/B another build's test_server.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${YIYANG_BENCH_SERVER_TESTS:-$ROOT/build/native/server/test_server}"
RUNS="${YIYANG_BENCH_ROUNDS:-3}"
for i in $(seq 1 "$RUNS"); do
  printf 'run %s (load %s): ' "$i" "$(cut -d' ' -f1-3 /proc/loadavg)"
  "$BIN" "[.settlement_pdf_bench]" | sed -n 's/.*settlement: //p'
done
echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
