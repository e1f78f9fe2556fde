#!/usr/bin/env bash
# ./yiyang bench prefill: the monthly assessment's prefill (考核 预填, issue 11) for every provider × project of a month
# at city scale — app::assessment_prefill_all through the hidden Catch2 case [.prefill_bench] of test_server, the
# first call on a fresh connection (cold) and the second (warm) — beside the naive reference: the sqlite3 shell
# running the equivalent GROUP BY queries (the month's visits per provider × subject, the enrolments, the lookback's
# latest provider, the list records' duplicates, shared evidence and records after death, the month's evidence (its
# key, migration 30) already used in an earlier month, valid complaints, survey answers, every rectification step) on the same file, as a ratio. Medians of ROUNDS. Table on stdout; docs/BENCHMARKS.md is
# edited by hand from it. Issue 11's bound: ≤ 2 s for all providers of a month, cold and warm.
#   YIYANG_BENCH_DB: the database (default: the quarter bench's cached build/bench/quarter-*.db, which holds the city's
#   year of records and 2024Q1's 6 000 000 list records, else the city database build/bench/city-*.db, generated if
#   missing). YIYANG_BENCH_MONTHS: the months (default: 2024-03, the lists' month, and the last full month of the
#   city's service records). YIYANG_BENCH_ROUNDS (3).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TEST_SERVER="${YIYANG_TEST_SERVER:-$ROOT/build/native/server/test_server}"
SERVER_BIN="${YIYANG_BENCH_SERVER:-$ROOT/build/native/server/yiyang-server}"
BENCH="${YIYANG_BENCH_DIR:-$ROOT/build/bench}"
ROUNDS="${YIYANG_BENCH_ROUNDS:-3}"
command -v sqlite3 >/dev/null || { echo "sqlite3 missing (apt-get install sqlite3)"; exit 1; }
mkdir -p "$BENCH"
DB="${YIYANG_BENCH_DB:-}"
if [ -z "$DB" ]; then
  DB="$(ls -t "$BENCH"/quarter-*.db 2>/dev/null | head -n1 || true)"
fi
. "$ROOT/scripts/bench-lib.sh"
if [ -z "$DB" ]; then city_db prefill; fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
RUN_DB="$WORK/prefill.db"
cp "$DB" "$RUN_DB"
sync "$RUN_DB"   # written back before anything is timed (see bench-lib.sh work_copy)
[ -f "$DB-wal" ] && cp "$DB-wal" "$RUN_DB-wal"
last="$(sqlite3 -readonly "$RUN_DB" "SELECT strftime('%Y-%m', date(MAX(started_at), 'unixepoch', 'start of month', '-1 day')) FROM service_records")"
MONTHS="${YIYANG_BENCH_MONTHS:-2024-03 $last}"

# The naive reference for month $1: the same rows, grouped by the shell.
reference_sql() {
  local m="$1" from to look first last
  first="$m-01"; last="$(date -d "$first +1 month -1 day" +%F)"
  from="$(date -ud "$first" +%s)"; to="$(date -ud "$first +1 month" +%s)"; look="$(date -ud "$first -3 month" +%s)"
  cat <<SQL
SELECT COUNT(*), SUM(n) FROM (SELECT provider_id, elder_id, COUNT(*) AS n FROM service_records WHERE started_at >= $from AND started_at < $to GROUP BY provider_id, elder_id);
SELECT COUNT(*) FROM (SELECT elder_id FROM enrolments WHERE programme IN ('home_visit', 'visiting') AND from_date <= '$last' AND (to_date IS NULL OR to_date >= '$first') GROUP BY elder_id);
SELECT COUNT(*) FROM (SELECT elder_id, provider_id, MAX(started_at) FROM service_records WHERE started_at >= $look AND started_at < $from GROUP BY elder_id);
SELECT COUNT(*) FROM (SELECT id_number, day, start, caregiver FROM list_service_records WHERE day BETWEEN '$first' AND '$last' GROUP BY 1, 2, 3, 4 HAVING COUNT(*) > 1);
SELECT COUNT(*) FROM (SELECT evidence FROM list_service_records WHERE day BETWEEN '$first' AND '$last' AND evidence <> '' GROUP BY evidence HAVING COUNT(*) > 1);
SELECT about_provider_id, COUNT(*) FROM work_orders WHERE type = 'complaint' AND complaint_valid = 1 AND created_at >= $from AND created_at < $to GROUP BY 1 ORDER BY 1 LIMIT 0;
SELECT provider_id, COUNT(*), SUM(satisfaction <= 3) FROM work_orders WHERE satisfaction IS NOT NULL AND closed_at >= $from AND closed_at < $to GROUP BY 1 ORDER BY 1 LIMIT 0;
SELECT COUNT(*) FROM list_service_records r JOIN list_cremations c ON c.id_number = r.id_number AND r.day > c.died WHERE r.day BETWEEN '$first' AND '$last';
SELECT COUNT(*) FROM list_service_records m JOIN list_service_records e ON e.evidence_key = m.evidence_key AND e.day < '$first' WHERE m.day BETWEEN '$first' AND '$last' AND m.evidence_key <> '';
SELECT COUNT(*) FROM audit_events WHERE entity = 'work_order' AND action IN ('open_rectification', 'judge_complaint_valid', 'callback', 'close_rectification', 'cancel');
SQL
}

