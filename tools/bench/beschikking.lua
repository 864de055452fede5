-- (f) beschikkingen: vaststellen through the API, each one a new version
-- (the concept with its motivation, the letter rendered from its template,
-- the tagged PDF made with cairo and pango, stored with its SHA-256 and
-- audit row).  Each wrk thread takes its own voorzieningen, so no two
-- requests meet on one concept.
dofile("tools/bench/common.lua")
local threads = 0
function setup(thread)
	thread:set("tid", threads)
	threads = threads + 1
end
local i = 0
local body = '{"actie": "vaststellen", "versie": 0, "afsluiting": "",'
	.. ' "motivatie": "Wat wij met deze voorziening willen bereiken: u doet weer zelf uw boodschappen.\\n\\n'
	.. 'Waarom u dit niet zelf of met hulp van anderen kunt regelen: uw netwerk kan dit niet dragen."}'
request = function()
	i = i + 1
	local v = voorzieningen[((i * 2 + (tid or 0)) % #voorzieningen) + 1]
	return wrk.format("POST", "/api/v1/voorzieningen/" .. v .. "/beschikking", api_headers(), body)
end
done = result("beschikking")
