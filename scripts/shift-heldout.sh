#!/bin/sh
# shift-heldout.sh — how well hanfix repairs GBK one-byte misalignment in
# text it has not learned from.
#
# From the Debian corpus that scripts/debian-corpus.sh writes (WORKDIR,
# default $HANFIX_CORPUS or /tmp/hanfix-noharm) it sets aside every tenth
# line of 20 to 200 characters that GBK encodes and that has a 。 followed
# by a Han character (the test lines; at most 6,000; full-width ASCII
# made ASCII, as the forward model's byte-level edit makes it), learns the
# punctuation and Latin-context statistics (tools/genpunct,
# tools/genlatin) from the rest, and builds the CLI with them in a copy of
# the repository. (The character model and the word list come from gse's
# dictionaries, not from this corpus.) Lines that the CLI changes while
# they are clean are left out.
#
# Each test line is then garbled by the development set's forward model
# (ARTIFACTS.md §2; TestWriteMisaligned): from its first 。 on, the GBK
# bytes are decoded one byte out of step, private-use pairs dropped and
# full-width ASCII made ASCII, until an ASCII-range byte resynchronises.
# Each garbled line is one document, with no other text around it to
# lend evidence. It is cleaned with -to keep -keep-boilerplate and
# counted as repaired exactly, left as it was (reported, not repaired) or
# changed into anything else (wrong).
#
# With BASE_BIN set to another hanfix binary (an older build, say), it
# scores that binary on the same lines too.
#
# Usage: scripts/shift-heldout.sh [WORKDIR]   (needs go and python3)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-${HANFIX_CORPUS:-/tmp/hanfix-noharm}}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-shift.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$DIR"' EXIT INT TERM

mkdir -p "$DIR/train"
python3 - "$corpus" "$DIR" <<'EOF'
import json, os, re, sys
corpus, out = sys.argv[1], sys.argv[2]
run = re.compile(r'。[\u4e00-\u9fff]')
odd = re.compile(r'[\x00-\x08\x0b-\x1f\x7f?\ufffd]')
half = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
def gbk_ok(s):
    try:
        s.encode('gbk')
        return True
    except UnicodeEncodeError:
        return False
ctx = int(os.environ.get('CONTEXT', '0'))
test = []
for name in ['man.txt', 'plain.txt', 'mo.txt', 'html.txt']:
    lines = open(f'{corpus}/{name}', encoding='utf-8').read().split('\n')
    if lines[-1] == '':
        lines.pop()
    with open(f'{out}/train/{name}', 'w') as w:
        k = 0
        for n, line in enumerate(lines):
            s = line.translate(half)
            if run.search(s) and 20 <= len(s) <= 200 and not odd.search(s) and gbk_ok(s):
                k += 1
                if k % 10 == 0:
                    test.append((s, lines[max(0, n - ctx):n], lines[n + 1:n + 1 + ctx]))
                    continue
            w.write(line + '\n')
open(f'{out}/train/packages.txt', 'w').write(open(f'{corpus}/packages.txt').read())
test = test[:6000]
with open(f'{out}/orig.jsonl', 'w') as fo, open(f'{out}/context.jsonl', 'w') as fc:
    for i, (s, before, after) in enumerate(test):
        fo.write(json.dumps({'id': i, 'text': s}, ensure_ascii=False) + '\n')
        fc.write(json.dumps({'id': i, 'before': before, 'after': after}, ensure_ascii=False) + '\n')
print(f'test lines: {len(test)}')
EOF

. "$ROOT/scripts/heldout-cli.sh"
heldout_cli "$ROOT" "$DIR" lm punct latin
(cd "$DIR/repo" && MISALIGN_IN="$DIR/orig.jsonl" MISALIGN_OUT="$DIR/garbled.jsonl" \
	go test -count=1 -run 'TestWriteMisaligned$' ./internal/mojibake/ >/dev/null)

# With CONTEXT=N, each test line is cleaned in its document: the N lines
# before and after it in the corpus (clean, and learnt from) around it.
python3 - "$DIR" <<'EOF'
import json, sys
d = sys.argv[1]
ctx = {o['id']: o for o in map(json.loads, open(f'{d}/context.jsonl'))}
for name in ['orig', 'garbled']:
    with open(f'{d}/{name}.doc.jsonl', 'w') as w:
        for o in map(json.loads, open(f'{d}/{name}.jsonl')):
            c = ctx[o['id']]
            o['text'] = '\n'.join(c['before'] + [o['text']] + c['after'])
            w.write(json.dumps(o, ensure_ascii=False) + '\n')
EOF

for bin in "$DIR/hanfix" ${BASE_BIN:-}; do
	"$bin" -jsonl -to keep -keep-boilerplate "$DIR/orig.doc.jsonl" > "$DIR/orig.out"
	"$bin" -jsonl -to keep -keep-boilerplate "$DIR/garbled.doc.jsonl" > "$DIR/garbled.out"
	python3 - "$DIR" "$bin" <<'EOF'
import json, sys
d, b = sys.argv[1], sys.argv[2]
load = lambda f: {o['id']: o['text'] for o in map(json.loads, open(f'{d}/{f}'))}
orig, clean, garbled, out = load('orig.doc.jsonl'), load('orig.out'), load('garbled.doc.jsonl'), load('garbled.out')
n = exact = kept = wrong = 0
for i, g in garbled.items():
    if clean[i] != orig[i]:
        continue  # the clean line is changed: not a test of repair
    n += 1
    if out[i] == orig[i]:
        exact += 1
    elif out[i] == g:
        kept += 1
    else:
        wrong += 1
print(f'{b.replace(d + "/", "")}: {n} misaligned lines: repaired exactly {exact}, left as they were {kept}, wrong {wrong}')
EOF
done
