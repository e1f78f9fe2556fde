#!/usr/bin/env bash
# ./yiyang bench map: the service map's reply, GET /api/v1/coverage (issue 12, the map part), at city scale — a real
# server on a copy of the city database (600 000 elders, every service point): the first request of a category after
# start (cold: the elders' homes and the points read from SQLite, the circle, regions, density cells, suppression,
# the reply serialized), the same again (warm: the cached reply), then each other category (the inputs cached, the
# circle computed) — beside the naive reference: the sqlite3 shell reading the same rows (elders' town and position,
# the points with their providers' categories) into /dev/null. Medians of ROUNDS server starts. Table on stdout;
# docs/BENCHMARKS.md is edited by hand from it. Issue 12's bound: coverage for 600 000 elders and all points ≤ 1 s.
#   YIYANG_BENCH_DB: the database (default build/bench/city-*.db, generated if missing); YIYANG_BENCH_ROUNDS (3).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER_BIN="${YIYANG_BENCH_SERVER:-$ROOT/build/native/server/yiyang-server}"
BENCH="${YIYANG_BENCH_DIR:-$ROOT/build/bench}"
ROUNDS="${YIYANG_BENCH_ROUNDS:-3}"
command -v sqlite3 >/dev/null || { echo "sqlite3 missing (apt-get install sqlite3)"; exit 1; }
mkdir -p "$BENCH"
. "$ROOT/scripts/bench-lib.sh"
DB="${YIYANG_BENCH_DB:-}"
if [ -z "$DB" ]; then city_db map; fi
WORK="$(mktemp -d)"
SERVER_PID=""
trap 'if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; fi; wait 2>/dev/null; rm -rf "$WORK"' EXIT
RUN_DB="$WORK/map.db"
cp "$DB" "$RUN_DB"
sync "$RUN_DB"   # written back before anything is timed (see bench-lib.sh work_copy)
if [ -f "$DB-wal" ]; then cp "$DB-wal" "$RUN_DB-wal"; fi
bench_user "$RUN_DB"
ms() { awk -v s="$1" 'BEGIN {printf "%.0f\n", s * 1000}'; }   # one value a line: median reads lines
get() {   # seconds for one request (and its status)
  curl -s -o "$WORK/reply.json" -w '%{http_code} %{time_total}\n' -H "Cookie: $COOKIE" "$BASE$1"
}
elders="$(sqlite3 -readonly "$RUN_DB" "SELECT COUNT(*) FROM elders WHERE status = 'active' AND (lat_e6 <> 0 OR lon_e6 <> 0)")"
points="$(sqlite3 -readonly "$RUN_DB" "SELECT COUNT(*) FROM service_points")"
echo "[bench map] load at start: $(cut -d' ' -f1-3 /proc/loadavg); $elders active elders with a position, $points service points" >&2
: >"$WORK/cold"; : >"$WORK/warm"; : >"$WORK/others"; : >"$WORK/ref"
for i in $(seq 1 "$ROUNDS"); do
  sync; start_server
  read -r code t < <(get "/api/v1/coverage?category=any")
  [ "$code" = 200 ] || { echo "coverage replied $code: $(head -c 300 "$WORK/reply.json")"; exit 1; }
  ms "$t" >>"$WORK/cold"
  size="$(stat -c %s "$WORK/reply.json")"
  gz="$(gzip -6 -c "$WORK/reply.json" | wc -c)"
  read -r code t < <(get "/api/v1/coverage?category=any"); ms "$t" >>"$WORK/warm"
  total=0
  for c in meals day_care rehabilitation medical_escort; do
    read -r code t < <(get "/api/v1/coverage?category=$c"); [ "$code" = 200 ] || exit 1
    total="$(awk -v a="$total" -v b="$t" 'BEGIN {print a + b}')"
  done
  ms "$(awk -v a="$total" 'BEGIN {print a / 4}')" >>"$WORK/others"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  s0="$(date +%s.%N)"
  sqlite3 -readonly "$RUN_DB" >/dev/null <<'SQL'
SELECT town_id, lat_e6, lon_e6 FROM elders WHERE status = 'active' AND (lat_e6 <> 0 OR lon_e6 <> 0);
SELECT c.provider_id, c.category FROM provider_categories c JOIN providers p ON p.id = c.provider_id WHERE p.status <> 'removed' ORDER BY c.provider_id, c.category;
SELECT s.id, s.provider_id, s.name, s.town_id, s.lat_e6, s.lon_e6 FROM service_points s JOIN providers p ON p.id = s.provider_id WHERE p.status <> 'removed' ORDER BY s.id;
SELECT * FROM towns;
SQL
  s1="$(date +%s.%N)"
  ms "$(awk -v a="$s0" -v b="$s1" 'BEGIN {print b - a}')" >>"$WORK/ref"
done
cold="$(median <"$WORK/cold")"; warm="$(median <"$WORK/warm")"; others="$(median <"$WORK/others")"; ref="$(median <"$WORK/ref")"
echo "| path | median ms (of $ROUNDS) | budget |"
echo "|---|---|---|"
echo "| cold: first request after start, category any (read + circle + map + JSON) | $cold | ≤ 1 000 |"
echo "| warm: the same again (cached reply) | $warm | — |"
echo "| another category, inputs cached (mean of 4) | $others | ≤ 1 000 |"
echo "| naive reference: sqlite3 shell reading the same rows | $ref | — |"
echo "cold / reference: $(awk -v a="$cold" -v b="$ref" 'BEGIN {printf "%.2f", a / b}'); reply $size bytes ($gz gzipped)"
echo "[bench map] load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
