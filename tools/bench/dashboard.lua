-- (d) the team dashboard of the signed-in teamleider's team.
dofile("tools/bench/common.lua")
request = function() return wrk.format("GET", "/team", page_headers()) end
done = result("dashboard")
