-- wrk script: paces every connection so that together they send about RATE requests/s
-- (environment RATE and CONNECTIONS, which must match -c). Latency is measured per request from
-- when it is sent; at a moderate rate the answers come long before the next one is due.
local rate = tonumber(os.getenv("RATE") or "500")
local connections = tonumber(os.getenv("CONNECTIONS") or "8")

function delay()
   -- Jitter keeps the connections from firing in lockstep.
   return math.random(0, 2 * 1000 * connections / rate)
end
