#!/bin/sh
# annot-shift-heldout.sh — how well hanfix repairs the GBK misalignment of
# seed 001 and of the development set's categories c and c2 in documents
# it has not learned from.
#
# scripts/shift-heldout.sh garbles bare lines; the development set garbles
# documents of machine-converted Traditional text with flattened pinyin
# readings, where a reading's "(" ends a run and the reading after the
# run's last "?" tells which character it was. This script builds such
# documents from the Debian corpus that scripts/debian-corpus.sh writes
# (WORKDIR, default $HANFIX_CORPUS or /tmp/hanfix-noharm): windows of four
# consecutive lines of 8 to 400 characters, every fifth window with a 。
# before a Han character set aside (at most 2,000), the rest left to learn
# the character model, punctuation and Latin-context statistics from.
# TestWriteAnnotMisaligned (internal/mojibake) then damages each test
# document two ways, "shift" (up to three runs from a 。) and "annot" (runs
# from readings inserted into straddling byte pairs), as its doc comment
# describes, and the CLI cleans each with -to keep -keep-boilerplate.
#
# A document counts only if its annotated text without mojibake comes out
# as the Traditional original (else the test would be of the annotation
# stage). Each line that holds a run counts as repaired exactly, left as
# it was (its run reported, not repaired) or wrong; the documents are
# counted too.
#
# Usage: scripts/annot-shift-heldout.sh [WORKDIR]   (needs go and python3;
#        KEEP=1 keeps the work directory; BASE_BIN scores another binary;
#        ANNOT_ALL=1 annotates every Traditional-only character in the
#        "annot" documents, for many more straddling pairs)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-${HANFIX_CORPUS:-/tmp/hanfix-noharm}}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-annotshift.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$DIR"' EXIT INT TERM
[ -z "${KEEP:-}" ] || echo "work dir: $DIR"

mkdir -p "$DIR/train"
python3 - "$corpus" "$DIR" <<'EOF'
import json, re, sys
corpus, out = sys.argv[1], sys.argv[2]
run = re.compile(r'。[\u4e00-\u9fff]')
odd = re.compile(r'[\x00-\x08\x0b-\x1f\x7f?\ufffd()\uff08\uff09]')
test = []
for name in ['man.txt', 'plain.txt', 'mo.txt', 'html.txt']:
    lines = open(f'{corpus}/{name}', encoding='utf-8').read().split('\n')
    if lines[-1] == '':
        lines.pop()
    with open(f'{out}/train/{name}', 'w') as w:
        k = 0
        for i in range(0, len(lines), 4):
            win = lines[i:i + 4]
            ok = len(win) == 4 and all(8 <= len(l) <= 400 and not odd.search(l) for l in win)
            if ok and any(run.search(l) for l in win):
                k += 1
                if k % 5 == 0 and len(test) < 2000:
                    test.append((name, '\n'.join(win)))
                    continue
            for l in win:
                w.write(l + '\n')
open(f'{out}/train/packages.txt', 'w').write(open(f'{corpus}/packages.txt').read())
with open(f'{out}/orig.jsonl', 'w') as fo, open(f'{out}/source.jsonl', 'w') as fs:
    for i, (name, s) in enumerate(test):
        fo.write(json.dumps({'id': i, 'text': s}, ensure_ascii=False) + '\n')
        fs.write(json.dumps({'id': i, 'file': name}) + '\n')
print(f'test documents: {len(test)}')
EOF

. "$ROOT/scripts/heldout-cli.sh"
heldout_cli "$ROOT" "$DIR" lm punct latin
(cd "$DIR/repo" && ANNOT_ALL=${ANNOT_ALL:-} ANNOT_MISALIGN_IN="$DIR/orig.jsonl" ANNOT_MISALIGN_OUT="$DIR/damaged.jsonl" \
	go test -count=1 -run 'TestWriteAnnotMisaligned$' ./internal/mojibake/ >/dev/null)

