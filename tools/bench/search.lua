-- (c) search by name prefix.
dofile("tools/bench/common.lua")
request = function() return wrk.format("GET", "/zoeken?q=" .. pick(prefixes), page_headers()) end
done = result("search")
