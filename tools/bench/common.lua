-- Shared by the make bench scenarios: the data file written by
-- tools/bench.sh (session cookie, CSRF token, visible household ids, goal
-- ids, search prefixes) and a done() that prints one RESULT line.
dofile(os.getenv("BENCH_DATA") or "build/bench/data.lua")

math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)

function pick(list)
	return list[math.random(#list)]
end

function page_headers()
	return { ["Cookie"] = cookie, ["Accept"] = "text/html" }
end

function api_headers()
	return { ["Cookie"] = cookie, ["X-CSRF-Token"] = csrf, ["Content-Type"] = "application/json" }
end

-- RESULT name requests/s p50_ms p99_ms errors(non-2xx/3xx + socket errors)
function result(name)
	return function(summary, latency, requests)
		local secs = summary.duration / 1e6
		local e = summary.errors
		local errors = e.status + e.connect + e.read + e.write + e.timeout
		io.write(string.format("RESULT %s %.1f %.3f %.3f %d %d\n", name, summary.requests / secs,
			latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors, summary.requests))
	end
end
