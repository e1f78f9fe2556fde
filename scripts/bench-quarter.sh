#!/usr/bin/env bash
# A whole quarter's verification at city scale (issue 10, `./yiyang bench quarter`): the city database with, for
# 2024Q1, N subscribers, M service records and K cremations imported through `yiyang-server import --commit` (timed:
# the import figures of that size come with it), then GET /api/v1/verification/report (json: cold = the first
# request after the server starts, and warm), …/physical, …/deaths, …/callbacks, …/report?format=pdf and xlsx (the
# quarter cached by the json), a town's report and …/physical (cut from the district's), and in a second server
# start the PDF as the first request (cold) — each beside the naive reference, the sqlite3 shell computing the same
# headline counts on the same database, as a ratio. Medians of ROUNDS (two server starts each); the server's peak
# RSS (VmHWM) per start. Table on stdout; docs/BENCHMARKS.md is edited by hand from it.
#   YIYANG_BENCH_TOWN (2): the town of the town rows. YIYANG_BENCH_SAVE (a directory): the first round's replies are
#   kept there (name.body), to compare two builds' replies byte for byte.
#   YIYANG_BENCH_SECTIONS ("quarter drill"): "quarter" = the requests above; "drill" = the drill-down pages (issue 10):
#   GET …/callbacks/people?count=survey.reached and …/physical?count=records|payable, a first page and a later page
#   (YIYANG_BENCH_PEOPLE_PAGE, default 400; YIYANG_BENCH_RECORDS_PAGE, default 150000 = the middle of 6 000 000 at 20 a
#   page), each kind cold (the first request after its own server start) and warm (medians of ROUNDS), beside the
#   sqlite3 shell's query for the same page (LIMIT/OFFSET). For the people, YIYANG_BENCH_CALLBACKS (20000) callback
#   answers to served subjects are imported into the run's copy first (the cached database has no callbacks). After
#   the payable pages a supervisor's decision on a pending record is posted and page 1 read again (the decisions laid
#   over the cached flags: the quarter is not computed again), once more warm, then …/physical, a second decision on
#   the same record (not payable), page 1 and the report after it. YIYANG_BENCH_DRILL_KINDS ("people records
#   payable"): which drill starts to make.
#   YIYANG_BENCH_SUBSCRIBERS (600000), YIYANG_BENCH_RECORDS (6000000), YIYANG_BENCH_CREMATIONS (100000),
#   YIYANG_BENCH_ROUNDS (3), YIYANG_BENCH_DB (a city database to start from; default the cached build/bench/city-*.db,
#   generated if missing). The database with the lists is cached too (build/bench/quarter-*.db): delete it to
#   measure the imports again.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER_BIN="${YIYANG_BENCH_SERVER:-$ROOT/build/native/server/yiyang-server}"
NSUB="${YIYANG_BENCH_SUBSCRIBERS:-600000}"
NREC="${YIYANG_BENCH_RECORDS:-6000000}"
NCREM="${YIYANG_BENCH_CREMATIONS:-100000}"
ROUNDS="${YIYANG_BENCH_ROUNDS:-3}"
BENCH="${YIYANG_BENCH_DIR:-$ROOT/build/bench}"
Q=2024Q1
command -v sqlite3 >/dev/null || { echo "sqlite3 missing (apt-get install sqlite3)"; exit 1; }
mkdir -p "$BENCH"
echo "[bench quarter] load at start: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

# The city database (the same cache as scripts/bench.sh).
key="$(cat "$ROOT/shared/src/demo_city.cpp" "$ROOT/server/store/schema.cpp" "$ROOT/server/store/demo_loader.cpp" | sha256sum | cut -c1-16)"
CITY="${YIYANG_BENCH_DB:-$BENCH/city-$key.db}"
if [ ! -f "$CITY" ]; then
  echo "[bench quarter] generating the city-scale database ($CITY)" >&2
  "$SERVER_BIN" init --db "$CITY" --scale city --seed 20261123 | head -n1 | tee "$BENCH/city-$key.log" >&2
fi

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

