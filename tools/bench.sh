#!/bin/sh
# make bench: the server under wrk on loopback, at municipal scale.
#
# Generates build/bench/loket.db with `loket seed` (100,000 households,
# seed 1) unless it is there, starts the release build on it, signs in
# the seed's teamleider and runs seven scenarios with wrk (2 threads, 64
# connections, BENCH_SECONDS each): (a) the ceiling, (b) household
# overviews, (c) search by name prefix, (d) the team dashboard, (g) the
# team's bezetting page, (h) the teamleider's results per provider and
# product and (i) the beleidsmedewerker's pages (issue 16), each also its
# first request after a change, (e) 80%
# reads and 20% writes, (f) beschikkingen vastgesteld as PDF (issue 15,
# with the size of a typical one); then the worst form body (1 MiB of short
# fields).  Prints requests/s, p50 and p99, the ratio
# (b)/(a), the server's peak RSS and the errors, each against its target.
# Then, on a copy of the database with the server stopped, the start of
# berichtenverkeer: a toewijzing and a validated 301 for every running
# maatwerk voorziening under Wmo 2015 and Jeugdwet in one batch (`loket
# berichten beginstand`), with messages per second and the share of time
# in XSD and rule validation.  See docs/performance.md.
set -eu
cd "$(dirname "$0")/.."
HOUSEHOLDS=${BENCH_HOUSEHOLDS:-100000}
SECONDS_EACH=${BENCH_SECONDS:-15}
CONNS=${BENCH_CONNECTIONS:-64}
dir=build/bench
db=$dir/loket.db
mkdir -p "$dir"

# The seed's shape changes now and then (e.g. national product categories
# for the messages); a database of an older shape is made anew.
SEED_SHAPE=3
if [ ! -f "$db" ] || [ ! -f "$dir/seed.out" ] || [ "$(cat "$dir/seed.shape" 2>/dev/null)" != "$SEED_SHAPE" ]; then
	rm -f "$db" "$db-wal" "$db-shm" "$dir/seed.out"
	echo "bench: generating $HOUSEHOLDS households in $db"
	t0=$(date +%s)
	build/loket seed --db "$db" --households "$HOUSEHOLDS" --seed 1 >"$dir/seed.out"
	echo "$SEED_SHAPE" >"$dir/seed.shape"
	echo "bench: seed took $(( $(date +%s) - t0 )) s"
fi
line=$(grep '^bench-gebruiker rol=teamleider ' "$dir/seed.out" | head -n 1)
# A beleidsmedewerker for scenario (i); the seed makes none.
bpass=$(echo "$line" | sed 's/.*wachtwoord=\([^ ]*\).*/\1/')
if [ "$(sqlite3 -readonly "$db" "SELECT count(*) FROM medewerker WHERE username = 'beleid.bench'")" = 0 ]; then
	echo "$bpass" | build/loket user-add --db "$db" --username beleid.bench --name "Beleid Bench" \
		--role beleidsmedewerker >/dev/null
fi
user=$(echo "$line" | sed 's/.*gebruikersnaam=\([^ ]*\).*/\1/')
pass=$(echo "$line" | sed 's/.*wachtwoord=\([^ ]*\).*/\1/')
[ -n "$user" ] && [ -n "$pass" ] || { echo "bench: no teamleider in $dir/seed.out" >&2; exit 1; }

port=${BENCH_PORT:-18080}
build/loket serve --db "$db" --port "$port" >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT INT TERM
for i in $(seq 1 100); do
	curl -fs "http://127.0.0.1:$port/api/v1/status" >/dev/null 2>&1 && break
	sleep 0.2
done
base=http://127.0.0.1:$port

# Sign in through the API: pre-sign-in token and cookie, then the session.
# Cookies are read from the headers: they are Secure, which curl's jar
# would not send over http.
h=$dir/headers.txt
signin() { # user password: sets sessie and csrf
	pre=$(curl -fs -D "$h" "$base/api/v1/sessie" | sed 's/.*"csrf": *"\([^"]*\)".*/\1/')
	inlog=$(grep -i '^set-cookie: __Host-inlog=' "$h" | sed 's/^[^=]*=\([^;]*\).*/\1/' | tr -d '\r')
	body=$(printf '{"gebruikersnaam": "%s", "wachtwoord": "%s"}' "$1" "$2")
	csrf=$(curl -fs -D "$h" -H "Cookie: __Host-inlog=$inlog" -H "X-CSRF-Token: $pre" \
		-H 'Content-Type: application/json' -d "$body" "$base/api/v1/sessie" |
		sed 's/.*"csrf": *"\([^"]*\)".*/\1/')
	sessie=$(grep -i '^set-cookie: __Host-sessie=' "$h" | sed 's/^[^=]*=\([^;]*\).*/\1/' | tr -d '\r')
	[ -n "$sessie" ] && [ -n "$csrf" ] || { echo "bench: sign-in as $1 failed" >&2; exit 1; }
}
signin beleid.bench "$bpass"
beleid_sessie=$sessie
signin "$user" "$pass"

