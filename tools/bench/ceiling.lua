-- (a) the ceiling: a route of the same server with a small fixed body.
dofile("tools/bench/common.lua")
request = function() return wrk.format("GET", "/api/v1/status") end
done = result("ceiling")
