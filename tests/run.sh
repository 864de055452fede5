#!/bin/sh
# Runs every test program and sums their "ok"/"not ok" lines into the final
# "N passed, N failed" line.  A program that dies without reporting a failure
# (a crash, a sanitizer report, a timeout) counts as one failure itself.
set -u
cd "$(dirname "$0")/.."
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:halt_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LOKET_SHARED="${LOKET_SHARED:-$(cd .. && pwd)/shared}"

passed=0
failed=0
log=build/test-logs
rm -rf "$log"; mkdir -p "$log"

run_one() { # name, command...
	name=$1; shift
	out="$log/$name.log"
	start=$(date +%s)
	timeout 600 "$@" >"$out" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$out")
	f=$(grep -c '^not ok ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $rc" >>"$out"
		f=1
	fi
	passed=$((passed + p)); failed=$((failed + f))
	echo "$name: $p passed, $f failed ($(( $(date +%s) - start ))s)"
	if [ "$f" -gt 0 ]; then
		grep -v '^ok ' "$out" | head -n 60 | sed 's/^/    /'
	fi
}

for t in build/san/tests/test_*; do
	[ -x "$t" ] || continue
	run_one "$(basename "$t")" "$t"
done
# The fuzz corpus as regression cases (tests/fuzz/README.md).
for r in build/san/fuzz/replay_*; do
	[ -x "$r" ] || continue
	name=${r##*/replay_}
	run_one "fuzz_$name" "$r" "fuzz_$name" "tests/fuzz/corpus/$name"
done
for t in tests/t_*.sh; do
	[ -f "$t" ] || continue
	run_one "$(basename "$t" .sh)" sh "$t"
done
if [ -f tests/browser/run.mjs ]; then
	run_one browser node tests/browser/run.mjs
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
