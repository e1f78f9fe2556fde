#!/usr/bin/env bash
# `./yiyang bench reports` (issue 13, part reports): the operation reports' generation time — the project year's
# summary (项目总结报告: the indicators of every month so far, requests per month) as JSON and as the A4 PDF with its
# vector charts, and a month's report (月度运营分析报告: the month, its trend, channel / type / town, the providers'
# ranking) as PDF — cold (the first request after the server started: nothing cached) and warm (the same request
# again: the indicators' per-data-version cache), ROUNDS fresh servers, medians. Budget (issue 13): a year's report
# in ≤ 3 s including the PDF; the target table (GET /api/v1/target-table, cold and warm) ≤ 200 ms; beside the naive
# reference in the same run (the sqlite3 shell counting the records the reports summarise). Table on stdout.
# Env: YIYANG_BENCH_SCALE (demo — the `./yiyang run` data; city — the cached city database), YIYANG_BENCH_ROUNDS (3),
# YIYANG_BENCH_DB (a database to use instead), YIYANG_BENCH_SERVER, YIYANG_BENCH_MONTH (default the previous month).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="$ROOT/build"
SERVER_BIN="${YIYANG_BENCH_SERVER:-$BUILD/native/server/yiyang-server}"
BENCH="${YIYANG_BENCH_DIR:-$BUILD/bench}"
SCALE="${YIYANG_BENCH_SCALE:-demo}"
ROUNDS="${YIYANG_BENCH_ROUNDS:-3}"
mkdir -p "$BENCH"
. "$ROOT/scripts/bench-lib.sh"
if [ -n "${YIYANG_BENCH_DB:-}" ]; then
  DB="$YIYANG_BENCH_DB"
elif [ "$SCALE" = "city" ]; then
  city_db reports
else
  DB="$BENCH/demo-reports.db"
  if [ ! -f "$DB" ]; then
    echo "[bench-reports] generating the demo city (./yiyang run's scale) in $DB" >&2
    "$SERVER_BIN" init --db "$DB" --scale demo | head -n1 >&2
  fi
fi
MONTH="${YIYANG_BENCH_MONTH:-$(date -d "$(date +%Y-%m-01) -1 day" +%Y-%m)}"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"

work_copy
bench_user "$RUN_DB" supervisor

ms() { awk '{printf "%.0f", $1 * 1000}'; }
get() {   # get PATH OUT: the request's total time in ms, the reply in OUT (HTTP 200 required)
  curl -fsS -o "$2" -w '%{time_total}' -H "Cookie: $COOKIE" "$BASE$1" | ms
}
declare -A T
for key in year_json_cold year_json_warm year_pdf_cold year_pdf_warm month_pdf_cold month_pdf_warm table_cold table_warm naive; do T[$key]=""; done
for r in $(seq 1 "$ROUNDS"); do
  start_server
  # Cold: the year's PDF first (it computes every month's indicators), then the same again (warm).
  T[year_pdf_cold]+="$(get "/api/v1/reports/operation?kind=year&period=$MONTH&format=pdf" "$WORK/year.pdf") "
  T[year_pdf_warm]+="$(get "/api/v1/reports/operation?kind=year&period=$MONTH&format=pdf" "$WORK/year.pdf") "
  T[year_json_warm]+="$(get "/api/v1/reports/operation?kind=year&period=$MONTH" "$WORK/year.json") "
  T[month_pdf_warm]+="$(get "/api/v1/reports/operation?kind=month&period=$MONTH&format=pdf" "$WORK/month.pdf") "
  kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  start_server
  T[year_json_cold]+="$(get "/api/v1/reports/operation?kind=year&period=$MONTH" "$WORK/year.json") "
  kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  start_server
  T[month_pdf_cold]+="$(get "/api/v1/reports/operation?kind=month&period=$MONTH&format=pdf" "$WORK/month.pdf") "
  kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  start_server
  T[table_cold]+="$(get "/api/v1/target-table?month=$MONTH" "$WORK/table.json") "
  T[table_warm]+="$(get "/api/v1/target-table?month=$MONTH" "$WORK/table.json") "
  kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""
  # The naive reference in the same run: the sqlite3 shell reading the records for what the year report's request
  # tables and the providers' activity need (before the aggregates of migration 35, the server did this per month).
  t0=$(date +%s%N)
  sqlite3 "$RUN_DB" "SELECT count(*) FROM (SELECT strftime('%Y-%m', created_at, 'unixepoch') m, channel, type, town_id, count(*)
    FROM work_orders GROUP BY 1, 2, 3, 4); SELECT count(*) FROM (SELECT provider_id, strftime('%Y-%m', created_at, 'unixepoch'),
    count(*) FROM work_orders WHERE provider_id IS NOT NULL AND status <> 'cancelled' GROUP BY 1, 2);" >/dev/null
  T[naive]+="$(( ($(date +%s%N) - t0) / 1000000 )) "
  echo "[bench-reports] round $r of $ROUNDS: year pdf cold $(echo ${T[year_pdf_cold]} | awk '{print $NF}') ms (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
done
med() { printf '%s\n' $1 | median; }
YEAR_PAGES="$(pdfinfo "$WORK/year.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')"
MONTH_PAGES="$(pdfinfo "$WORK/month.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')"
MONTHS="$(node -e 'const r=require(process.argv[1]);const t=r.tables.find(x=>x.code==="requests_by_month");console.log(t?t.rows.length:0)' "$WORK/year.json" 2>/dev/null || echo '?')"
echo
echo "| request (database $(basename "$DB"), period $MONTH, supervisor) | cold ms | warm ms | runs (cold; warm) | budget |"
echo "|---|---|---|---|---|"
echo "| \`GET /api/v1/reports/operation?kind=year&format=pdf\` ($MONTHS months, $YEAR_PAGES pages, $(wc -c <"$WORK/year.pdf") bytes) | $(med "${T[year_pdf_cold]}") | $(med "${T[year_pdf_warm]}") | ${T[year_pdf_cold]% }; ${T[year_pdf_warm]% } | ≤ 3000 ms |"
echo "| \`GET /api/v1/reports/operation?kind=year\` (JSON) | $(med "${T[year_json_cold]}") | $(med "${T[year_json_warm]}") | ${T[year_json_cold]% }; ${T[year_json_warm]% } | — |"
echo "| \`GET /api/v1/reports/operation?kind=month&format=pdf\` ($MONTH_PAGES pages, $(wc -c <"$WORK/month.pdf") bytes) | $(med "${T[month_pdf_cold]}") | $(med "${T[month_pdf_warm]}") | ${T[month_pdf_cold]% }; ${T[month_pdf_warm]% } | — |"
echo "| \`GET /api/v1/target-table?month=$MONTH\` | $(med "${T[table_cold]}") | $(med "${T[table_warm]}") | ${T[table_cold]% }; ${T[table_warm]% } | ≤ 200 ms |"
echo "| naive reference: \`sqlite3\` shell, every order's month × channel × type × town and provider × month counts | $(med "${T[naive]}") | — | ${T[naive]% } | — |"
echo
echo "Ratio year PDF cold / naive reference: $(awk -v a="$(med "${T[year_pdf_cold]}")" -v b="$(med "${T[naive]}")" 'BEGIN {printf "%.2f", a / b}')."
echo
echo "Load average $LOAD_START at the start, $(cut -d' ' -f1-3 /proc/loadavg) at the end; $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, shared."
