#!/usr/bin/env bash
# Runs every test suite against what ./yiyang build produced, and ends with one line "N passed, N failed"
# (suites). Suites (seven):
#   1. shared domain tests, native                       build/native/test_shared
#   2. the same shared tests compiled to WebAssembly      node build/wasm/test_shared.js
#      (then, in the "shared" group, the scorecard and service-circle digests of both runs compared: same_digest)
#   3. API tests against an in-process server             build/native/server/test_server
#   4. the same API tests through nginx in front of separately started yiyang-servers (three stacks, three processes)
#   5. dashboard end to end in headless Chromium (through nginx): every tests/e2e/*.test.mjs, one at a time
#   6. the in-process API tests built with ASan + UBSan                build/asan/server/test_server
#   7. the dashboard's app layer natively on recorded replies     build/native/tests/client/test_client
#      (in the "shared" group, run after suites 1-2)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
# Overrides for working copies that build elsewhere: YIYANG_TEST_NATIVE / _WASM / _SITE (build folders),
# YIYANG_TEST_ONLY="shared api stack e2e asan" (which groups run; "shared" includes suite 7), YIYANG_E2E_FILES
# (which tests/e2e files), YIYANG_TEST_ASAN (the sanitizer build folder).
NATIVE="${YIYANG_TEST_NATIVE:-$BUILD/native}"
WASM="${YIYANG_TEST_WASM:-$BUILD/wasm}"
SITE="${YIYANG_TEST_SITE:-$BUILD/site}"
ONLY="${YIYANG_TEST_ONLY:-shared api stack e2e asan}"
E2E_FILES="${YIYANG_E2E_FILES:-./*.test.mjs}"
SERVER_BIN="$NATIVE/server/yiyang-server"
export NODE_PATH=/usr/share/nodejs
passed=0
failed=0
failures=()

step() {
  local name="$1"; shift
  local t0; t0=$(date +%s)
  printf '\n\033[1m== %s\033[0m (%s UTC)\n' "$name" "$(date -u +%H:%M:%S)"
  if "$@"; then
    passed=$((passed + 1)); printf '\033[32m-- %s: passed in %d s\033[0m\n' "$name" "$(( $(date +%s) - t0 ))"
  else
    failed=$((failed + 1)); failures+=("$name"); printf '\033[31m-- %s: FAILED after %d s\033[0m\n' "$name" "$(( $(date +%s) - t0 ))"
  fi
}

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

WORK="$(mktemp -d /tmp/yiyang-tests.XXXXXX)"
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# The digest of 1 000 generated monthly scorecards (tests/shared/test_assessment_scorecard.cpp, hidden case
# [scorecard_digest]) from the native and the WebAssembly test binaries: the browser's what-if and the server's
# signed figures come from the same code only if the two agree. Not a recorded value: the two runs are compared.
# The same for the 15-minute service circle ([coverage_digest], tests/shared/test_coverage.cpp).
same_digest() {
  local name="$1" native wasm
  native="$("$NATIVE/test_shared" "[${name}_digest]" | sed -n "s/.*${name}-digest: \([0-9a-f]*\).*/\1/p")"
  wasm="$(node --no-experimental-fetch "$WASM/test_shared.js" "[${name}_digest]" | sed -n "s/.*${name}-digest: \([0-9a-f]*\).*/\1/p")"
  echo "$name digest: native ${native:-(none)}, WebAssembly ${wasm:-(none)}"
  [ -n "$native" ] && [ "$native" = "$wasm" ]
}

# The in-process API suite in three processes side by side: one test_server is single-core bound (0.86 of a core),
# and its cases share nothing across files but the process's own in-process server and database (each process makes
# its own). Shard 1 is test_access_routes and test_fuzz (every route as every role, and the hostile-input walk: 58 s
# in release, more under ASan); the other files split by name at SPLIT_AFTER (measured with -d yes: 40 s before, 41 s
# after; test_transport's timing-sensitive cases near the second half's end). A new file lands in one of the two by
# its name. Hidden cases ([.]) stay out of all three, as in a plain run. The step fails when any shard does; the
# reports of shards 1 and 2 are printed after the third's.
SPLIT_AFTER=test_orders
file_specs() {   # binary half(1|2): "[#f]~[.],…" for the test files of that half (not test_access_routes/test_fuzz)
  "$1" -# --list-tags | sed -n 's/.*\[#\(test_[a-z0-9_]*\)\].*/\1/p' | sort -u |
    awk -v half="$2" -v cut="$SPLIT_AFTER" '$0 != "test_access_routes" && $0 != "test_fuzz" &&
      ((half == 1 && $0 <= cut) || (half == 2 && $0 > cut)) { printf "%s[#%s]~[.]", (n++ ? "," : ""), $0 }'
}
in_process_shards() {
  local bin="$1" rc=0 pids=() outs=() specs i
  specs=("[#test_access_routes]~[.],[#test_fuzz]~[.]" "$(file_specs "$bin" 1)" "$(file_specs "$bin" 2)")
  # An empty spec would run every case (twice over): the binary could not list its files.
  [ -n "${specs[1]}" ] && [ -n "${specs[2]}" ] || { echo "test files not listed by $bin"; return 1; }
  for i in 0 1; do
    outs+=("$WORK/shard$((i + 1)).$RANDOM.log")
    "$bin" -# "${specs[$i]}" >"${outs[$i]}" 2>&1 &
    pids+=($!)
    PIDS+=($!)
  done
  "$bin" -# "${specs[2]}" || rc=1
  for i in 0 1; do
    wait "${pids[$i]}" || rc=1
    printf -- '-- shard %d (%s):\n' $((i + 1)) "$([ $i -eq 0 ] && echo 'test_access_routes, test_fuzz' || echo "test_… up to $SPLIT_AFTER")"
    cat "${outs[$i]}"
  done
  [ "$rc" -eq 0 ]
}

