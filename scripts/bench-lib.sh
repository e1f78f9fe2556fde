# Sourced by the city-scale benchmarks (bench.sh, bench-quarter.sh, bench-statements.sh): a supervisor to sign in as,
# and a real server on a loopback port over $RUN_DB. Expects SERVER_BIN, RUN_DB and WORK to be set.

# bench_user DB: sets BUSER and PW. A random password is now and then refused as too systematic by the password
# check: draw another.
bench_user() {
  BUSER="bench_$(date +%s)"
  for _ in 1 2 3 4 5; do
    PW="bench-$(head -c 12 /dev/urandom | base64 | tr '+/' '-_')"
    echo "$PW" | "$SERVER_BIN" user add "$BUSER" --role supervisor --password-stdin --db "$1" >/dev/null && return 0
  done
  return 1
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

# city_db WHO: sets DB to the cached city database ($BENCH/city-<key>.db, keyed on the generator and the schema),
# generated first when missing. Expects SERVER_BIN, BENCH and ROOT.
city_db() {
  local key
  key="$(cat "$ROOT/shared/src/demo_city.cpp" "$ROOT/server/store/schema.cpp" "$ROOT/server/store/demo_loader.cpp" | sha256sum | cut -c1-16)"
  DB="$BENCH/city-$key.db"
  if [ ! -f "$DB" ]; then
    echo "[bench $1] generating the city-scale database ($DB)" >&2
    "$SERVER_BIN" init --db "$DB" --scale city --seed 20261123 | head -n1 >&2
  fi
}
