#!/usr/bin/env bash
# City-scale benchmarks (./yiyang bench): generation rate, API latency under wrk on loopback, the
# dashboard's transfer size and time to first frame. Writes docs/BENCHMARKS.md.
# The city database is cached in build/bench/ and rebuilt only when the generator or schema changes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
SERVER_BIN="$BUILD/native/server/yiyang-server"
BENCH="$BUILD/bench"
OUT="$ROOT/docs/BENCHMARKS.md"
ROUNDS="${YIYANG_BENCH_ROUNDS:-3}"
DURATION="${YIYANG_BENCH_SECONDS:-10}"
mkdir -p "$BENCH"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

key="$(cat "$ROOT/shared/src/demo_city.cpp" "$ROOT/server/store/schema.cpp" "$ROOT/server/store/demo_loader.cpp" | sha256sum | cut -c1-16)"
DB="$BENCH/city-$key.db"
GEN_LOG="$BENCH/city-$key.log"
if [ ! -f "$DB" ]; then
  rm -f "$BENCH"/city-*.db "$BENCH"/city-*.log
  echo "[bench] generating the city-scale database (cached in $DB)"
  "$SERVER_BIN" init --db "$DB" --scale city --seed 20261123 | head -n1 | tee "$GEN_LOG"
fi
gen_line="$(cat "$GEN_LOG")"

PW="bench-$(head -c 8 /dev/urandom | od -An -tx1 | tr -d ' \n')"
BUSER="bench_$(date +%s)"
echo "$PW" | "$SERVER_BIN" user add "$BUSER" --role supervisor --password-stdin --db "$DB" >/dev/null

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
"$SERVER_BIN" serve --db "$DB" --port 0 --port-file "$WORK/port" --web "$BUILD/site" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do [ -s "$WORK/port" ] && break; sleep 0.1; done
PORT="$(cat "$WORK/port")"
BASE="http://127.0.0.1:$PORT"
COOKIE="$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' -H 'X-Yiyang-Request: 1' \
  -d "{\"username\":\"$BUSER\",\"password\":\"$PW\"}" "$BASE/api/v1/session" | grep -i '^set-cookie:' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r')"

# wrk N times; prints "p50_ms p99_ms req_per_s" medians.
measure() {
  local url="$1" i
  for i in $(seq 1 "$ROUNDS"); do
    wrk -t2 -c8 -d"${DURATION}s" --latency -H "Cookie: $COOKIE" "$url" >"$WORK/wrk.$i" 2>&1
  done
  /usr/bin/python3 - "$WORK" "$ROUNDS" <<'PY'
import re, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
def ms(v, unit):
    return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
p50s, p99s, rps, errs = [], [], [], 0
for i in range(1, rounds + 1):
    t = open(f"{work}/wrk.{i}").read()
    m50 = re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)", t, re.M)
    m99 = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)", t, re.M)
    mr = re.search(r"Requests/sec:\s+([\d.]+)", t)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    if bad: errs += int(bad.group(1))
    p50s.append(ms(*m50.groups())); p99s.append(ms(*m99.groups())); rps.append(float(mr.group(1)))
print(f"{statistics.median(p50s):.2f} {statistics.median(p99s):.2f} {statistics.median(rps):.0f} {errs}")
PY
}

echo "[bench] warming up"
curl -fsS -H "Cookie: $COOKIE" "$BASE/api/v1/overview" >/dev/null
OVERVIEW_URL="$BASE/api/v1/overview"
ELDERS_URL="$BASE/api/v1/elders?town=5&category=living_alone&status=active&page=3&page_size=20"
SEARCH_URL="$BASE/api/v1/elders?q=%E9%99%88%E5%BB%BA&page_size=20"
CATEGORY_URL="$BASE/api/v1/elders?category=empty_nest&page=3&page_size=20"
curl -fsS -H "Cookie: $COOKIE" "$ELDERS_URL" >/dev/null
echo "[bench] wrk: overview"; read -r ov50 ov99 ovrps overr < <(measure "$OVERVIEW_URL")
echo "[bench] wrk: filtered elder page"; read -r el50 el99 elrps elerr < <(measure "$ELDERS_URL")
echo "[bench] wrk: name search"; read -r se50 se99 serps seerr < <(measure "$SEARCH_URL")
echo "[bench] wrk: category filter, all towns"; read -r ca50 ca99 carps caerr < <(measure "$CATEGORY_URL")

# Dashboard transfer size: what a browser downloads, gzip -9 (nginx serves it compressed).
size_rows=""
total_gz=0
for f in index.html style.css loader.js yiyang.js yiyang.wasm yiyang-cjk.otf; do
  [ -f "$BUILD/site/$f" ] || continue
  raw=$(stat -c %s "$BUILD/site/$f")
  gz=$(gzip -9 -c "$BUILD/site/$f" | wc -c)
  total_gz=$((total_gz + gz))
  size_rows+="| $f | $raw | $gz |"$'\n'
done

# Time to first frame in headless Chromium (median of runs).
ffs=""
if [ -f "$ROOT/tests/e2e/first-frame.mjs" ]; then
  ffs="$(cd "$ROOT/tests/e2e" && YIYANG_BASE_URL="$BASE" node first-frame.mjs 5 2>"$WORK/ff.err" || true)"
fi
[ -n "$ffs" ] || ffs="not measured ($(head -c 300 "$WORK/ff.err" 2>/dev/null))"

cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
load="$(cut -d' ' -f1-3 /proc/loadavg)"
cat >"$OUT" <<MD
# Benchmarks

Produced by \`./yiyang bench\` (scripts/bench.sh) on $(date -u '+%Y-%m-%d %H:%M UTC'). Machine: $(nproc) cores
($cpu), $(free -g | awk '/Mem:/{print $2}') GiB, shared and noisy (load average at the start: $LOAD_START; at the end: $load).
Latencies are medians over $ROUNDS wrk runs of ${DURATION} s each (\`wrk -t2 -c8 --latency\`, loopback,
server and wrk on the same 2 cores), signed in as a supervisor.

## City-scale database
$gen_line

Budget: at least 600 000 elders, 400 providers, 2 000 000 work orders and 6 000 000 service records in under
2 minutes (\`yiyang-server init --scale city\`; generation in shared/demo_city.cpp, bulk load with indexes
built afterwards in server/store/demo_loader.cpp).

## API latency at city scale
| endpoint | p50 ms | p99 ms | req/s | non-2xx | budget |
|---|---|---|---|---|---|
| \`GET /api/v1/overview\` | $ov50 | $ov99 | $ovrps | $overr | p99 ≤ 20 ms |
| \`GET /api/v1/elders\` town + category + status, page 3 | $el50 | $el99 | $elrps | $elerr | p99 ≤ 20 ms |
| \`GET /api/v1/elders?q=陈建\` (name prefix) | $se50 | $se99 | $serps | $seerr | — |
| \`GET /api/v1/elders?category=empty_nest\`, page 3 (all towns) | $ca50 | $ca99 | $carps | $caerr | — |

## Dashboard
| file | bytes | gzip -9 bytes |
|---|---|---|
$size_rows| **total** | | **$total_gz** |

Budget: ≤ 3 MB compressed. Time to first frame in headless Chromium (SwiftShader WebGL2, median of 5 loads,
from navigation start): $ffs — budget ≤ 2 s.
MD
echo "[bench] wrote $OUT"
cat "$OUT"