python3 - "$DIR" <<'EOF'
import json, sys
d = sys.argv[1]
docs = [json.loads(l) for l in open(f'{d}/damaged.jsonl')]
with open(f'{d}/clean.in', 'w') as fc, open(f'{d}/garbled.in', 'w') as fg:
    for n, o in enumerate(docs):
        fc.write(json.dumps({'id': n, 'text': o['clean']}, ensure_ascii=False) + '\n')
        fg.write(json.dumps({'id': n, 'text': o['text']}, ensure_ascii=False) + '\n')
EOF

for bin in "$DIR/hanfix" ${BASE_BIN:-}; do
	"$bin" -jsonl -to keep -keep-boilerplate "$DIR/clean.in" > "$DIR/clean.out"
	"$bin" -jsonl -to keep -keep-boilerplate "$DIR/garbled.in" > "$DIR/garbled.out"
	python3 - "$DIR" "$bin" <<'EOF'
import json, sys
d, b = sys.argv[1], sys.argv[2]
docs = [json.loads(l) for l in open(f'{d}/damaged.jsonl')]
load = lambda f: {o['id']: o['text'] for o in map(json.loads, open(f'{d}/{f}'))}
clean, out = load('clean.out'), load('garbled.out')
src = {o['id']: o['file'] for o in map(json.loads, open(f'{d}/source.jsonl'))}
rows, bysrc = {}, {}
skipped = 0
for n, o in enumerate(docs):
    if clean[n] != o['gold']:
        skipped += 1
        continue
    r = rows.setdefault(o['kind'], [0] * 6)
    rs = bysrc.setdefault(src[o['id']], [0] * 6)
    r[0] += 1
    r[1] += out[n] == o['gold']
    gl, cl, ol, gold = o['text'].split('\n'), o['clean'].split('\n'), out[n].split('\n'), o['gold'].split('\n')
    for i, (g, c) in enumerate(zip(gl, cl)):
        if g == c:
            continue
        if len(ol) != len(gold):
            k = 5
        elif ol[i] == gold[i]:
            k = 3
        elif '?' in ol[i] and g.count('?') <= ol[i].count('?'):
            k = 4
        else:
            k = 5
        for x in (r, rs):
            x[2] += 1
            x[k] += 1
print(f'{b.replace(d + "/", "")}: documents whose annotated text cleans to something else (left out): {skipped}')
print(f'{"kind":8} {"docs":>5} {"exact":>6} {"lines":>6} {"exact":>6} {"kept":>5} {"wrong":>6}')
for k, r in sorted(rows.items()):
    print(f'{k:8} {r[0]:5d} {r[1]:6d} {r[2]:6d} {r[3]:6d} {r[4]:5d} {r[5]:6d}   lines exact {r[3] / max(r[2], 1):.3f}')
print('lines by source (both kinds):', ', '.join(f'{f.split(".")[0]} {r[3]}/{r[2]} ({r[3] / max(r[2], 1):.3f})' for f, r in sorted(bysrc.items())))
# The runs of kind shift by what the generator did to them: dropped
# private-use pairs (0, 1, 2 or more) and how the run ended (ascii: at a
# second byte in the ASCII range; lost+X: a lead byte swallowed X, "(" of
# a reading or other ASCII; lost-line: before a line end; end: at the
# next character's ASCII byte; euro: 0x80). Documents whose changed lines
# do not match their runs one to one are left out of this table.
kinds = {}
for n, o in enumerate(docs):
    if o['kind'] != 'shift' or clean[n] != o['gold']:
        continue
    gl, cl, ol, gold = o['text'].split('\n'), o['clean'].split('\n'), out[n].split('\n'), o['gold'].split('\n')
    changed = [i for i, (g, c) in enumerate(zip(gl, cl)) if g != c]
    if len(changed) != len(o['runs']) or len(ol) != len(gold):
        continue
    for i, info in zip(changed, o['runs']):
        drops, end = info.split(' ', 1)
        end = end.removeprefix('end=')
        if end.startswith('lost+') and end != 'lost+(':
            end = 'lost+other'
        k = kinds.setdefault((min(int(drops.removeprefix('drops=')), 2), end), [0, 0])
        k[0] += 1
        k[1] += ol[i] == gold[i]
print('shift runs by drops and end: ' + ', '.join(f'{d}{"+" if d == 2 else ""}/{e} {k[1]}/{k[0]}' for (d, e), k in sorted(kinds.items())))
EOF
done
