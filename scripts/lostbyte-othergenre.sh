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
from misreadings import READINGS as readings, garble
with open(f'{out}/orig.jsonl', 'w') as fo:
    for i, s in enumerate(lines):
        fo.write(json.dumps({'id': i, 'text': s}, ensure_ascii=False) + '\n')
for name, (o, w) in readings.items():
    with open(f'{out}/{name}.jsonl', 'w') as f:
        for i, s in enumerate(lines):
            f.write(json.dumps({'id': i, 'text': garble(s, o, w)}, ensure_ascii=False) + '\n')
print(f'othergenre: {len(lines)} lines of {gold}')
PY
for k in utf8-as-gb18030 utf8-as-gbk big5-as-gb2312 gbk-as-big5hkscs gbk-as-big5 utf8-as-cp1252; do
	"$BIN" -jsonl -learn-run=false -fix -boilerplate -to keep "$DIR/$k.jsonl" > "$DIR/$k.out"
	"$BIN" -jsonl -learn-run=false -fix -boilerplate -to keep "$DIR/$k.out" > "$DIR/$k.out2"
	python3 - "$DIR" "$k" <<'PY'
import difflib, json, sys
d, k = sys.argv[1], sys.argv[2]
read = lambda p: [json.loads(l)['text'] for l in open(p)]
orig, garbled, out, out2 = read(f'{d}/orig.jsonl'), read(f'{d}/{k}.jsonl'), read(f'{d}/{k}.out'), read(f'{d}/{k}.out2')
n = exact = kept = wrong = chars = clines = 0
for o, g, r in zip(orig, garbled, out):
    if '\ufffd' not in g:
        continue
    n += 1
    if r == o:
        exact += 1
        continue
    if '\ufffd' in r:
        kept += 1
    else:
        wrong += 1
    w = 0
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, o, r, autojunk=False).get_opcodes():
        if op in ('replace', 'insert'):
            w += sum(1 for c in r[b1:b2] if c != '\ufffd' and ('\u3000' <= c <= '\u9fff' or '\uff00' <= c <= '\uffef') and c not in g)
    chars += w
    clines += w > 0
twice = sum(a != b for a, b in zip(out, out2))
print(f'{k}: {n} lines with U+FFFD: restored exactly {exact}, still with U+FFFD {kept}, wrong {wrong}; wrong characters put in {chars} (in {clines} lines); cleaned twice: {twice} lines change')
PY
done