# The quarter's lists, imported once into a copy of the city database (cached).
qkey="$( (echo "$CITY"; cat "$ROOT/scripts/bench/gen-lists.py") | sha256sum | cut -c1-8)"
QDB="$BENCH/quarter-$key-$qkey-$NSUB-$NREC-$NCREM.db"
IMPORTS="$QDB.imports"
if [ ! -f "$QDB" ]; then
  rm -f "$BENCH"/quarter-*.db "$BENCH"/quarter-*.db-* "$BENCH"/quarter-*.imports
  echo "[bench quarter] generating $NSUB subscribers, $NREC service records, $NCREM cremations (CSV)" >&2
  python3 "$ROOT/scripts/bench/gen-lists.py" "$WORK" "$NSUB" "$NREC" "$NCREM"
  cp "$CITY" "$QDB.tmp"
  [ -f "$CITY-wal" ] && cp "$CITY-wal" "$QDB.tmp-wal"
  : >"$IMPORTS.tmp"
  for l in subscribers:subscribers service_records:records cremations:cremations; do
    list="${l%%:*}" file="$WORK/${l#*:}.csv"
    rows=$(($(wc -l <"$file") - 1))
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$SERVER_BIN" import --db "$QDB.tmp" --list "$list" --file "$file" --commit >"$WORK/out"
    # sqlite3 .import of the same file into a plain table, for the ratio (as scripts/bench-import.sh)
    cols="$(head -n1 "$file" | tr ',' '\n' | awk '{printf "%sc%d", (NR>1 ? "," : ""), NR}')"
    sqlite3 "$WORK/ref.db" "DROP TABLE IF EXISTS t; CREATE TABLE t ($cols);"
    /usr/bin/time -f "%e %M" -o "$WORK/rtime" sqlite3 "$WORK/ref.db" ".mode csv" ".import --skip 1 $file t" 2>/dev/null
    echo "$list $rows $(tail -n1 "$WORK/time") $(tail -n1 "$WORK/rtime") | $(head -n1 "$WORK/out")" | tee -a "$IMPORTS.tmp" >&2
    sed -n 2,4p "$WORK/out" >&2
    rm -f "$file" "$WORK/ref.db"
  done
  sqlite3 "$QDB.tmp" "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;" >/dev/null
  mv "$QDB.tmp" "$QDB"; rm -f "$QDB.tmp-wal" "$QDB.tmp-shm"; mv "$IMPORTS.tmp" "$IMPORTS"
fi
# The server runs on a copy (the export audit events and the session rows never reach the cache).
RUN_DB="$WORK/quarter.db"
cp "$QDB" "$RUN_DB"
sync "$RUN_DB"   # written back before anything is timed (see bench-lib.sh work_copy)
SECTIONS="${YIYANG_BENCH_SECTIONS:-quarter drill}"
has() { case " $SECTIONS " in *" $1 "*) return 0 ;; esac; return 1; }
NCALL="${YIYANG_BENCH_CALLBACKS:-20000}"
DRILL_KINDS="${YIYANG_BENCH_DRILL_KINDS:-people records payable}"
if has drill; then
  # Callback answers for the survey figures (实体服务质量): NCALL subjects served in the quarter (the first records'),
  # one call each in March — 接通 with both answers mostly, now and then 拒访 or 无人接听.
  sqlite3 -readonly "$RUN_DB" "SELECT DISTINCT id_number FROM (SELECT id_number FROM list_service_records
    WHERE day BETWEEN '2024-01-01' AND '2024-03-31' ORDER BY record_no LIMIT $((NCALL * 2))) LIMIT $NCALL;" |
    awk 'BEGIN {print "身份证号,回访日期,回访结果,总体满意度,服务态度与专业性"}
      {o = NR % 17 == 0 ? "拒访" : NR % 11 == 0 ? "无人接听" : "接通"; a = o == "接通" ? (NR % 5 ? "满意" : "一般") : ""
       printf "%s,2024-03-%02d,%s,%s,%s\n", $1, 1 + NR % 28, o, a, (o == "接通" && NR % 23) ? "满意" : ""}' >"$WORK/callbacks.csv"
  "$SERVER_BIN" import --db "$RUN_DB" --list callbacks --file "$WORK/callbacks.csv" --commit | head -n1 >&2
fi

. "$ROOT/scripts/bench-lib.sh"
bench_user "$RUN_DB"
prime_copy

