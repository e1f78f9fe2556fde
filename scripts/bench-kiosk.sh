#!/usr/bin/env bash
# `./yiyang bench kiosk` (issue 12, kiosk-ui): GET /api/v1/public/figures — what every exhibition-hall kiosk polls —
# at city scale, as a kiosk user. Cold: the first request after the server started (nothing cached: the overview's
# counts, the month's indicators, today's counts, providers and points, the articles), ROUNDS times. Warm: an
# open-loop load at a fixed RATE requests/s for SECONDS (node's http with keep-alive; each
# request is sent on its schedule whether or not the one before has answered, so a slow reply cannot hide the queue
# behind it — wrk is closed-loop), p50 / p99 / max. Budget (issue 12): p99 ≤ 10 ms at 200 requests/s. Table on stdout.
# Env: YIYANG_BENCH_RATE (200), YIYANG_BENCH_SECONDS (20), YIYANG_BENCH_ROUNDS (3), YIYANG_BENCH_DB (a city database;
# default the cached build/bench/city-*.db, generated when missing), YIYANG_BENCH_SERVER.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
SERVER_BIN="${YIYANG_BENCH_SERVER:-$BUILD/native/server/yiyang-server}"
BENCH="${YIYANG_BENCH_DIR:-$BUILD/bench}"
RATE="${YIYANG_BENCH_RATE:-200}"
DURATION="${YIYANG_BENCH_SECONDS:-20}"
ROUNDS="${YIYANG_BENCH_ROUNDS:-3}"
mkdir -p "$BENCH"
. "$ROOT/scripts/bench-lib.sh"
if [ -n "${YIYANG_BENCH_DB:-}" ]; then DB="$YIYANG_BENCH_DB"; else city_db; fi
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

work_copy
bench_user "$RUN_DB" kiosk
URL_PATH="/api/v1/public/figures"

cold=() p50=() p99=() pmax=() sent=() errs=()
for r in $(seq 1 "$ROUNDS"); do
  start_server                                    # a fresh process: nothing cached
  cold+=("$(curl -fsS -o "$WORK/reply.json" -w '%{time_total}' -H "Cookie: $COOKIE" "$BASE$URL_PATH" |
    awk '{printf "%.1f", $1 * 1000}')")
  out="$(node - "$BASE$URL_PATH" "$COOKIE" "$RATE" "$DURATION" <<'JS'
const http = require('http');
const [url, cookie, rate, seconds] = [process.argv[2], process.argv[3], Number(process.argv[4]), Number(process.argv[5])];
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const lat = [];
let errors = 0, done = 0;
const total = Math.round(rate * seconds);
const t0 = performance.now();
function one(i) {
  const due = t0 + (i * 1000) / rate;                 // the schedule, not the previous reply
  // Timed from the schedule (a request sent late counts its wait), or from the send when a timer fired early
  // (node's millisecond timers can: a latency below zero measured nothing).
  const from = Math.min(due, performance.now());
  const req = http.get(url, { agent, headers: { Cookie: cookie, 'X-Yiyang-Request': '1' } }, (res) => {
    res.on('data', () => {});
    res.on('end', () => {
      if (res.statusCode !== 200) errors++;
      lat.push(performance.now() - from);
      if (++done === total) finish();
    });
  });
  req.on('error', () => { errors++; if (++done === total) finish(); });
}
for (let i = 0; i < total; i++) setTimeout(() => one(i), Math.max(0, t0 + (i * 1000) / rate - performance.now()));
function finish() {
  lat.sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
  console.log(`${q(0.5).toFixed(2)} ${q(0.99).toFixed(2)} ${lat[lat.length - 1].toFixed(2)} ${total} ${errors}`);
  process.exit(0);
}
JS
)"
  read -r a b c d e <<<"$out"
  p50+=("$a"); p99+=("$b"); pmax+=("$c"); sent+=("$d"); errs+=("$e")
  kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  echo "[bench-kiosk] round $r of $ROUNDS: cold ${cold[-1]} ms, p50 $a ms, p99 $b ms, max $c ms, $d sent, $e errors (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done
SIZE="$(wc -c <"$WORK/reply.json")"
median() { printf '%s\n' "$@" | sort -g | awk '{v[NR]=$1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
total_errs=0; for e in "${errs[@]}"; do total_errs=$((total_errs + e)); done
echo
echo "| \`GET $URL_PATH\` (database $(basename "$DB"), kiosk user; reply $SIZE bytes) | cold ms | warm p50 ms | warm p99 ms | warm max ms | req/s | requests | non-200 | budget |"
echo "|---|---|---|---|---|---|---|---|---|"
echo "| medians of $ROUNDS rounds (cold: ${cold[*]}; p99: ${p99[*]}) | $(median "${cold[@]}") | $(median "${p50[@]}") | $(median "${p99[@]}") | $(median "${pmax[@]}") | $RATE (open loop, ${DURATION} s) | ${sent[0]} × $ROUNDS | $total_errs | p99 ≤ 10 ms |"
echo
echo "Load average $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, shared."
