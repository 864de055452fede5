-- (i) the beleidsmedewerker's pages (issue 16 item 7): all teams, every
-- small number as "<5": the results, the overview and the quarterly report.
dofile("tools/bench/common.lua")
local paths = {"/beleid/resultaten", "/beleid/resultaten?groep=product", "/beleid", "/beleid/kwartaal",
	"/beleid/kwartaal?formaat=csv"}
request = function()
	return wrk.format("GET", pick(paths), { ["Cookie"] = beleid_cookie, ["Accept"] = "text/html" })
end
done = result("beleid")
