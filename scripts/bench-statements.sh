#!/usr/bin/env bash
# ./yiyang bench statements (issue 11 "Speed": 400 statements ≤ 5 s including PDFs). Two sections (YIYANG_BENCH_SECTIONS,
# default "pdf cold"):
#   pdf   a month's 400 settlement statements with their A4 PDFs — computed by the shared code, the wire view, the PDFs
#         on both cores (app::statement_pdfs). Hidden Catch2 case [.settlement_pdf_bench] of test_server (median of 3
#         inside each invocation). YIYANG_PDF_THREADS=1 for one thread; YIYANG_BENCH_SERVER_TESTS=<binary> to A/B
#         another build's test_server.
#   cold  the drafts through the real server (yiyang-server serve) on the city database with 2024Q1's lists (the
#         quarter bench's cached build/bench/quarter-*.db, prepared by scripts/bench-quarter.sh when missing): a copy
#         gets the list records spread over the providers (provider_id = the first provider's id + the record number's last 4 digits mod providers (ids 1..N)), a settlement
#         rule in force for 2024 and a bench user. Per round, a fresh server: GET /api/v1/settlement/statements?month=
#         (every provider's draft) as the first request (cold: the quarter bundle computed), again (warm); GET
#         /api/v1/settlement/drafts (one provider) warm; a supervisor's decision on a pending list record (a write: the
#         cached quarter is stale), then the one draft (cold after a write) and again (warm); then the
#         verification's GET …/physical?count=payable after another decision (the quarter alone, cold) — the split.
#         Beside them the naive reference: the sqlite3 shell on the same file counting what a draft counts (served
#         subjects per provider and tier inputs, the month's list records per provider, the quarter's flags' inputs:
#         duplicates, shared evidence, records after death). Wall (curl) and the server's CPU (/proc), medians of
#         ROUNDS (3). The assessment months are not signed in the copy: each draft is computed in full and replied 409
#         assessment_unsigned (the list shows it blocked) — the gathering and the quarter are what is measured.
#   drafts  the month's list of drafts (GET /api/v1/settlement/statements?month=) on the city database itself (city_db:
#         600 000 elders, 6 000 000 service records 2025-12..2026-11, no lists) for YIYANG_BENCH_DRAFT_MONTH (2026-10):
#         ≈ 560 000 subjects served by 400 providers, whose registry rows the drafts read (tiers, deaths, removals).
#         Per round a fresh server: the list as the first request (cold) and again (warm); beside it the sqlite3 shell
#         on the same file reading what the drafts read (served subjects per provider, their registry rows, categories,
#         home_visit enrolments). YIYANG_BENCH_SERVER=<another yiyang-server> to A/B a build (the copy is migrated by
#         whichever server opens it first).
# Tables on stdout with the load average beside them; docs/BENCHMARKS.md is edited by hand from them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="${YIYANG_BENCH_SERVER_TESTS:-$ROOT/build/native/server/test_server}"
SERVER_BIN="${YIYANG_BENCH_SERVER:-$ROOT/build/native/server/yiyang-server}"
BENCH="${YIYANG_BENCH_DIR:-$ROOT/build/bench}"
RUNS="${YIYANG_BENCH_ROUNDS:-3}"
SECTIONS="${YIYANG_BENCH_SECTIONS:-pdf cold}"
has() { case " $SECTIONS " in *" $1 "*) return 0 ;; esac; return 1; }
# table_of TIMES NAME...: the Markdown table of the lines "name wall cpu http" in TIMES — medians, and the wall time
# as a ratio to the median of the "reference" lines (the sqlite3 shell).
table_of() {
  local times="$1" n w c h ref; shift
  ref="$(awk '$1 == "reference" {print $2}' "$times" | median)"
  echo
  echo "| request | wall s (median of $RUNS) | server CPU s | HTTP | wall / sqlite3 reference |"
  echo "|---|---|---|---|---|"
  for n in "$@"; do
    w="$(awk -v n="$n" '$1 == n {print $2}' "$times" | median)"
    c="$(awk -v n="$n" '$1 == n {print $3}' "$times" | median)"
    h="$(awk -v n="$n" '$1 == n {print $4}' "$times" | sort -u | tr '\n' ' ')"
    echo "| $n | $w | $c | $h | $(awk -v w="$w" -v r="$ref" 'BEGIN { printf "%.2f", (r > 0 ? w / r : 0) }') |"
  done
}

if has pdf; then
  for i in $(seq 1 "$RUNS"); do
    printf 'run %s (load %s): ' "$i" "$(cut -d' ' -f1-3 /proc/loadavg)"
    "$BIN" "[.settlement_pdf_bench]" | sed -n 's/.*settlement: //p'
  done
  echo "load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

