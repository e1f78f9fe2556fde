-- wrk script for ./yiyang bench: reads GET /api/v1/kpis (the URL given to wrk, with the session cookie from
-- YIYANG_BENCH_COOKIE) and counts the replies marked "stale": true (served from the last computation while the
-- server recomputes after a write). Prints "stale N fresh M" at the end.
local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

wrk.headers["Cookie"] = os.getenv("YIYANG_BENCH_COOKIE") or ""
stale = 0
fresh = 0

function response(status, headers, body)
  if string.find(body, '"stale":true', 1, true) then stale = stale + 1 else fresh = fresh + 1 end
end

function done(summary, latency, requests)
  local s, f = 0, 0
  for _, t in ipairs(threads) do
    s = s + (t:get("stale") or 0)
    f = f + (t:get("fresh") or 0)
  end
  io.write(string.format("stale %d fresh %d\n", s, f))
end
