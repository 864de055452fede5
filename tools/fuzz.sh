#!/bin/sh
# Runs each libFuzzer harness for a bounded time (make fuzz).  New inputs
# that reach new code go to build/fuzz/corpus/<name> (the committed corpus
# in tests/fuzz/corpus/<name> is read, never written); a crash leaves its
# input in build/fuzz/crashes/ and fails the run.
#
#   sh tools/fuzz.sh SECONDS NAME...
set -u
cd "$(dirname "$0")/.."
seconds=$1
shift
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
mkdir -p build/fuzz/crashes
status=0
for name in "$@"; do
	work=build/fuzz/corpus/$name
	mkdir -p "$work"
	echo "fuzz: $name for ${seconds}s"
	if ! build/fuzz/fuzz_$name -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix=build/fuzz/crashes/$name- \
		"$work" tests/fuzz/corpus/$name >build/fuzz/$name.log 2>&1; then
		echo "fuzz: $name FOUND A PROBLEM; see build/fuzz/$name.log and build/fuzz/crashes/" >&2
		status=1
	fi
	grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' build/fuzz/$name.log | sed "s/^/fuzz: $name /"
done
exit $status