if has drafts; then
  . "$ROOT/scripts/bench-lib.sh"
  city_db statements
  work_copy
  DMONTH="${YIYANG_BENCH_DRAFT_MONTH:-2026-10}"
  DFROM="$(date -ud "$DMONTH-01" +%s)"; DTO="$(date -ud "$DMONTH-01 +1 month" +%s)"
  bench_user "$RUN_DB"
  prime_copy
  cat >"$WORK/dref.sql" <<SQL
SELECT COUNT(*) FROM (SELECT DISTINCT s.provider_id, s.elder_id, e.name, e.id_number, e.disability, e.death_date FROM service_records s JOIN elders e ON e.id = s.elder_id WHERE s.started_at >= $DFROM AND s.started_at < $DTO);
SELECT COUNT(*) FROM elder_categories c WHERE c.elder_id IN (SELECT elder_id FROM service_records WHERE started_at >= $DFROM AND started_at < $DTO);
SELECT COUNT(*) FROM enrolments n WHERE n.programme = 'home_visit' AND n.elder_id IN (SELECT elder_id FROM service_records WHERE started_at >= $DFROM AND started_at < $DTO);
SQL
  echo "database: $(basename "$DB"); providers $(sqlite3 "$RUN_DB" 'SELECT COUNT(*) FROM providers'), subjects served in $DMONTH: $(sqlite3 "$RUN_DB" "SELECT COUNT(*) FROM (SELECT DISTINCT provider_id, elder_id FROM service_records WHERE started_at >= $DFROM AND started_at < $DTO)"); server $SERVER_BIN"
  : >"$WORK/dtimes"
  for r in $(seq 1 "$RUNS"); do
    start_server
    for n in list_cold list_warm; do
      c0="$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")"
      out="$(curl -sS -o "$WORK/body" -w '%{http_code} %{time_total}' -H "Cookie: $COOKIE" \
        "$BASE/api/v1/settlement/statements?month=$DMONTH")"
      read -r code secs <<<"$out"
      c1="$(awk '{print $14 + $15}' "/proc/$SERVER_PID/stat")"
      echo "$n $secs $(awk -v a="$c0" -v b="$c1" -v hz="$(getconf CLK_TCK)" 'BEGIN {print (b - a) / hz}') $code" >>"$WORK/dtimes"
    done
    kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
    /usr/bin/time -f "%e %U %S" -o "$WORK/rtime" sqlite3 -readonly "$RUN_DB" <"$WORK/dref.sql" >/dev/null
    awk '{ printf "reference %s %s 0\n", $1, $2 + $3 }' "$WORK/rtime" >>"$WORK/dtimes"
    echo "[bench statements] drafts round $r of $RUNS done (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  done
  python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); rows=b["rows"]; print("rows", len(rows), "states", {s: sum(1 for r in rows if r["state"] == s) for s in sorted({r["state"] for r in rows})})' "$WORK/body"
  table_of "$WORK/dtimes" list_cold list_warm reference
  echo "[bench statements] load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  cleanup_work
  trap - EXIT
fi

has cold || exit 0
command -v sqlite3 >/dev/null || { echo "sqlite3 missing (apt-get install sqlite3)"; exit 1; }
echo "[bench statements] load at start of the cold section: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
QDB="$(ls -t "$BENCH"/quarter-*.db 2>/dev/null | head -n1 || true)"
if [ -z "$QDB" ]; then
  echo "[bench statements] preparing the quarter's database (scripts/bench-quarter.sh, no requests)" >&2
  YIYANG_BENCH_SECTIONS=none YIYANG_BENCH_ROUNDS=1 "$ROOT/scripts/bench-quarter.sh" >/dev/null || true
  QDB="$(ls -t "$BENCH"/quarter-*.db | head -n1)"
