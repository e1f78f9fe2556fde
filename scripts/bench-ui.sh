#!/usr/bin/env bash
# The dashboard's CPU per interaction under SwiftShader alone (./yiyang bench ui): a demo-scale server with the
# built site, a supervisor, tests/e2e/bench-ui.mjs (prints a Markdown table; docs/BENCHMARKS.md untouched — the
# full ./yiyang bench writes the same table there).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
SERVER_BIN="${YIYANG_BENCH_SERVER:-$BUILD/native/server/yiyang-server}"
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
"$SERVER_BIN" init --db "$WORK/demo.db" --seed 20261123 --scale demo >/dev/null
BUSER="bench_$(date +%s)"
for _ in 1 2 3 4 5; do
  PW="bench-$(head -c 12 /dev/urandom | base64 | tr '+/' '-_')"
  echo "$PW" | "$SERVER_BIN" user add "$BUSER" --role supervisor --password-stdin --db "$WORK/demo.db" >/dev/null && break
done
"$SERVER_BIN" serve --db "$WORK/demo.db" --port 0 --port-file "$WORK/port" --web "$BUILD/site" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do [ -s "$WORK/port" ] && break; sleep 0.1; done
echo "[bench] dashboard CPU per interaction (SwiftShader), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
cd "$ROOT/tests/e2e"
YIYANG_BASE_URL="http://127.0.0.1:$(cat "$WORK/port")" YIYANG_BENCH_USER="$BUSER" YIYANG_BENCH_PASSWORD="$PW" \
  node bench-ui.mjs "${YIYANG_BENCH_UI_RUNS:-7}"
