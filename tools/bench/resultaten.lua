-- (h) the teamleider's results per provider and per product (issue 16
-- item 2) over the last twelve months of her team, as page, CSV and JSON.
dofile("tools/bench/common.lua")
local paths = {"/team/resultaten", "/team/resultaten?groep=product", "/team/resultaten?formaat=csv",
	"/team/resultaten?groep=product&formaat=json"}
request = function() return wrk.format("GET", pick(paths), page_headers()) end
done = result("resultaten")
