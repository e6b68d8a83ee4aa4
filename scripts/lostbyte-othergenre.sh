#!/bin/sh
# lostbyte-othergenre.sh — lost-byte restoration on text of another genre
# than the Debian documentation the statistics are learned from.
#
# Takes the lines of ../shared/corpus/gold (news and party documents, in
# Simplified and Traditional) with 12 Han characters or more, reads each
# as the readers of scripts/lostbyte-heldout.sh do that fail one byte at a
# time (Python's codecs with errors="replace"), cleans them with
# -jsonl -to keep (no in-run learning, no boilerplate stage) and counts,
# over the lines with a U+FFFD: restored exactly, still with a U+FFFD,
# changed into anything else (wrong); and, over all of them, the CJK
# characters the repair put in that are in neither the garbled line nor
# the original at that place (wrong characters; a line still holding a
# U+FFFD may hold some too). Each output is cleaned again: it must not
# change.
#
# Usage: scripts/lostbyte-othergenre.sh   (needs go and python3; BIN=path
#        scores another build; GOLD=dir reads other text)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
GOLD=${GOLD:-$ROOT/../shared/corpus/gold}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-othergenre.XXXXXX")
trap 'rm -rf "$DIR"' EXIT INT TERM
BIN=${BIN:-}
if [ -z "$BIN" ]; then
	(cd "$ROOT" && go build -o "$DIR/hanfix" ./examples/hanfix)
	BIN=$DIR/hanfix
fi
PYTHONPATH=$ROOT/scripts python3 - "$GOLD" "$DIR" <<'PY'
import glob, json, os, sys
gold, out = sys.argv[1], sys.argv[2]
lines = []
for f in sorted(glob.glob(os.path.join(gold, '*.txt'))):
    for l in open(f, encoding='utf-8'):
        l = l.rstrip('\n')
        if sum('\u4e00' <= c <= '\u9fff' for c in l) >= 12:
            lines.append(l)
lines = list(dict.fromkeys(lines))
from misreadings import write_readings
write_readings(out, lines)
print(f'othergenre: {len(lines)} lines of {gold}')
PY
for k in utf8-as-gb18030 utf8-as-gbk big5-as-gb2312 gbk-as-big5hkscs gbk-as-big5 utf8-as-cp1252; do
	"$BIN" -jsonl -learn-run=false -fix -boilerplate -to keep "$DIR/$k.jsonl" > "$DIR/$k.out"
	"$BIN" -jsonl -learn-run=false -fix -boilerplate -to keep "$DIR/$k.out" > "$DIR/$k.out2"
	PYTHONPATH=$ROOT/scripts python3 -c 'import sys; from misreadings import report_lost; print(report_lost(sys.argv[1], sys.argv[2]))' "$DIR" "$k"
done
