#!/bin/sh
# lostbyte-heldout.sh — how well hanfix restores the bytes behind U+FFFD in
# text it has not learned from.
#
# From the Debian corpus that scripts/debian-corpus.sh writes (WORKDIR,
# default $HANFIX_CORPUS or /tmp/hanfix-noharm) it sets aside every tenth
# line of 15 to 200 characters that has a Han character next to a Latin
# word or digit (the test lines; at most 6,000), learns the running-text
# share of the character model (tools/genlm) and the Latin-context
# statistics (tools/genlatin) from the rest, and builds the CLI with them
# in a copy of the repository. Then it reads the test lines as a reader
# that fails one byte at a time would: UTF-8 as GB18030 and as GBK, Big5
# as GB2312 (Python's gb2312, which fails outside GB2312), GBK as
# big5hkscs and as big5 (Python's, cp950 with the ETEN extensions) and
# UTF-8 as windows-1252 (Python's codecs with errors="replace"; the
# last fails on the five bytes windows-1252 leaves undefined), cleans them with
# -to keep and counts, over the lines with a U+FFFD, those restored
# exactly, those still holding a U+FFFD, and those changed into anything
# else (wrong). Lines with terminal escapes are left out (hygiene removes
# them, which is no restoration).
#
# It also reads them as a reader that drops what it cannot read, leaving
# no trace (Python's codecs with errors="ignore": UTF-8 as GBK, as
# GB18030 and as windows-1252, GBK as big5hkscs and as big5, Big5 as GBK), and counts
# the damaged lines restored exactly and the Han characters the repair
# puts in (those in neither the garbled line nor, at that place, the
# original are wrong; those that are the original's there, right).
# The same count is made for the lines as read by a reader that writes
# '?' for each byte it fails on (PHP's mb_convert_encoding, MySQL's
# conversions; Python's readers above, and Big5 as GBK, with each U+FFFD
# made '?'), and as read by a WHATWG reader (UTF-8 as GBK, GBK as Big5,
# Big5 as GBK with golang.org/x/text's decoders, which drop both bytes
# of a pair they cannot read: internal/mojibake/cmd/misread).
#
# Each output is cleaned a second time, and the lines that change then are
# counted ("cleaned twice"): cleaning is idempotent, so it should be 0.
#
# The punctuation statistics (punct.bin) stay those learned from the whole
# corpus.
#
# With BASE_BIN set to another hanfix binary (an older build, say), it
# scores that binary on the same lines too.
#
# Usage: scripts/lostbyte-heldout.sh [WORKDIR]   (needs go and python3)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-${HANFIX_CORPUS:-/tmp/hanfix-noharm}}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-lostbyte.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$DIR"' EXIT INT TERM

mkdir -p "$DIR/train"
PYTHONPATH=$ROOT/scripts python3 - "$corpus" "$DIR" <<'EOF'
import json, re, sys
corpus, out = sys.argv[1], sys.argv[2]
near = re.compile(r'[\u4e00-\u9fff] ?[A-Za-z0-9_]|[A-Za-z0-9_] ?[\u4e00-\u9fff]')
test = []
for name in ['man.txt', 'plain.txt', 'mo.txt', 'html.txt']:
    with open(f'{out}/train/{name}', 'w') as w:
        k = 0
        for line in open(f'{corpus}/{name}', encoding='utf-8'):
            s = line.rstrip('\n')
            if near.search(s) and 15 <= len(s) <= 200 and '\x1b' not in s:
                k += 1
                if k % 10 == 0:
                    test.append(s)
                    continue
            w.write(line)
open(f'{out}/train/packages.txt', 'w').write(open(f'{corpus}/packages.txt').read())
test = test[:6000]
from misreadings import READINGS as readings, garble, write_jsonl, write_readings
write_readings(out, test)
ignoring = {'ignore-utf8-as-gbk': ('utf-8', 'gbk'), 'ignore-utf8-as-gb18030': ('utf-8', 'gb18030'),
            'ignore-gbk-as-big5hkscs': ('gbk', 'big5hkscs'), 'ignore-gbk-as-big5': ('gbk', 'big5'),
            'ignore-big5-as-gbk': ('big5', 'gbk'),
            'ignore-utf8-as-cp1252': ('utf-8', 'cp1252')}
