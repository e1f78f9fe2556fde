-- wrk script for ./yiyang bench: registers work orders (POST /api/v1/orders) as fast as the server takes
-- them, as a signed-in agent's browser would send them (session cookie, CSRF header, own Origin).
-- Alternates a booking for an elder with a walk-in consultation for a town, spread over elders and towns.
-- Environment: YIYANG_BENCH_COOKIE ("yy_session=..."), YIYANG_BENCH_ORIGIN ("http://127.0.0.1:PORT"),
-- YIYANG_BENCH_ELDERS / YIYANG_BENCH_TOWNS (id ranges 1..N to draw from).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local elders = tonumber(os.getenv("YIYANG_BENCH_ELDERS") or "600000")
local towns = tonumber(os.getenv("YIYANG_BENCH_TOWNS") or "23")
local counter = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Yiyang-Request"] = "1"
wrk.headers["Cookie"] = os.getenv("YIYANG_BENCH_COOKIE") or ""
wrk.headers["Origin"] = os.getenv("YIYANG_BENCH_ORIGIN")

function request()
  counter = counter + 1
  -- a different elder / town per request and per thread (multiplicative spread, no clock, no randomness)
  local n = counter * 7919 + (tid or 1) * 104729
  local body
  if counter % 2 == 0 then
    body = string.format('{"type":"booking","channel":"hotline","categories":["meals"],"elder_id":%d,' ..
                         '"description":"压测：助餐预约 %d-%d"}', n % elders + 1, tid or 1, counter)
  else
    body = string.format('{"type":"consultation","channel":"walk_in","town_id":%d,' ..
                         '"description":"压测：政策咨询 %d-%d"}', n % towns + 1, tid or 1, counter)
  end
  return wrk.format(nil, nil, nil, body)
end