# The database file read once (the OS page cache warm, for the server and the sqlite3 reference alike): this machine
# reclaims pages it has not touched for a while (kdamond), and a first round read 4.5 GB from the disk.
warm_db() { cat "$RUN_DB" >/dev/null; [ -f "$RUN_DB-wal" ] && cat "$RUN_DB-wal" >/dev/null; return 0; }
stop_server() {   # name -> appends "name_rss KiB" (the server's peak resident set) to $WORK/rss
  echo "$1 $(awk '/^VmHWM/ {print $2}' "/proc/$SERVER_PID/status")" >>"$WORK/rss"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
}
TOWN="${YIYANG_BENCH_TOWN:-2}"
SAVE="${YIYANG_BENCH_SAVE:-}"
[ -n "$SAVE" ] && mkdir -p "$SAVE"
cpu() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }   # the server's user + system CPU, in clock ticks
get() {   # name path -> appends "name seconds bytes cpu_seconds" to $WORK/times
  local out c0
  c0="$(cpu)"
  out="$(curl -sS -o "$WORK/body" -w '%{http_code} %{time_total} %{size_download}' -H "Cookie: $COOKIE" "$BASE$2")"
  read -r code secs bytes <<<"$out"
  [ "$code" = 200 ] || { echo "[bench quarter] $2 -> HTTP $code: $(head -c 300 "$WORK/body")" >&2; }
  echo "$1 $secs $bytes $(awk -v a="$c0" -v b="$(cpu)" -v hz="$(getconf CLK_TCK)" 'BEGIN {print (b - a) / hz}')" >>"$WORK/times"
  if [ -n "$SAVE" ] && [ ! -f "$SAVE/$1.body" ]; then cp "$WORK/body" "$SAVE/$1.body"; fi
}
post() {   # name path body -> appends "name seconds bytes cpu_seconds" to $WORK/times (201 expected)
  local out c0
  c0="$(cpu)"
  out="$(curl -sS -o "$WORK/body" -w '%{http_code} %{time_total} %{size_download}' -H "Cookie: $COOKIE" \
    -H 'Content-Type: application/json' -H 'X-Yiyang-Request: 1' -d "$3" "$BASE$2")"
  read -r code secs bytes <<<"$out"
  [ "$code" = 201 ] || { echo "[bench quarter] POST $2 -> HTTP $code: $(head -c 300 "$WORK/body")" >&2; }
  echo "$1 $secs $bytes $(awk -v a="$c0" -v b="$(cpu)" -v hz="$(getconf CLK_TCK)" 'BEGIN {print (b - a) / hz}')" >>"$WORK/times"
}
# The naive reference: the sqlite3 shell on the same database, the headline counts of each reply.
M1="'2024-01-01'" M2="'2024-02-01'" M3="'2024-03-01'" QL="'2024-03-31'"
SUBS_PER_MONTH="SELECT m, count(*) FROM (SELECT $M1 AS m UNION ALL SELECT $M2 UNION ALL SELECT $M3) ms
  JOIN enrolments en ON en.programme = 'info_service' AND en.from_date <= ms.m AND (en.to_date IS NULL OR en.to_date >= ms.m) GROUP BY m;"
RECORDS_PER_MONTH="SELECT substr(day, 1, 7), count(*), count(DISTINCT id_number) FROM list_service_records
  WHERE day BETWEEN $M1 AND $QL GROUP BY 1;"
DEATHS="SELECT count(*), count(DISTINCT c.id_number) FROM list_cremations c JOIN elders e ON e.id_number = c.id_number
  JOIN enrolments en ON en.elder_id = e.id AND en.programme = 'info_service' WHERE c.died <= $QL;"
SAMPLE_FRAME="SELECT e.town_id, count(*) FROM enrolments en JOIN elders e ON e.id = en.elder_id
  WHERE en.programme = 'info_service' AND en.from_date <= '2024-02-29' AND (en.to_date IS NULL OR en.to_date >= '2024-02-29') GROUP BY 1;"
declare -A REF_SQL=(
  [report]="$SUBS_PER_MONTH $RECORDS_PER_MONTH $DEATHS $SAMPLE_FRAME"
  [physical]="$RECORDS_PER_MONTH $DEATHS"
  [deaths]="$SUBS_PER_MONTH $DEATHS"
  [callbacks]="$SAMPLE_FRAME"
)
ref() {   # name -> appends "ref_name seconds" (wall of the sqlite3 shell)
  /usr/bin/time -f "%e" -o "$WORK/rtime" sqlite3 -readonly "$RUN_DB" "${REF_SQL[$1]}" >"$WORK/ref.out"
  echo "ref_$1 $(tail -n1 "$WORK/rtime")" >>"$WORK/times"
}

