#!/usr/bin/env bash
# Import speed (issue 10, `./yiyang bench import`): N subscribers and M service records as CSV (scripts/bench/
# gen-lists.py, the generator of bench-quarter.sh too: valid ID numbers, the demo registry's towns), imported through
# the server's import path (`yiyang-server import --commit`: read, validate row by row in shared/import, upsert in
# one transaction) beside `sqlite3 .import` of the same CSV into a plain table and into a table with the indexes our
# tables keep (the floor the indexes alone set) and into a table whose indexes are built after the load (the floor of
# a bulk load with deferred indexes), in the same run; wall and CPU times, the ratio of rates and the peak
# RSS (/usr/bin/time). Then the same file again (every row unchanged). Table on stdout; docs/BENCHMARKS.md is edited
# by hand from it.
#   YIYANG_BENCH_SUBSCRIBERS (default 600000), YIYANG_BENCH_RECORDS (default 6000000)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER_BIN="${YIYANG_BENCH_SERVER:-$ROOT/build/native/server/yiyang-server}"
NSUB="${YIYANG_BENCH_SUBSCRIBERS:-600000}"
NREC="${YIYANG_BENCH_RECORDS:-6000000}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
command -v sqlite3 >/dev/null || { echo "sqlite3 missing (apt-get install sqlite3)"; exit 1; }

