-- (e) 80% reads (household pages, search) and 20% writes (journal entries
-- and agreements through the API) with the real session and CSRF token.
dofile("tools/bench/common.lua")
local n = 0
request = function()
	n = n + 1
	local r = math.random(100)
	if r <= 70 then
		return wrk.format("GET", "/huishoudens/" .. pick(households), page_headers())
	elseif r <= 80 then
		return wrk.format("GET", "/zoeken?q=" .. pick(prefixes), page_headers())
	elseif r <= 92 then
		local body = string.format('{"soort": "telefoon", "datum": "%s", "tekst": "Bench: gebeld (%d)"}', today, n)
		return wrk.format("POST", "/api/v1/huishoudens/" .. pick(households) .. "/journaal", api_headers(), body)
	else
		local body = string.format('{"wie_soort": "medewerker", "wie_id": %d, "wat": "Bench: formulier invullen (%d)", "uiterlijk": "%s"}', me, n, later)
		return wrk.format("POST", "/api/v1/doelen/" .. pick(goals) .. "/afspraken", api_headers(), body)
	end
end
done = result("mixed")