: >"$WORK/times"; : >"$WORK/rss"
PEOPLE_PAGE="${YIYANG_BENCH_PEOPLE_PAGE:-400}"
RECORDS_PAGE="${YIYANG_BENCH_RECORDS_PAGE:-150000}"
PEOPLE="/api/v1/verification/callbacks/people?quarter=$Q&count=survey.reached&page_size=20"
PHYS="/api/v1/verification/physical?quarter=$Q&page_size=20"
# The sqlite3 shell's query for the same page: the people by ID number with the ledger's name and phone (the elders
# table) among the calls that reached subjects served in the quarter (接通 or 拒访: survey.reached); the records in
# month, record-number order (payable: the same query — the flags are not SQL; it lists what the page would list
# without them).
PEOPLE_SQL="SELECT c.id_number, e.name, e.phone, e.town_id, c.outcome, c.day, c.overall, c.staff FROM list_callbacks c
  LEFT JOIN elders e ON e.id_number = c.id_number WHERE c.day BETWEEN '2024-01-01' AND $QL AND c.outcome IN ('接通', '拒访')
  AND c.id_number IN (SELECT id_number FROM list_service_records WHERE day BETWEEN '2024-01-01' AND $QL)
  ORDER BY c.id_number LIMIT 20 OFFSET"
RECORDS_SQL="SELECT record_no, id_number, name, day, start, \"end\", item, caregiver FROM list_service_records
  WHERE day BETWEEN '2024-01-01' AND $QL ORDER BY substr(day, 1, 7), record_no LIMIT 20 OFFSET"
page_ref() {   # name sql -> appends "ref_name seconds"
  /usr/bin/time -f "%e" -o "$WORK/rtime" sqlite3 -readonly "$RUN_DB" "$2" >"$WORK/ref.out"
  echo "ref_$1 $(tail -n1 "$WORK/rtime")" >>"$WORK/times"
}
drill_round() {
  local kind path later
  for kind in $DRILL_KINDS; do
    case "$kind" in
      people) path="$PEOPLE"; later="$PEOPLE_PAGE" ;;
      *) path="$PHYS&count=$kind"; later="$RECORDS_PAGE" ;;
    esac
    start_server
    get "${kind}_first_cold" "$path&page=1"   # the first request after the start: computes the quarter
    get "${kind}_first" "$path&page=1"
    get "${kind}_later" "$path&page=$later"
    get "${kind}_later2" "$path&page=$((later + 1))"
    if [ "$kind" = payable ]; then
      # A supervisor's decision on a pending flagged record (payable): the next page lays the decisions over the
      # cached flags (a decision does not move the lists' version; before, it computed the whole quarter again).
      # Then a second decision on the same record (not payable) and the page after it.
      get pending "$PHYS&status=pending&page_size=1"
      local no
      no="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["items"][0]["record_no"])' "$WORK/body")"
      post decision "/api/v1/verification/physical/$no/decision" '{"payable": true, "reason": "bench: 核实为有效服务"}'
      get "${kind}_after_decision" "$path&page=1"
      get "${kind}_after_decision_warm" "$path&page=1"
      get physical_after_decision "$PHYS"
      post decision2 "/api/v1/verification/physical/$no/decision" '{"payable": false, "reason": "bench: 复核不予结算"}'
      get "${kind}_after_decision2" "$path&page=1"
      get report_after_decision2 "/api/v1/verification/report?quarter=$Q"
    fi
    stop_server "$kind"
  done
  page_ref people_first "$PEOPLE_SQL 0;"
  page_ref people_later "$PEOPLE_SQL $(((PEOPLE_PAGE - 1) * 20));"
  page_ref records_first "$RECORDS_SQL 0;"
  page_ref records_later "$RECORDS_SQL $(((RECORDS_PAGE - 1) * 20));"
  has quarter || { ref physical; ref report; }   # (the quarter section runs them otherwise) for the decision rows
}
for r in $(seq 1 "$ROUNDS"); do
  if has drill; then drill_round; fi
  if ! has quarter; then
    echo "[bench quarter] round $r of $ROUNDS done (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
    continue
  fi
  warm_db
  start_server
  get report_cold "/api/v1/verification/report?quarter=$Q"          # the first request after the start
  get report "/api/v1/verification/report?quarter=$Q"
  get physical "/api/v1/verification/physical?quarter=$Q"
  get deaths "/api/v1/verification/deaths?quarter=$Q"
  get callbacks "/api/v1/verification/callbacks?quarter=$Q"
  get pdf "/api/v1/verification/report?quarter=$Q&format=pdf"
  get xlsx "/api/v1/verification/report?quarter=$Q&format=xlsx"
  get town_report "/api/v1/verification/report?quarter=$Q&town=$TOWN"
  get town_physical "/api/v1/verification/physical?quarter=$Q&town=$TOWN"
  stop_server json
  warm_db
  start_server
  get pdf_cold "/api/v1/verification/report?quarter=$Q&format=pdf"   # the PDF as the first request
  stop_server pdf
  warm_db
  for n in report physical deaths callbacks; do ref "$n"; done
  echo "[bench quarter] round $r of $ROUNDS done (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done