# What the teamleider may open: the households of the team's regisseurs,
# goals of their concept plans, and name prefixes that exist.
q() { sqlite3 -readonly "$db" "$1" | paste -sd, -; }
me=$(sqlite3 -readonly "$db" "SELECT id FROM medewerker WHERE username = '$user'")
team="(SELECT team_id FROM medewerker WHERE id = $me)"
households=$(q "SELECT h.id FROM huishouden h JOIN medewerker m ON m.id = h.regisseur_id
	WHERE m.team_id = $team AND h.status <> 'afgesloten' ORDER BY h.id LIMIT 5000")
goals=$(q "SELECT d.id FROM doel d JOIN plan p ON p.id = d.plan_id JOIN huishouden h ON h.id = p.huishouden_id
	JOIN medewerker m ON m.id = h.regisseur_id WHERE m.team_id = $team AND p.status = 'concept' ORDER BY d.id LIMIT 2000")
prefixes=$(sqlite3 -readonly "$db" "SELECT DISTINCT lower(substr(last_name, 1, 4)) FROM persoon
	WHERE last_name NOT LIKE '% %' ORDER BY 1 LIMIT 200" | sed 's/.*/"&"/' | paste -sd, -)
# Maatwerk voorzieningen with a decision in the team's open households: what
# a beschikking can be vastgesteld for (scenario f).
voorzieningen=$(q "SELECT v.id FROM voorziening v JOIN huishouden h ON h.id = v.huishouden_id
	JOIN medewerker m ON m.id = h.regisseur_id WHERE m.team_id = $team AND h.status <> 'afgesloten'
	AND v.kind = 'maatwerk' AND v.decision_date IS NOT NULL ORDER BY v.id LIMIT 5000")
[ -n "$households" ] && [ -n "$goals" ] && [ -n "$prefixes" ] && [ -n "$voorzieningen" ] ||
	{ echo "bench: no visible households, goals, names or voorzieningen" >&2; exit 1; }
cat >"$dir/data.lua" <<LUA
cookie = "__Host-sessie=$sessie"
beleid_cookie = "__Host-sessie=$beleid_sessie"
csrf = "$csrf"
me = $me
today = "$(date +%F)"
later = "$(date -d '+30 days' +%F)"
households = { $households }
goals = { $goals }
prefixes = { $prefixes }
voorzieningen = { $voorzieningen }
LUA

# Waits until the server has finished what an earlier scenario left queued
# (its CPU time stops growing), so one scenario's backlog is not measured
# as the next one's latency.
settle() {
	last=-1
	for i in $(seq 1 600); do
		now=$(awk '{print $14 + $15}' "/proc/$pid/stat")
		[ "$now" -eq "$last" ] && return 0
		last=$now
		sleep 0.5
	done
}
run() { # name connections
	settle
	wrk -t2 -c"$2" -d"${SECONDS_EACH}s" --timeout 5s -s "tools/bench/$1.lua" "$base" >"$dir/$1.txt" 2>&1 || true
	grep '^RESULT' "$dir/$1.txt" || { echo "bench: $1 gave no result" >&2; cat "$dir/$1.txt" >&2; }
}
LAT_CONNS=${BENCH_LATENCY_CONNECTIONS:-4}
echo "bench: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //'), ${SECONDS_EACH}s per scenario;" \
	"$CONNS connections for ceiling, overview and mixed, $LAT_CONNS for the latency of search and dashboard"
results=$dir/results.txt
: >"$results"
for s in ceiling overview mixed; do run "$s" "$CONNS" | tee -a "$results"; done
for s in search dashboard bezetting resultaten beleid; do run "$s" "$LAT_CONNS" | tee -a "$results"; done
# (h, i) the first request after a change (issue 16: under 300 ms): a write
# moves the statistics version, so the next request computes the figures
# anew instead of taking them from the cache; the slowest of three counts.
first_after_change() { # name path cookie
	settle
	worst=0
	for i in 1 2 3; do
		sqlite3 -cmd '.timeout 5000' "$db" "UPDATE statistiek_versie SET n = n + 1" >/dev/null
		ms=$(curl -fs -o /dev/null -w '%{time_total}' -H "Cookie: $3" "$base$2" | awk '{printf "%.1f", $1 * 1000}')
		worst=$(echo "$worst $ms" | awk '{print ($2 > $1) ? $2 : $1}')
	done
	echo "RESULT $1 0 $worst $worst 0"
}
first_after_change resultaten_eerst /team/resultaten "__Host-sessie=$sessie" | tee -a "$results"
first_after_change beleid_eerst /beleid/resultaten "__Host-sessie=$beleid_sessie" | tee -a "$results"
# (f) beschikkingen: CPU-bound (layout and PDF), at as many connections as
# the latency scenarios; then the size of a typical one.
docs0=$(sqlite3 -readonly "$db" "SELECT count(*) FROM document WHERE kind = 'beschikking'")
run beschikking "$LAT_CONNS" | tee -a "$results"
pdfsize=$(sqlite3 -readonly "$db" "SELECT coalesce(avg(size), 0) FROM (SELECT size FROM document
	WHERE kind = 'beschikking' AND status = 'vastgesteld' ORDER BY id DESC LIMIT 1000)")
docs1=$(sqlite3 -readonly "$db" "SELECT count(*) FROM document WHERE kind = 'beschikking'")
echo "bench: $((docs1 - docs0)) beschikkingen vastgesteld in this run"

# Worst form body: 1 MiB of short fields (the shape that made the old
# duplicate check quadratic), to the sign-in form (anonymous, public: 8 KiB
# limit) and to a signed-in form (field limit), 20 times each; the slowest
# answer counts.
settle
awk -v csrf="$csrf" 'BEGIN { s = "csrf=" csrf; printf "%s", s; len = length(s)
	for (i = 0; len < 1048560; i++) { f = sprintf("&%x=", i); printf "%s", f; len += length(f) } }' >"$dir/form-body.txt"
worst=0
for target in /inloggen /zoeken; do
	for i in $(seq 1 20); do
		t=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' -H "Cookie: __Host-sessie=$sessie" \
			-H 'Content-Type: application/x-www-form-urlencoded' --data-binary @"$dir/form-body.txt" "$base$target")
		code=${t%% *}
		[ "$code" = 413 ] || { echo "bench: worst form body to $target gave $code, expected 413" >&2; worst=999; }
		worst=$(echo "$worst ${t#* }" | awk '{ ms = $2 * 1000; print (ms > $1 ? ms : $1) }')
	done
done
echo "RESULT worstform 0 $worst $worst 0" | tee -a "$results"
rss=$(grep VmHWM "/proc/$pid/status" | awk '{print $2}')

status=0
awk -v rss="$rss" -v pdfsize="$pdfsize" '
	{ rps[$2] = $3; p50[$2] = $4; p99[$2] = $5; err[$2] = $6; errors += $6 }
	function check(label, ok) { printf "  %-48s %s\n", label, ok ? "ok" : "NIET GEHAALD"; if (!ok) missed++ }
	END {
		printf "\n%-10s %12s %10s %10s %8s\n", "scenario", "requests/s", "p50 ms", "p99 ms", "errors"
		n = split("ceiling overview search dashboard bezetting resultaten beleid mixed beschikking worstform", names, " ")
		for (i = 1; i <= n; i++) { k = names[i]; printf "%-10s %12.0f %10.2f %10.2f %8d\n", k, rps[k], p50[k], p99[k], err[k] }
		ratio = rps["ceiling"] > 0 ? rps["overview"] / rps["ceiling"] : 0
		printf "\n(b)/(a) = %.2f   peak RSS = %.1f MB   errors = %d\n", ratio, rss / 1024, errors
		printf "beschikkingen (PDF): %.0f per second, a typical one %.0f kB\n\ntargets:\n", rps["beschikking"], pdfsize / 1024
		check("p99 overview < 20 ms at 64 connections", p99["overview"] < 20)
		check("search p50 < 2 ms", p50["search"] < 2)
		check("dashboard p50 < 50 ms", p50["dashboard"] < 50)
		check("bezetting p50 < 50 ms", p50["bezetting"] < 50)
		check("resultaten p50 < 50 ms", p50["resultaten"] < 50)
		check("beleid p50 < 50 ms", p50["beleid"] < 50)
		printf "  first request after a change: resultaten %.0f ms, beleid %.0f ms\n", p99["resultaten_eerst"], p99["beleid_eerst"]
		check("results: first request after a change < 300 ms", p99["resultaten_eerst"] < 300 && p99["beleid_eerst"] < 300)
		check("worst form body (1 MiB of fields) < 20 ms", p99["worstform"] < 20)
		check("peak RSS < 128 MB", rss / 1024 < 128)
		check("zero errors", errors == 0)
		exit missed ? 1 : 0
	}' "$results" || status=$?

# Berichtenverkeer: the starting batch on a copy, with the server stopped.
kill $pid 2>/dev/null; wait $pid 2>/dev/null || true
trap - EXIT INT TERM
copy=$dir/berichten.db
rm -f "$copy" "$copy-wal" "$copy-shm"
cp "$db" "$copy"
cp "$db.auditkey" "$copy.auditkey"
rel=${LOKET_ISTANDAARDEN:-../shared/conformance/istandaarden}
echo
LOKET_ISTANDAARDEN=$rel build/loket berichten beginstand --db "$copy" | tee "$dir/berichten.txt"
rm -f "$copy" "$copy-wal" "$copy-shm" "$copy.auditkey"
exit $status