echo "[bench prefill] load at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
echo "database: $(basename "$DB") ($(du -h "$DB" | cut -f1)); providers $(sqlite3 -readonly "$RUN_DB" 'SELECT COUNT(*) FROM providers'), service records $(sqlite3 -readonly "$RUN_DB" 'SELECT COUNT(*) FROM service_records'), list records $(sqlite3 -readonly "$RUN_DB" 'SELECT COUNT(*) FROM list_service_records')"
echo
echo "| month | prefill cold, ms wall (CPU) | prefill warm, ms wall (CPU) | sqlite3 reference, ms wall (CPU) | warm / reference (wall) | pairs, counts |"
echo "|---|---|---|---|---|---|"
for m in $MONTHS; do
  : >"$WORK/cold"; : >"$WORK/warm"; : >"$WORK/ref"; : >"$WORK/ccpu"; : >"$WORK/wcpu"; : >"$WORK/rcpu"
  reference_sql "$m" >"$WORK/ref.sql"
  for i in $(seq 1 "$ROUNDS"); do
    YIYANG_BENCH_DB="$RUN_DB" YIYANG_BENCH_MONTH="$m" "$TEST_SERVER" "[.prefill_bench]" >"$WORK/out"
    sed -n 's/.*prefill-bench: cold \([0-9]*\) ms.*/\1/p' "$WORK/out" >>"$WORK/cold"
    sed -n 's/.*prefill-bench: warm \([0-9]*\) ms.*/\1/p' "$WORK/out" >>"$WORK/warm"
    sed -n 's/.*prefill-bench: cold [0-9]* ms cpu \([0-9]*\) ms.*/\1/p' "$WORK/out" >>"$WORK/ccpu"
    sed -n 's/.*prefill-bench: warm [0-9]* ms cpu \([0-9]*\) ms.*/\1/p' "$WORK/out" >>"$WORK/wcpu"
    counts="$(sed -n 's/.*prefill-bench: warm [0-9]* ms cpu [0-9]* ms //p' "$WORK/out")"
    /usr/bin/time -f "%e %U %S" -o "$WORK/rtime" sqlite3 -readonly "$RUN_DB" <"$WORK/ref.sql" >/dev/null
    awk '{ printf "%d\n", $1 * 1000 }' "$WORK/rtime" >>"$WORK/ref"
    awk '{ printf "%d\n", ($2 + $3) * 1000 }' "$WORK/rtime" >>"$WORK/rcpu"
  done
  c=$(median <"$WORK/cold"); w=$(median <"$WORK/warm"); r=$(median <"$WORK/ref")
  cc=$(median <"$WORK/ccpu"); wc=$(median <"$WORK/wcpu"); rc=$(median <"$WORK/rcpu")
  ratio=$(awk -v w="$w" -v r="$r" 'BEGIN { printf "%.2f", (r > 0 ? w / r : 0) }')
  echo "| $m | $c ($cc) | $w ($wc) | $r ($rc) | $ratio | $counts |"
done
echo
echo "[bench prefill] load at end: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