# ---- 1-3: unit and in-process suites ------------------------------------------------------------------
if [[ " $ONLY " == *" shared "* ]]; then
  step "shared (native)" "$NATIVE/test_shared"
  step "shared (WebAssembly under node)" node --no-experimental-fetch "$WASM/test_shared.js"
  step "shared: scorecards identical natively and in WebAssembly" same_digest scorecard
  step "shared: service circles identical natively and in WebAssembly" same_digest coverage
  step "dashboard app layer (native, recorded replies)" "$NATIVE/tests/client/test_client"
fi
if [[ " $ONLY " == *" api "* ]]; then
  step "API (in-process server, real SQLite)" in_process_shards "$NATIVE/server/test_server"
fi

# ---- 4-5: a separately started server behind nginx ----------------------------------------------------
# start_stack N: a demo database, the test users, a yiyang-server and nginx in front of it — the Nth such stack (its
# files and ports suffixed by N; the first has none: the browser tests use it). Sets API_PORT$N / NGINX_PORT$N (the
# first: API_PORT, NGINX_PORT) and, for the first, FRESH_PASSWORD.
start_stack() {
  local n="${1:-}" db
  db="$WORK/stack$n.db"
  "$SERVER_BIN" init --db "$db" --seed 11 --scale demo >"$WORK/init$n.log" || { cat "$WORK/init$n.log"; return 1; }
  # Test users with chosen passwords (the init admin keeps its one-time password).
  local users="$WORK/users$n.json"
  printf '{' >"$users"
  local first=1 role extra pw
  for role in admin supervisor agent town provider kiosk leader lockout dept_es dept_sa dept_pf; do
    extra=()
    local r="$role"; [ "$role" = lockout ] && r=agent
    case "$role" in
      town) extra=(--town 1) ;;
      provider) extra=(--provider 1) ;;
      # Department (股室) scorers of the monthly assessment: the demo city's three departments.
      dept_es) r=supervisor; extra=(--department elder_services) ;;
      dept_sa) r=supervisor; extra=(--department social_assistance) ;;
      dept_pf) r=supervisor; extra=(--department planning_finance) ;;
    esac
    # A random password is now and then refused as too systematic by the password check: draw another.
    local tries=0
    until pw="pw-$role-$(head -c 12 /dev/urandom | base64 | tr '+/' '-_')" &&
          echo "$pw" | "$SERVER_BIN" user add "t_$role" --role "$r" "${extra[@]}" --password-stdin --db "$db" \
            >/dev/null 2>"$WORK/user-add$n.err"; do
      tries=$((tries + 1)); [ $tries -lt 5 ] || { cat "$WORK/user-add$n.err"; return 1; }
    done
    [ $first -eq 1 ] || printf ',' >>"$users"
    first=0
    printf '"%s":{"username":"t_%s","password":"%s"}' "$role" "$role" "$pw" >>"$users"
  done
  printf '}' >>"$users"
  if [ -z "$n" ]; then
    # A user with a one-time password, as an administrator would create it (for the first-sign-in browser test).
    "$SERVER_BIN" user add t_fresh --role agent --db "$db" >"$WORK/fresh.txt" || return 1
    FRESH_PASSWORD="$(sed -n '2p' "$WORK/fresh.txt" | tr -d ' ')"
  fi

  "$SERVER_BIN" serve --db "$db" --host 127.0.0.1 --port 0 --port-file "$WORK/api$n.port" --web "$SITE" \
    >"$WORK/server$n.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do [ -s "$WORK/api$n.port" ] && break; sleep 0.1; done
  [ -s "$WORK/api$n.port" ] || { echo "server did not start"; cat "$WORK/server$n.log"; return 1; }
  local api_port nginx_port
  api_port="$(cat "$WORK/api$n.port")"
  nginx_port="$(free_port)"
  printf -v "API_PORT$n" '%s' "$api_port"
  printf -v "NGINX_PORT$n" '%s' "$nginx_port"

  local dir="$WORK/nginx$n"
  mkdir -p "$dir"
  local user_line=""
  [ "$(id -u)" -eq 0 ] && user_line="user root;"
  sed -e "s#@DIR@#$dir#g" -e "s#@PORT@#$nginx_port#g" -e "s#@API_PORT@#$api_port#g" \
      -e "s#@SITE@#$SITE#g" -e "s#@USER@#$user_line#g" \
      "$ROOT/scripts/nginx-test.conf.in" >"$dir/nginx.conf"
  /usr/sbin/nginx -p "$dir" -c "$dir/nginx.conf" >"$dir/stdout.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$nginx_port/api/v1/health" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "nginx did not come up"; cat "$dir/nginx-error.log" "$dir/stdout.log"; return 1
}