echo "[bench import] generating $NSUB subscribers and $NREC service records (CSV, UTF-8)"
python3 "$ROOT/scripts/bench/gen-lists.py" "$WORK" "$NSUB" "$NREC"   # the one generator (also bench-quarter.sh)
ls -l "$WORK"/*.csv | awk '{print "  " $5 " bytes  " $9}'

# sqlite3 .import of the same CSV into a plain table (the reference rate); with a fourth argument, the table gets
# that DDL too (the second reference: the same file into a table with the indexes our tables keep).
ref() {   # file table columns [ddl] [table options]
  local db="$WORK/ref-$2.db"; rm -f "$db"
  sqlite3 "$db" "CREATE TABLE $2 ($3)${5:-}; ${4:-}"
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" sqlite3 "$db" ".mode csv" ".import --skip 1 $1 $2" 2>/dev/null
  tail -n1 "$WORK/time"
}
# The same DDL run after the load, in the load's transaction (the floor of a bulk load with deferred indexes: what
# `yiyang-server import` does when a file adds many rows, store/imports.hpp DeferredIndexes).
ref_after() {   # file table columns ddl [table options]
  local db="$WORK/refa-$2.db"; rm -f "$db"
  sqlite3 "$db" "CREATE TABLE $2 ($3)${5:-};"
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" sqlite3 "$db" "BEGIN" ".mode csv" ".import --skip 1 $1 $2" "$4" "COMMIT" 2>/dev/null
  tail -n1 "$WORK/time"
}
# The server's path: a fresh demo database per list, then the commit, then the same file again.
ours() {   # list file
  local db="$WORK/ours-$1.db"; rm -f "$db"*
  "$SERVER_BIN" init --db "$db" --scale demo --seed 7 >/dev/null
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$SERVER_BIN" import --db "$db" --list "$1" --file "$2" --commit > "$WORK/out"
  echo "$(tail -n1 "$WORK/time") | $(head -n1 "$WORK/out")"
  sed -n 2,4p "$WORK/out" >&2   # the first errors, if the file was refused
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time" "$SERVER_BIN" import --db "$db" --list "$1" --file "$2" --commit > "$WORK/out"
  echo "$(tail -n1 "$WORK/time") | $(head -n1 "$WORK/out")"
}
row() {   # label rows ref_line ref_indexed_line ref_after_line ours_line ours_again_line  (each "wall maxrss user sys …")
  local rs rm ru rsy xs xm xu xsy ys ym yu ysy os om ou osy as am
  read -r rs rm ru rsy _ <<<"$3"; read -r xs xm xu xsy _ <<<"$4"; read -r ys ym yu ysy _ <<<"$5"
  read -r os om ou osy _ <<<"$6"; read -r as am _ <<<"$7"
  awk -v l="$1" -v n="$2" -v rs="$rs" -v rm="$rm" -v rc="$(awk -v a="$ru" -v b="$rsy" 'BEGIN{print a+b}')" \
      -v xs="$xs" -v xc="$(awk -v a="$xu" -v b="$xsy" 'BEGIN{print a+b}')" \
      -v ys="$ys" -v yc="$(awk -v a="$yu" -v b="$ysy" 'BEGIN{print a+b}')" \
      -v os="$os" -v om="$om" -v oc="$(awk -v a="$ou" -v b="$osy" 'BEGIN{print a+b}')" -v as="$as" -v am="$am" 'BEGIN {
    printf "| %s | %d | %.2f s, CPU %.2f s (%.0f rows/s, %.0f MiB) | %.2f s, CPU %.2f s (%.0f %%; CPU %.0f %%) | %.2f s, CPU %.2f s (%.0f %%; CPU %.0f %%) | %.2f s, CPU %.2f s (%.0f rows/s, %.0f MiB) | %.0f %% (CPU %.0f %%) | %.2f s (%.0f MiB) |\n",
      l, n, rs, rc, n/rs, rm/1024, xs, xc, 100*rs/xs, 100*rc/xc, ys, yc, 100*rs/ys, 100*rc/yc, os, oc, n/os, om/1024, 100*rs/os, 100*rc/oc, as, am/1024 }'
}
echo "[bench import] load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
SUB_COLS='name,id_number,phone,town,opened,removed,removal_reason'
R1="$(ref "$WORK/subscribers.csv" s "$SUB_COLS")"
# The elders' seven indexes in the shapes of the schema (rowid; id_number unique; town+status, status, name, phone,
# town+name, status+name — the file's opened date standing in for the status) and the enrolments' three
# (rowid; elder+date; programme+date, programme+end — the file has one programme: date, end).
SUB_IDX='CREATE UNIQUE INDEX sx_id ON sx (id_number);
  CREATE INDEX sx_ts ON sx (town, opened); CREATE INDEX sx_s ON sx (opened); CREATE INDEX sx_n ON sx (name);
  CREATE INDEX sx_p ON sx (phone); CREATE INDEX sx_tn ON sx (town, name); CREATE INDEX sx_sn ON sx (opened, name);
  CREATE INDEX sx_e ON sx (id_number, opened); CREATE INDEX sx_f ON sx (opened, id_number); CREATE INDEX sx_r ON sx (removed);'
X1="$(ref "$WORK/subscribers.csv" sx "$SUB_COLS" "$SUB_IDX")"
Y1="$(ref_after "$WORK/subscribers.csv" sx "$SUB_COLS" "$SUB_IDX")"
O1="$(ours subscribers "$WORK/subscribers.csv")"
REC_COLS='record_no,id_number,name,day,start,"end",item,caregiver,evidence'
R2="$(ref "$WORK/records.csv" r "$REC_COLS")"
# list_service_records (server/store/schema.cpp, store/evidence_reuse.cpp): keyed by record number (WITHOUT ROWID),
# and its four secondary indexes in their shapes — the provider's (provider_id, day; the file has no provider: day
# stands in), the evidence key's (evidence_key, day, record_no WHERE evidence_key <> ''; the file's evidence stands
# in), the reuse marks' (day WHERE reuse_of IS NOT NULL: no row has one; item IS NULL stands in) and the slot's
# (day, start, id_number, caregiver), which the quarter's verification and the assessment prefill read.
REC_IDX="CREATE INDEX rx_d ON rx (day); CREATE INDEX rx_e ON rx (evidence, day, record_no) WHERE evidence <> '';
  CREATE INDEX rx_r ON rx (day) WHERE item IS NULL; CREATE INDEX rx_s ON rx (day, start, id_number, caregiver);"
X2="$(ref "$WORK/records.csv" rx "$REC_COLS, PRIMARY KEY (record_no)" "$REC_IDX" ' WITHOUT ROWID')"
Y2="$(ref_after "$WORK/records.csv" rx "$REC_COLS, PRIMARY KEY (record_no)" "$REC_IDX" ' WITHOUT ROWID')"
O2="$(ours service_records "$WORK/records.csv")"
echo "$O1"; echo "$O2"
echo
echo "| list | rows | sqlite3 .import (plain table) | sqlite3 .import, same indexes (rate vs plain) | sqlite3 .import, same indexes built after the load (rate vs plain) | yiyang-server import --commit | rate vs sqlite3 (wall; CPU) | same file again |"
echo "|---|---|---|---|---|---|---|---|"
row "subscribers" "$NSUB" "$R1" "$X1" "$Y1" "$(sed -n 1p <<<"$O1")" "$(sed -n 2p <<<"$O1")"
row "service_records" "$NREC" "$R2" "$X2" "$Y2" "$(sed -n 1p <<<"$O2")" "$(sed -n 2p <<<"$O2")"
echo "[bench import] load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
