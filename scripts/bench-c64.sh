#!/usr/bin/env bash
# Only the 64-connection latency part of the bench (issue 8 item 8), against an existing city database, for one
# server binary or several compared A/B in the same run (runs alternate between the binaries, medians of ROUNDS).
#   scripts/bench-c64.sh [BINARY ...]          (default: build/native/server/yiyang-server)
# Env: YIYANG_BENCH_DB (default: the cached build/bench/city-*.db), YIYANG_BENCH_ROUNDS (3), YIYANG_BENCH_SECONDS
# (10), YIYANG_BENCH_CONNS (64), YIYANG_BENCH_ONLY (names of the requests to measure, e.g. "order_page kpis"). The database is copied first; the copy is served by every binary (WAL, one
# process measured at a time). Also measures GET /api/v1/health, the transport's floor.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROUNDS="${YIYANG_BENCH_ROUNDS:-3}"
DURATION="${YIYANG_BENCH_SECONDS:-10}"
CONNS="${YIYANG_BENCH_CONNS:-64}"
DB_SRC="${YIYANG_BENCH_DB:-$(ls -t "$ROOT"/build/bench/city-*.db 2>/dev/null | head -n1)}"
[ -f "$DB_SRC" ] || { echo "no city database: run ./yiyang bench once, or set YIYANG_BENCH_DB" >&2; exit 2; }
BINS=("$@")
[ ${#BINS[@]} -gt 0 ] || BINS=("$ROOT/build/native/server/yiyang-server")

WORK="$(mktemp -d)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
DB="$WORK/city.db"
cp "$DB_SRC" "$DB"
[ -f "$DB_SRC-wal" ] && cp "$DB_SRC-wal" "$DB-wal"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

BUSER="bench_$(date +%s)"
for _ in 1 2 3 4 5; do
  PW="bench-$(head -c 12 /dev/urandom | base64 | tr '+/' '-_')"
  echo "$PW" | "${BINS[0]}" user add "$BUSER" --role supervisor --password-stdin --db "$DB" >/dev/null && break
done

BASES=() COOKIES=()
for i in "${!BINS[@]}"; do
  "${BINS[$i]}" serve --db "$DB" --port 0 --port-file "$WORK/port.$i" >"$WORK/server.$i.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 600); do [ -s "$WORK/port.$i" ] && break; sleep 0.1; done
  base="http://127.0.0.1:$(cat "$WORK/port.$i")"
  BASES+=("$base")
  COOKIES+=("$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' -H 'X-Yiyang-Request: 1' \
    -d "{\"username\":\"$BUSER\",\"password\":\"$PW\"}" "$base/api/v1/session" | grep -i '^set-cookie:' |
    sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r')")
done

sql() { /usr/bin/python3 -c 'import sqlite3,sys; c=sqlite3.connect("file:"+sys.argv[1]+"?mode=ro",uri=True); print(*c.execute(sys.argv[2]).fetchone())' "$DB" "$1"; }
MONTH="$(sql "SELECT strftime('%Y-%m', date(MAX(created_at), 'unixepoch', 'start of month', '-1 month')) FROM work_orders")"
# kpis_gz: the kpis request with Accept-Encoding: gzip (as browsers send it through nginx); only when asked for.
NAMES=(health overview order_page kpis kpis_gz)
PATHS=("/api/v1/health" "/api/v1/overview" "/api/v1/orders?town=5&status=closed&period=$MONTH&sort=-created_at&page=3"
       "/api/v1/kpis?period=$MONTH" "/api/v1/kpis?period=$MONTH")
keep_n=() keep_p=()
for k in "${!NAMES[@]}"; do
  case " ${YIYANG_BENCH_ONLY:-health overview order_page kpis} " in
    *" ${NAMES[$k]} "*) keep_n+=("${NAMES[$k]}"); keep_p+=("${PATHS[$k]}") ;;
  esac
done
NAMES=("${keep_n[@]}") PATHS=("${keep_p[@]}")
for i in "${!BINS[@]}"; do   # warm: each reply once (fills the caches the bench means to measure)
  for p in "${PATHS[@]}"; do curl -fsS -o /dev/null -H "Cookie: ${COOKIES[$i]}" "${BASES[$i]}$p"; done
done

for r in $(seq 1 "$ROUNDS"); do
  for k in "${!NAMES[@]}"; do
    for i in "${!BINS[@]}"; do
      extra=()
      [ "${NAMES[$k]}" = kpis_gz ] && extra=(-H "Accept-Encoding: gzip")
      wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency -H "Cookie: ${COOKIES[$i]}" "${extra[@]}" \
        "${BASES[$i]}${PATHS[$k]}" >"$WORK/wrk.${NAMES[$k]}.$i.$r" 2>&1
    done
  done
  echo "[bench-c64] round $r of $ROUNDS done (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done

/usr/bin/python3 - "$WORK" "$ROUNDS" "${#BINS[@]}" "$CONNS" "$LOAD_START" "$(cut -d' ' -f1-3 /proc/loadavg)" \
  "${NAMES[*]}" "${PATHS[*]}" "${BINS[@]}" <<'PY'
import re, statistics, sys
work, rounds, nbins, conns, load0, load1, names, paths = sys.argv[1:9]
bins = sys.argv[9:]
rounds, nbins = int(rounds), int(nbins)
names, paths = names.split(), paths.split()
def ms(v, unit): return float(v) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
def parse(t):
    p50 = ms(*re.search(r"^\s+50%\s+([\d.]+)(us|ms|s)", t, re.M).groups())
    p99 = ms(*re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)", t, re.M).groups())
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", t)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", t)
    return p50, p99, rps, (int(bad.group(1)) if bad else 0) + (sum(map(int, sock.groups())) if sock else 0)
print(f"wrk -t2 -c{conns} --latency, medians of {rounds} runs; load average {load0} at the start, {load1} at the end")
for i, b in enumerate(bins): print(f"  [{i}] {b}")
print(f"| request | binary | p50 ms | p99 ms | req/s | non-2xx | p99 runs |")
print("|---|---|---|---|---|---|---|")
med = {}
for n, p in zip(names, paths):
    for i in range(nbins):
        runs = [parse(open(f"{work}/wrk.{n}.{i}.{r}").read()) for r in range(1, rounds + 1)]
        m = tuple(statistics.median(x[j] for x in runs) for j in range(3)) + (sum(x[3] for x in runs),)
        med[n, i] = m
        label = f"`GET {p}`" + (" (Accept-Encoding: gzip)" if n.endswith("_gz") else "")
        print(f"| {label} | [{i}] | {m[0]:.2f} | {m[1]:.2f} | {m[2]:.0f} | {m[3]} | "
              f"{' / '.join(f'{x[1]:.1f}' for x in runs)} |")
if nbins > 1:
    print("ratios [i] / [0] (p50, p99, req/s):")
    for n in names:
        for i in range(1, nbins):
            a, b = med[n, 0], med[n, i]
            print(f"  {n} [{i}]: p50 {b[0] / a[0]:.2f}  p99 {b[1] / a[1]:.2f}  req/s {b[2] / a[2]:.2f}")
PY
