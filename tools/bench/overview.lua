-- (b) the household overview of random households the signed-in user may
-- see, each view with its audit row.
dofile("tools/bench/common.lua")
request = function() return wrk.format("GET", "/huishoudens/" .. pick(households), page_headers()) end
done = result("overview")
