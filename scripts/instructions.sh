#!/bin/sh
# instructions.sh — instructions per operation of Go benchmarks, counted by
# cachegrind: the measure of speed work that a noisy machine's wall clock
# cannot give (docs/MEASUREMENTS.md compares builds with it).
#
# Usage: sh scripts/instructions.sh PACKAGE BENCHMARK... (from the
# repository's root), for example
#
#	sh scripts/instructions.sh ./internal/mojibake BenchmarkFindDamaged BenchmarkFindDenseLost
#
# It builds the package's test binary and runs each benchmark twice under
# cachegrind, N1 and N2 iterations (default 5 and 25; set N1 and N2 for
# slow benchmarks, N1 at least 2: with -benchtime 1x the benchmark runs
# once, otherwise once more with one iteration first), with one thread and
# the collector off, and prints (I(N2) - I(N1)) / (N2 - N1): what one
# iteration costs, without the start-up and the models' first use, which
# both runs share. Needs valgrind (apt-get install valgrind).
set -eu
[ $# -ge 2 ] || { echo "usage: $0 PACKAGE BENCHMARK..." >&2; exit 2; }
command -v valgrind >/dev/null || { echo "$0: valgrind not found (apt-get install valgrind)" >&2; exit 1; }
pkg=$1; shift
N1=${N1:-5} N2=${N2:-25}
[ "$N1" -ge 2 ] && [ "$N2" -gt "$N1" ] || { echo "$0: need 2 <= N1 < N2 (N1=$N1 N2=$N2)" >&2; exit 2; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go test -c -o "$dir/bench.test" "$pkg"
# The instructions of one run of benchmark $1 with $2 iterations; nothing
# when the benchmark did not run.
count() {
	GOMAXPROCS=1 GOGC=off valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
		"$dir/bench.test" -test.run '^$' -test.bench "^$1\$" -test.benchtime "$2x" >"$dir/out" 2>&1 || true
	grep -q "^$1" "$dir/out" || return 0
	awk '/I *refs:/ { gsub(",", "", $NF); print $NF }' "$dir/out"
}
for b in "$@"; do
	a=$(count "$b" "$N1")
	z=$(count "$b" "$N2")
	if [ -z "$a" ] || [ -z "$z" ]; then
		echo "$0: $b: no count (is it a benchmark of $pkg?)" >&2
		exit 1
	fi
	echo "$b $(( (z - a) / (N2 - N1) )) instructions per operation"
done