[ -s "$IMPORTS" ] && { echo "Imports into the city database (seconds, peak KiB; sqlite3 .import of the same file):"; cat "$IMPORTS"; }
echo "Peak RSS of the server (KiB), per start (json = the report first, pdf = the PDF first, people / records / payable = that drill page first):"
sort "$WORK/rss" | awk '{a[$1] = a[$1] " " $2} END {for (k in a) print k ":" a[k]}'
python3 - "$WORK/times" "$ROUNDS" "$(cut -d' ' -f1-3 /proc/loadavg)" "$NSUB" "$NREC" "$NCREM" <<'PY'
import statistics, sys
path, rounds, load, nsub, nrec, ncrem = sys.argv[1:7]
t = {}
size = {}
for line in open(path):
    p = line.split()
    t.setdefault(p[0], []).append(float(p[1]))
    if len(p) > 2: size[p[0]] = int(p[2])
    if len(p) > 3: t.setdefault(p[0] + "_cpu", []).append(float(p[3]))
med = {k: statistics.median(v) for k, v in t.items()}
fmt = lambda x: f"{x:.2f} s" if x >= 1 else f"{x * 1000:.0f} ms"
print(f"\n{nsub} subscribers, {nrec} service records, {ncrem} cremations, quarter 2024Q1; medians of {rounds} "
      f"(a server start each); load at the end {load}")
print("| request | yiyang wall (median) | runs | server CPU (median) | reply | sqlite3 shell, same figures / page (median) | ratio (wall) |")
print("|---|---|---|---|---|---|---|")
rows = [("report_cold", "`GET /api/v1/verification/report` json, cold (first after start)", "report"),
        ("report", "`GET /api/v1/verification/report` json, warm", "report"),
        ("physical", "`GET …/physical`", "physical"), ("deaths", "`GET …/deaths`", "deaths"),
        ("callbacks", "`GET …/callbacks`", "callbacks"), ("pdf", "`GET …/report?format=pdf` (after the json)", "report"),
        ("xlsx", "`GET …/report?format=xlsx` (after the json)", "report"),
        ("town_report", "`GET …/report&town=T` json (after the district's)", "report"),
        ("town_physical", "`GET …/physical&town=T`", "physical"),
        ("pdf_cold", "`GET …/report?format=pdf`, cold (first after start)", "report"),
        ("people_first_cold", "`GET …/callbacks/people?count=survey.reached` page 1, cold (first after start)", "people_first"),
        ("people_first", "… page 1, warm", "people_first"),
        ("people_later", "… a later page (PEOPLE_PAGE), warm", "people_later"),
        ("people_later2", "… the page after it, warm", "people_later"),
        ("records_first_cold", "`GET …/physical?count=records` page 1, cold (first after start)", "records_first"),
        ("records_first", "… page 1, warm", "records_first"),
        ("records_later", "… a later page (RECORDS_PAGE), warm", "records_later"),
        ("records_later2", "… the page after it, warm", "records_later"),
        ("payable_first_cold", "`GET …/physical?count=payable` page 1, cold (first after start)", "records_first"),
        ("payable_first", "… page 1, warm", "records_first"),
        ("payable_later", "… a later page (RECORDS_PAGE), warm", "records_later"),
        ("payable_later2", "… the page after it, warm", "records_later"),
        ("decision", "`POST …/physical/{record_no}/decision` (payable) on a pending record", ""),
        ("payable_after_decision", "`GET …/physical?count=payable` page 1 after it (the decisions laid over the cached flags)", "records_first"),
        ("payable_after_decision_warm", "… page 1 again, warm", "records_first"),
        ("physical_after_decision", "`GET …/physical` (figures and the flagged page), warm", "physical"),
        ("decision2", "`POST …/decision` again on the same record (not payable)", ""),
        ("payable_after_decision2", "`GET …/physical?count=payable` page 1 after it", "records_first"),
        ("report_after_decision2", "`GET …/report` json after it", "report")]
for k, label, ref in rows:
    if k not in med: continue
    r = med.get("ref_" + ref)
    print(f"| {label} | {fmt(med[k])} | {' / '.join(fmt(x) for x in t[k])} | {fmt(med.get(k + '_cpu', 0))} | "
          f"{size.get(k, 0) / 1024:.0f} KiB | {fmt(r) if r else '—'} | {f'{med[k] / r:.2f}×' if r else '—'} |")
PY
