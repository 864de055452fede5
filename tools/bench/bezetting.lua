-- (g) the team's caseload and capacity page (issue 16 item 6) of the
-- signed-in teamleider's team.
dofile("tools/bench/common.lua")
request = function() return wrk.format("GET", "/team/bezetting", page_headers()) end
done = result("bezetting")
