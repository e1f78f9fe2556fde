#!/usr/bin/env bash
# The public portal's first load (./yiyang bench portal; issue 12 "Speed": ≤ 100 KB compressed and ≤ 1 s): a
# demo-scale server with the built site (build/site, which assembles web/portal/), tests/e2e/bench-portal.mjs
# (prints a Markdown table; docs/BENCHMARKS.md is written by hand from it, with the date and the machine's load).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
SERVER_BIN="${YIYANG_BENCH_SERVER:-$BUILD/native/server/yiyang-server}"
SITE="${YIYANG_BENCH_SITE:-$BUILD/site}"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
[ -f "$SITE/portal/index.html" ] || { echo "no $SITE/portal/index.html: build the site first (./yiyang build)" >&2; exit 1; }
"$SERVER_BIN" init --db "$WORK/demo.db" --seed 20261123 --scale demo >/dev/null
"$SERVER_BIN" serve --db "$WORK/demo.db" --port 0 --port-file "$WORK/port" --web "$SITE" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do [ -s "$WORK/port" ] && break; sleep 0.1; done
echo "[bench] portal first load, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
cd "$ROOT/tests/e2e"
YIYANG_BASE_URL="http://127.0.0.1:$(cat "$WORK/port")" node bench-portal.mjs "${YIYANG_BENCH_PORTAL_RUNS:-9}"
