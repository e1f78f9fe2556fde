#!/usr/bin/env bash
# Re-records the server replies the native client tests (tests/client) replay: starts build/native's yiyang-server
# on a loopback port with a small demo city (fixed seed), signs in as test users and saves each reply as
# tests/fixtures/replies/NAME.json ({"status":N,"body":...}). Usage: scripts/record-replies.sh [SERVER_BINARY]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER_BIN="${1:-$ROOT/build/native/server/yiyang-server}"
OUT="$ROOT/tests/fixtures/replies"
WORK="$(mktemp -d /tmp/yiyang-record.XXXXXX)"
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

db="$WORK/record.db"
"$SERVER_BIN" init --db "$db" --seed 11 --scale demo >"$WORK/init.log"
for role in supervisor agent admin; do
  echo "pw-record-$role-Kx7q" | "$SERVER_BIN" user add "r_$role" --role "$role" --password-stdin --db "$db" >/dev/null
done
"$SERVER_BIN" serve --db "$db" --host 127.0.0.1 --port 0 --port-file "$WORK/port" >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do [ -s "$WORK/port" ] && break; sleep 0.1; done
[ -s "$WORK/port" ] || { echo "server did not start"; cat "$WORK/server.log"; exit 1; }
BASE="http://127.0.0.1:$(cat "$WORK/port")"

# save NAME JAR METHOD PATH [BODY]: one reply as {"status","body"} (pretty-printed, keys as the server sent them).
save() {
  local name="$1" jar="$2" method="$3" path="$4" body="${5:-}"
  local args=(-sS -o "$WORK/body" -w '%{http_code}' -X "$method" -H 'Accept: application/json'
              -b "$jar" -c "$jar")
  if [ "$method" != GET ]; then args+=(-H 'X-Yiyang-Request: 1'); fi
  if [ -n "$body" ]; then args+=(-H 'Content-Type: application/json' --data-binary "$body"); fi
  local status
  status="$(curl "${args[@]}" "$BASE$path")"
  /usr/bin/python3 - "$status" "$WORK/body" "$OUT/$name.json" <<'PY'
import json, sys
status, src, dst = int(sys.argv[1]), sys.argv[2], sys.argv[3]
text = open(src, encoding="utf-8").read()
body = json.loads(text) if text.strip() else None
with open(dst, "w", encoding="utf-8") as f:
    json.dump({"status": status, "body": body}, f, ensure_ascii=False, indent=1)
    f.write("\n")
PY
  echo "$name: HTTP $status"
}
# field FILE EXPR: a value out of a saved reply (python expression on `b`, the body).
field() { /usr/bin/python3 -c "import json,sys; b=json.load(open(sys.argv[1]))['body']; print($2)" "$OUT/$1.json"; }

anon="$WORK/anon.jar" sup="$WORK/sup.jar" agent="$WORK/agent.jar" admin="$WORK/admin.jar"
: >"$anon"
save me_signed_out "$anon" GET /api/v1/me
save session_bad_password "$anon" POST /api/v1/session '{"username":"r_supervisor","password":"wrong-password-1"}'
save session_supervisor "$sup" POST /api/v1/session '{"username":"r_supervisor","password":"pw-record-supervisor-Kx7q"}'
save session_agent "$agent" POST /api/v1/session '{"username":"r_agent","password":"pw-record-agent-Kx7q"}'
save session_admin "$admin" POST /api/v1/session '{"username":"r_admin","password":"pw-record-admin-Kx7q"}'
save me_supervisor "$sup" GET /api/v1/me
save towns "$sup" GET /api/v1/towns
save overview "$sup" GET /api/v1/overview
save providers "$sup" GET /api/v1/providers
save queues "$sup" GET /api/v1/queues
save elders "$sup" GET '/api/v1/elders?page=1&page_size=20'
save orders "$sup" GET '/api/v1/orders?page=1&page_size=20&sort=-created_at'
# An SOS call taken by the agent, so that the live feed lists an open emergency with its deadline.
town="$(field towns 'b["towns"][0]["id"]')"
save order_created_emergency "$agent" POST /api/v1/orders \
  "{\"channel\":\"hotline\",\"type\":\"emergency\",\"categories\":[\"emergency\"],\"urgency\":\"emergency\",\"town_id\":$town,\"description\":\"老人在家摔倒，呼叫求助\"}"
save live_baseline "$sup" GET /api/v1/live
# A received booking for a registered elder: its detail offers the desk's actions (dispatch, cancel, ...).
elder="$(field elders 'b["items"][0]["id"]')"
save order_created "$agent" POST /api/v1/orders \
  "{\"channel\":\"hotline\",\"type\":\"booking\",\"categories\":[\"meals\"],\"urgency\":\"normal\",\"elder_id\":$elder,\"description\":\"预约助餐服务\"}"
id="$(field order_created 'b["order"]["id"]')"
save order_detail "$sup" GET "/api/v1/orders/$id"
save order_history "$sup" GET "/api/v1/orders/$id/history"
# A refused create: a town that does not exist (the draft passes the client's own checks).
save order_create_refused "$agent" POST /api/v1/orders \
  "{\"channel\":\"hotline\",\"type\":\"consultation\",\"categories\":[],\"urgency\":\"normal\",\"town_id\":99999,\"description\":\"咨询助餐补贴\"}"
save watch "$sup" GET /api/v1/watch
save knowledge_search "$sup" GET '/api/v1/knowledge?page=1&page_size=20&q=%E5%8A%A9%E9%A4%90'   # q=助餐
save kpis "$sup" GET /api/v1/kpis
save rules "$admin" GET /api/v1/rules
echo "recorded into $OUT"
