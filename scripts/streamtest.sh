#!/bin/sh
# streamtest.sh — time and peak memory of `hanfix -to simp` on one text file
# larger than -max-doc, which the CLI cleans as it reads it
# (normalize.Normalizer.Stream).
#
# Joins the seeds of ../shared/corpus/seeds (damaged, seed-like text) into
# one file of about SIZE_MB, then runs, with GNU time,
#
#   hanfix -to simp FILE > out          # a file: streamed from the start
#   cat FILE | hanfix -to simp > out    # a pipe: its first -max-doc bytes
#                                       # are read before it is streamed
#
# and prints the wall-clock time, the throughput and the peak resident set
# size of each. Exits 1 when a run fails, their outputs differ, or a peak
# RSS exceeds LIMIT_MB.
#
# Environment: SIZE_MB (default 1024), LIMIT_MB (default 450), SHARED (the
# shared directory, default ../shared beside the repository), TMPDIR, BIN
# (another build of the CLI to run instead of building one).
# Needs go and GNU time (apt-get install time).
set -eu

SIZE_MB=${SIZE_MB:-1024}
LIMIT_MB=${LIMIT_MB:-450}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-streamtest.XXXXXX")
trap 'rm -rf "$DIR"' EXIT INT TERM

if [ ! -x /usr/bin/time ]; then
	echo "streamtest: /usr/bin/time is missing (apt-get install time)" >&2
	exit 2
fi
if ! ls "$SHARED"/corpus/seeds/*.txt >/dev/null 2>&1; then
	echo "streamtest: no seeds in $SHARED/corpus/seeds (set SHARED)" >&2
	exit 2
fi

BIN=${BIN:-}
if [ -z "$BIN" ]; then
	(cd "$ROOT" && go build -o "$DIR/hanfix" ./examples/hanfix)
	BIN=$DIR/hanfix
fi

cat "$SHARED"/corpus/seeds/*.txt >"$DIR/seeds.txt"
: >"$DIR/big.txt"
target=$((SIZE_MB * 1024 * 1024))
while [ "$(wc -c <"$DIR/big.txt")" -lt "$target" ]; do
	# 100 copies at a time: about 30 MB.
	for _ in 1 2 3 4 5 6 7 8 9 10; do cat "$DIR/seeds.txt" "$DIR/seeds.txt" "$DIR/seeds.txt" "$DIR/seeds.txt" "$DIR/seeds.txt" \
		"$DIR/seeds.txt" "$DIR/seeds.txt" "$DIR/seeds.txt" "$DIR/seeds.txt" "$DIR/seeds.txt"; done >>"$DIR/big.txt"
done
bytes=$(wc -c <"$DIR/big.txt")
echo "streamtest: the seeds joined into one file of $((bytes / 1000000)) MB"

status=0
run() {
	name=$1
	shift
	if ! /usr/bin/time -f '%e %M' -o "$DIR/time.txt" "$@" >"$DIR/out.$name" 2>"$DIR/err.txt"; then
		echo "streamtest: $name: hanfix failed:" >&2
		tail -5 "$DIR/err.txt" >&2
		status=1
		return
	fi
	read -r secs kb <"$DIR/time.txt"
	awk -v n="$name" -v b="$bytes" -v s="$secs" -v kb="$kb" \
		'BEGIN { printf "%-6s %7.2f s  %6.1f MB/s  peak RSS %5d MB\n", n, s, b / 1e6 / s, kb / 1024 }'
	if [ "$kb" -gt $((LIMIT_MB * 1024)) ]; then
		echo "streamtest: $name: peak RSS $((kb / 1024)) MB is over the limit of $LIMIT_MB MB"
		status=1
	fi
}
run file "$BIN" -to simp "$DIR/big.txt"
run pipe sh -c "cat \"$DIR/big.txt\" | \"$BIN\" -to simp"
if [ -f "$DIR/out.file" ] && [ -f "$DIR/out.pipe" ] && ! cmp -s "$DIR/out.file" "$DIR/out.pipe"; then
	echo "streamtest: the outputs of the file and of the pipe differ"
	status=1
fi
exit $status