# The API tests through nginx in three processes side by side, each against its own stack (a client waits on its
# server: one process kept about one core busy, 109 s). Measured (-d yes): test_access_routes 44 s, test_fuzz 32 s,
# every other file 43 s together. So: test_access_routes against the second stack, test_fuzz against the third,
# every other file against the first — the browser tests' stack, as before. The shards' reports are printed after
# the first's; the step fails when any does.
api_through_nginx() {
  local not='~[inprocess]~[direct]~[.]' rc=0 pids=() outs=() i
  local specs=("[#test_access_routes]$not" "[#test_fuzz]$not")
  for i in 0 1; do
    outs+=("$WORK/nginx-shard$((i + 2)).$RANDOM.log")
    local port_var="NGINX_PORT$((i + 2))"
    YIYANG_TEST_BASE_URL="http://127.0.0.1:${!port_var}" YIYANG_TEST_USERS="$WORK/users$((i + 2)).json" \
      "$NATIVE/server/test_server" -# ${YIYANG_STACK_ARGS:-} "${specs[$i]}" >"${outs[$i]}" 2>&1 &
    pids+=($!)
    PIDS+=($!)
  done
  YIYANG_TEST_BASE_URL="http://127.0.0.1:$NGINX_PORT" YIYANG_TEST_USERS="$WORK/users.json" \
    "$NATIVE/server/test_server" -# ${YIYANG_STACK_ARGS:-} "~[#test_access_routes]~[#test_fuzz]$not" || rc=1
  for i in 0 1; do
    wait "${pids[$i]}" || rc=1
    printf -- '-- shard %d (%s; stack %d):\n' $((i + 2)) "${specs[$i]%%\~*}" $((i + 2))
    cat "${outs[$i]}"
  done
  [ "$rc" -eq 0 ]
}

browser_e2e() {
  local out="${YIYANG_E2E_OUT:-$BUILD/e2e}"; mkdir -p "$out"
  local sup_pw
  sup_pw="$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["supervisor"]["password"])' "$WORK/users.json")"
  (cd "$ROOT/tests/e2e" && YIYANG_BASE_URL="http://127.0.0.1:$NGINX_PORT" YIYANG_TEST_USER=t_supervisor \
     YIYANG_TEST_PASSWORD="$sup_pw" YIYANG_E2E_OUT="$out" \
     YIYANG_DIRECT_URL="http://127.0.0.1:$API_PORT" YIYANG_TEST_NEW_USER=t_fresh YIYANG_TEST_NEW_PASSWORD="$FRESH_PASSWORD" YIYANG_TEST_USERS="$WORK/users.json" YIYANG_TEST_DB="$WORK/stack.db" \
     node --test --test-concurrency=1 --test-reporter=spec $E2E_FILES)
}

if [[ " $ONLY " != *" stack "* && " $ONLY " != *" e2e "* ]]; then
  :
elif start_stack && { [[ " $ONLY " != *" stack "* ]] || { start_stack 2 && start_stack 3; }; }; then
  [[ " $ONLY " == *" stack "* ]] && step "API through nginx (separate server processes)" api_through_nginx
  [[ " $ONLY " == *" e2e "* ]] && step "dashboard end to end (headless Chromium)" browser_e2e
else
  failed=$((failed + 1)); failures+=("server + nginx stack")
fi

# ---- 6: the in-process API tests under AddressSanitizer + UndefinedBehaviorSanitizer ---------------------
# Any finding stops the binary with a report (halt_on_error; UB is built without recovery). Leak checking is
# on; tests/sanitizers/lsan.supp holds suppressions, each with its reason (none needed so far).
ASAN="${YIYANG_TEST_ASAN:-$BUILD/asan}"
asan_api() {
  ASAN_OPTIONS="halt_on_error=1:detect_leaks=1" \
  UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
  LSAN_OPTIONS="suppressions=$ROOT/tests/sanitizers/lsan.supp:print_suppressions=0" \
    in_process_shards "$ASAN/server/test_server"
}
if [[ " $ONLY " == *" asan "* ]]; then
  step "API under ASan + UBSan (in-process server)" asan_api
fi

printf '\n'
[ ${#failures[@]} -eq 0 ] || printf 'failed suites: %s\n' "${failures[*]}"
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