for name, (orig, wrong) in ignoring.items():
    write_jsonl(f'{out}/{name}.jsonl', [garble(s, orig, wrong, 'ignore') for s in test])
# Readers that write '?' for each byte they fail on (PHP's
# mb_convert_encoding, MySQL's conversions): Python's readers with
# errors="replace", each U+FFFD then made '?'.
for name, (orig, wrong) in list(readings.items()) + [('big5-as-gbk', ('big5', 'gbk'))]:
    write_jsonl(f'{out}/question-{name}.jsonl', [garble(s, orig, wrong).replace('\ufffd', '?') for s in test])
print(f'test lines: {len(test)}')
EOF

. "$ROOT/scripts/heldout-cli.sh"
heldout_cli "$ROOT" "$DIR" lm latin

# The WHATWG readers (browsers, golang.org/x/text), which drop both bytes
# of a pair they cannot read: internal/mojibake/cmd/misread.
(cd "$ROOT" && go build -o "$DIR/misread" ./internal/mojibake/cmd/misread)
"$DIR/misread" utf8 gbk < "$DIR/orig.jsonl" > "$DIR/whatwg-utf8-as-gbk.jsonl"
"$DIR/misread" gbk big5 < "$DIR/orig.jsonl" > "$DIR/whatwg-gbk-as-big5.jsonl"
"$DIR/misread" big5 gbk < "$DIR/orig.jsonl" > "$DIR/whatwg-big5-as-gbk.jsonl"

for bin in "$DIR/hanfix" ${BASE_BIN:-}; do
for k in utf8-as-gb18030 utf8-as-gbk big5-as-gb2312 gbk-as-big5hkscs gbk-as-big5 utf8-as-cp1252; do
	"$bin" -jsonl -to keep "$DIR/$k.jsonl" > "$DIR/$k.out"
	"$bin" -jsonl -to keep "$DIR/$k.out" > "$DIR/$k.out2"
	PYTHONPATH=$ROOT/scripts python3 - "$DIR" "$k" "$bin" <<'EOF'
import sys
from misreadings import report_lost
d, k, b = sys.argv[1], sys.argv[2], sys.argv[3]
print(b.replace(d + "/", ""), report_lost(d, k))
EOF
done
for k in ignore-utf8-as-gbk ignore-utf8-as-gb18030 ignore-gbk-as-big5hkscs ignore-gbk-as-big5 ignore-big5-as-gbk ignore-utf8-as-cp1252 \
	whatwg-utf8-as-gbk whatwg-gbk-as-big5 whatwg-big5-as-gbk \
	question-utf8-as-gbk question-utf8-as-gb18030 question-big5-as-gb2312 question-big5-as-gbk \
	question-gbk-as-big5hkscs question-gbk-as-big5 question-utf8-as-cp1252; do
	"$bin" -jsonl -to keep "$DIR/$k.jsonl" > "$DIR/$k.out"
	"$bin" -jsonl -to keep "$DIR/$k.out" > "$DIR/$k.out2"
	python3 - "$DIR" "$k" "$bin" <<'EOF'
import difflib, json, re, sys
d, k, b = sys.argv[1], sys.argv[2], sys.argv[3]
han = re.compile(r'[\u3400-\u9fff]')
orig = [json.loads(l)['text'] for l in open(f'{d}/orig.jsonl')]
garbled = [json.loads(l)['text'] for l in open(f'{d}/{k}.jsonl')]
out = [json.loads(l)['text'] for l in open(f'{d}/{k}.out')]
twice = sum(a != json.loads(l)['text'] for a, l in zip(out, open(f'{d}/{k}.out2')))
n = exact = right = wrong = wlines = 0
for o, g, r in zip(orig, garbled, out):
    if g == o:
        continue
    n += 1
    exact += r == o
    seen = set(g)
    w = 0
    for tag, _, _, j1, j2 in difflib.SequenceMatcher(None, o, r, autojunk=False).get_opcodes():
        for c in r[j1:j2]:
            if han.match(c) and c not in seen:
                if tag == 'equal':
                    right += 1
                else:
                    w += 1
    wrong += w
    wlines += w > 0
print(f'{b.replace(d + "/", "")} {k}: {n} lines damaged: restored exactly {exact}; '
      f'Han characters put in {right} right, {wrong} wrong (in {wlines} lines); cleaned twice: {twice} lines change')
EOF
done
done
