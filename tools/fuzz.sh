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
	# Per-input limits low enough that anything super-linear shows up as
	# a timeout: the form decoder gets inputs up to 256 KiB and one
	# second each (a quadratic duplicate check took minutes on 1 MiB);
	# the server harnesses 64 KiB and five seconds (their own hang check
	# aborts after five seconds without an answer).
	case $name in
	form) limits="-max_len=262144 -timeout=1" ;;
	http|json) limits="-max_len=65536 -timeout=5" ;;
	*) limits="-timeout=5" ;;
	esac
	# shellcheck disable=SC2086
	if ! build/fuzz/fuzz_$name -max_total_time="$seconds" $limits -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix=build/fuzz/crashes/$name- \
		"$work" tests/fuzz/corpus/$name >build/fuzz/$name.log 2>&1; then
		echo "fuzz: $name FOUND A PROBLEM; see build/fuzz/$name.log and build/fuzz/crashes/" >&2
		status=1
	fi
	grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' build/fuzz/$name.log | sed "s/^/fuzz: $name /"
done
exit $status
