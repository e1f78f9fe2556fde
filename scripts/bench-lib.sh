# Sourced by the city-scale benchmarks (bench.sh, bench-quarter.sh, bench-statements.sh, bench-kiosk.sh): the cached
# city database, a supervisor (or another role) to sign in as,
# and a real server on a loopback port over $RUN_DB. Expects SERVER_BIN, RUN_DB and WORK to be set.

# bench_user DB [ROLE]: sets BUSER and PW (a supervisor unless ROLE is given). A random password is now and then
# refused as too systematic by the password check: draw another.
bench_user() {
  BUSER="bench_$(date +%s)"
  for _ in 1 2 3 4 5; do
    PW="bench-$(head -c 12 /dev/urandom | base64 | tr '+/' '-_')"
    echo "$PW" | "$SERVER_BIN" user add "$BUSER" --role "${2:-supervisor}" --password-stdin --db "$1" >/dev/null && return 0
  done
  return 1
}

# median: the median of the numbers on stdin, one a line (the mean of the middle two for an even count).
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# city_db [WHO]: the city-scale database cached in $BENCH (city-<key>.db, keyed on the generator and the schema),
# generated again only when one of them changed (about 2 minutes; older copies removed): sets DB and GEN_LOG (the
# generation's summary line). WHO names the benchmark in the progress line. Expects ROOT, SERVER_BIN and BENCH.
city_db() {
  local key
  key="$(cat "$ROOT/shared/src/demo_city.cpp" "$ROOT/server/store/schema.cpp" "$ROOT/server/store/demo_loader.cpp" | sha256sum | cut -c1-16)"
  DB="$BENCH/city-$key.db"
  GEN_LOG="$BENCH/city-$key.log"
  if [ ! -f "$DB" ]; then
    rm -f "$BENCH"/city-*.db "$BENCH"/city-*.log
    echo "[bench${1:+ $1}] generating the city-scale database (cached in $DB)" >&2
    "$SERVER_BIN" init --db "$DB" --scale city --seed 20261123 | head -n1 | tee "$GEN_LOG" >&2
  fi
}

# work_copy: a temporary $WORK (removed on exit, with the server start_server started) holding RUN_DB, a copy of $DB
# and its WAL: the benchmark writes to the copy, never to the cached city.
work_copy() {
  WORK="$(mktemp -d)"
  SERVER_PID=""
  trap 'cleanup_work' EXIT
  RUN_DB="$WORK/city.db"
  cp "$DB" "$RUN_DB"
  sync "$RUN_DB"   # written back before anything is timed: the copy's writeback (GBs) would queue the server's fsyncs
  if [ -f "$DB-wal" ]; then cp "$DB-wal" "$RUN_DB-wal"; fi
}
cleanup_work() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }

# prime_copy: one server start on $RUN_DB before anything is timed, left running a few seconds: what a first start on
# a copy of a cached database does once (indicator aggregates rebuilt for rules newer than the copy, 6 s of CPU at
# city scale; the orders that went overdue since the copy was made escalated) would otherwise run beside the first
# round's requests — a server that has been running has done it.
prime_copy() {
  start_server
  sleep "${YIYANG_BENCH_PRIME_S:-8}"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}

# start_server: serves $RUN_DB on a free port, signed in as $BUSER: sets SERVER_PID, BASE and COOKIE.
start_server() {
  rm -f "$WORK/port"
  "$SERVER_BIN" serve --db "$RUN_DB" --port 0 --port-file "$WORK/port" >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 600); do [ -s "$WORK/port" ] && break; sleep 0.1; done
  BASE="http://127.0.0.1:$(cat "$WORK/port")"
  COOKIE="$(curl -fsS -D - -o /dev/null -H 'Content-Type: application/json' -H 'X-Yiyang-Request: 1' \
    -d "{\"username\":\"$BUSER\",\"password\":\"$PW\"}" "$BASE/api/v1/session" | grep -i '^set-cookie:' |
    sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r')"
}
