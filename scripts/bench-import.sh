#!/usr/bin/env bash
# Import speed (issue 10, `./yiyang bench import`): N subscribers and M service records as CSV (generated here,
# valid ID numbers), imported through the server's import path (`yiyang-server import --commit`: read, validate
# row by row in shared/import, upsert in one transaction) beside `sqlite3 .import` of the same CSV into a plain
# table, in the same run; the ratio of rates and the peak RSS (/usr/bin/time -v). Then the same file again (every
# row unchanged). Table on stdout; docs/BENCHMARKS.md is edited by hand from it.
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
python3 - "$WORK" "$NSUB" "$NREC" <<'PY'
import sys
work, nsub, nrec = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"
def idn(i):
    y = 1930 + i % 30; m = 1 + i // 30 % 12; d = 1 + i // 360 % 28; seq = 1 + i // 10080 % 999
    s = "350303%04d%02d%02d%03d" % (y, m, d, seq)
    return s + C[sum(int(a) * b for a, b in zip(s, W)) % 11]
names = ["王秀英", "李桂兰", "张德明", "陈玉珍", "林阿妹", "黄国强", "吴淑芬", "刘建华"]
towns = ["石岐街道", "东区街道", "西区街道", "南区街道", "小榄镇", "三乡镇"]   # towns of the demo registry (init --scale demo)
# idn is one-to-one below 30*12*28*999 = 10 069 920 (a mixed-radix split of i; sequence 000 is not valid).
with open(work + "/subscribers.csv", "w", encoding="utf-8") as f:
    f.write("姓名,身份证号,服务号码,镇街,开通日期,拆机日期,拆机原因\n")
    for i in range(nsub):
        rm = i % 10 == 0
        f.write("%s,%s,139%08d,%s,2023-%02d-%02d,%s,%s\n" % (names[i % 8], idn(i), i, towns[i % 6], 1 + i % 12,
                1 + i % 28, "2024-03-01" if rm else "", "死亡" if rm else ""))
with open(work + "/records.csv", "w", encoding="utf-8") as f:
    f.write("记录编号,身份证号,姓名,服务日期,开始时间,结束时间,服务项目,服务人员,佐证\n")
    items = ["助餐", "助洁", "助浴", "助医"]
    for i in range(nrec):
        s = i % max(nsub, 1)
        h = 8 + i % 9
        f.write("R%09d,%s,%s,2024-%02d-%02d,%02d:00,%02d:30,%s,助老员%d,p%d.jpg\n" % (i, idn(s), names[s % 8],
                1 + i % 3, 1 + i % 28, h, h, items[i % 4], i % 500, i))
PY
ls -l "$WORK"/*.csv | awk '{print "  " $5 " bytes  " $9}'

# sqlite3 .import of the same CSV into a plain table (the reference rate).
ref() {   # file table columns
  local db="$WORK/ref-$2.db"; rm -f "$db"
  sqlite3 "$db" "CREATE TABLE $2 ($3);"
  /usr/bin/time -f "%e %M" -o "$WORK/time" sqlite3 "$db" ".mode csv" ".import --skip 1 $1 $2" 2>/dev/null
  tail -n1 "$WORK/time"
}
# The server's path: a fresh demo database per list, then the commit, then the same file again.
ours() {   # list file
  local db="$WORK/ours-$1.db"; rm -f "$db"*
  "$SERVER_BIN" init --db "$db" --scale demo --seed 7 >/dev/null
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$SERVER_BIN" import --db "$db" --list "$1" --file "$2" --commit > "$WORK/out"
  echo "$(tail -n1 "$WORK/time") | $(head -n1 "$WORK/out")"
  sed -n 2,4p "$WORK/out" >&2   # the first errors, if the file was refused
  /usr/bin/time -f "%e %M" -o "$WORK/time" "$SERVER_BIN" import --db "$db" --list "$1" --file "$2" --commit > "$WORK/out"
  echo "$(tail -n1 "$WORK/time") | $(head -n1 "$WORK/out")"
}
row() {   # label rows ref_line ours_line ours_again_line
  local rs rm os om as am
  read -r rs rm <<<"$3"; read -r os om _ <<<"$4"; read -r as am _ <<<"$5"
  awk -v l="$1" -v n="$2" -v rs="$rs" -v rm="$rm" -v os="$os" -v om="$om" -v as="$as" -v am="$am" 'BEGIN {
    printf "| %s | %d | %.2f s (%.0f rows/s, %.0f MiB) | %.2f s (%.0f rows/s, %.0f MiB) | %.0f %% | %.2f s (%.0f MiB) |\n",
      l, n, rs, n/rs, rm/1024, os, n/os, om/1024, 100*rs/os, as, am/1024 }'
}
echo "[bench import] load at start: $(cut -d' ' -f1-3 /proc/loadavg)"
R1="$(ref "$WORK/subscribers.csv" s 'name,id_number,phone,town,opened,removed,removal_reason')"
O1="$(ours subscribers "$WORK/subscribers.csv")"
R2="$(ref "$WORK/records.csv" r 'record_no,id_number,name,day,start,"end",item,caregiver,evidence')"
O2="$(ours service_records "$WORK/records.csv")"
echo "$O1"; echo "$O2"
echo
echo "| list | rows | sqlite3 .import (plain table) | yiyang-server import --commit | rate vs sqlite3 | same file again |"
echo "|---|---|---|---|---|---|"
row "subscribers" "$NSUB" "$R1" "$(sed -n 1p <<<"$O1")" "$(sed -n 2p <<<"$O1")"
row "service_records" "$NREC" "$R2" "$(sed -n 1p <<<"$O2")" "$(sed -n 2p <<<"$O2")"
echo "[bench import] load at end: $(cut -d' ' -f1-3 /proc/loadavg)"