fi
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT
RUN_DB="$WORK/statements.db"
cp "$QDB" "$RUN_DB"
sync "$RUN_DB"   # written back before anything is timed (see bench-lib.sh work_copy)
MONTH="${YIYANG_BENCH_MONTH:-2024-03}"
FIRST="$MONTH-01"; LAST="$(date -d "$FIRST +1 month -1 day" +%F)"
FROM="$(date -ud "$FIRST" +%s)"; TO="$(date -ud "$FIRST +1 month" +%s)"
NPROV="$(sqlite3 "$RUN_DB" 'SELECT COUNT(*) FROM providers')"
FEES="$(python3 -c 'import json,sys; b=json.load(open(sys.argv[1])); b["version"]="bench-2024"; b["effective_from"]="2024-01-01"; print(json.dumps(b, ensure_ascii=False))' "$ROOT/assets/rules/settlement-fees.json")"
sqlite3 "$RUN_DB" <<SQL
UPDATE list_service_records SET provider_id = (SELECT MIN(id) FROM providers) + (CAST(substr(record_no, -4) AS INTEGER) % $NPROV);
INSERT OR IGNORE INTO rules (kind, version, effective_from, body, created_at) VALUES ('settlement_fees', 'bench-2024', '2024-01-01', '$(echo "$FEES" | sed "s/'/''/g")', 0);
PRAGMA wal_checkpoint(TRUNCATE);
SQL
PROVIDER="$(sqlite3 "$RUN_DB" "SELECT provider_id FROM list_service_records WHERE day BETWEEN '$FIRST' AND '$LAST' AND provider_id IS NOT NULL LIMIT 1")"
. "$ROOT/scripts/bench-lib.sh"
bench_user "$RUN_DB"
prime_copy
echo "database: $(basename "$QDB") ($(du -h "$QDB" | cut -f1)); providers $NPROV, service records $(sqlite3 "$RUN_DB" 'SELECT COUNT(*) FROM service_records'), list records $(sqlite3 "$RUN_DB" 'SELECT COUNT(*) FROM list_service_records'); month $MONTH, one provider = $PROVIDER"

stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }
cpu() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
get() {   # name path -> "name seconds cpu_seconds http" into $WORK/times
  local out c0
  c0="$(cpu)"
  out="$(curl -sS -o "$WORK/body" -w '%{http_code} %{time_total}' -H "Cookie: $COOKIE" "$BASE$2")"
  read -r code secs <<<"$out"
  echo "$1 $secs $(awk -v a="$c0" -v b="$(cpu)" -v hz="$(getconf CLK_TCK)" 'BEGIN {print (b - a) / hz}') $code" >>"$WORK/times"
}
decide() {   # a supervisor's decision on the next pending list record (a write: the cached quarter is stale)
  curl -sS -o "$WORK/body" -H "Cookie: $COOKIE" "$BASE/api/v1/verification/physical?quarter=2024Q1&status=pending&page_size=1"
  local no
  no="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["items"][0]["record_no"])' "$WORK/body")"
  curl -sS -o /dev/null -H "Cookie: $COOKIE" -H 'Content-Type: application/json' -H 'X-Yiyang-Request: 1' \
    -d '{"payable": true, "reason": "bench: 核实为有效服务"}' "$BASE/api/v1/verification/physical/$no/decision"
}
reference_sql() { cat <<SQL
SELECT provider_id, COUNT(DISTINCT elder_id) FROM service_records WHERE started_at >= $FROM AND started_at < $TO GROUP BY provider_id ORDER BY 1 LIMIT 0;
SELECT COUNT(*) FROM (SELECT DISTINCT s.elder_id, e.disability, c.category FROM service_records s JOIN elders e ON e.id = s.elder_id LEFT JOIN elder_categories c ON c.elder_id = s.elder_id WHERE s.started_at >= $FROM AND s.started_at < $TO);
SELECT provider_id, COUNT(*) FROM list_service_records WHERE day BETWEEN '$FIRST' AND '$LAST' GROUP BY provider_id ORDER BY 1 LIMIT 0;
SELECT COUNT(*) FROM (SELECT id_number, day, start, caregiver FROM list_service_records WHERE day BETWEEN '2024-01-01' AND '2024-03-31' GROUP BY 1, 2, 3, 4 HAVING COUNT(*) > 1);
SELECT COUNT(*) FROM (SELECT evidence FROM list_service_records WHERE day BETWEEN '2024-01-01' AND '2024-03-31' AND evidence <> '' GROUP BY evidence HAVING COUNT(*) > 1);
SELECT COUNT(*) FROM list_service_records r JOIN list_cremations c ON c.id_number = r.id_number WHERE r.day > c.died;
SQL
}
reference_sql >"$WORK/ref.sql"
for r in $(seq 1 "$RUNS"); do
  start_server
  get list_cold "/api/v1/settlement/statements?month=$MONTH"
  get list_warm "/api/v1/settlement/statements?month=$MONTH"
  get one_warm "/api/v1/settlement/drafts?provider_id=$PROVIDER&month=$MONTH"
  decide
  get one_after_write "/api/v1/settlement/drafts?provider_id=$PROVIDER&month=$MONTH"
  get one_after_write_warm "/api/v1/settlement/drafts?provider_id=$PROVIDER&month=$MONTH"
  decide
  get list_after_write "/api/v1/settlement/statements?month=$MONTH"
  decide
  get quarter_only_after_write "/api/v1/verification/physical?quarter=2024Q1&count=payable&page=1"
  stop_server
  /usr/bin/time -f "%e %U %S" -o "$WORK/rtime" sqlite3 -readonly "$RUN_DB" <"$WORK/ref.sql" >/dev/null
  awk '{ printf "reference %s %s 0\n", $1, $2 + $3 }' "$WORK/rtime" >>"$WORK/times"
  echo "[bench statements] cold round $r of $RUNS done (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done
table_of "$WORK/times" list_cold list_warm one_warm one_after_write one_after_write_warm list_after_write \
  quarter_only_after_write reference
echo "[bench statements] load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
