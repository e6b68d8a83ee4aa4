#!/bin/sh
# noharm-boilerplate.sh — do-no-harm check of the boilerplate rules on
# clean Chinese prose.
#
# Cuts the Debian corpus that scripts/debian-corpus.sh writes (WORKDIR,
# default $HANFIX_CORPUS or /tmp/hanfix-noharm) into documents of 30
# consecutive lines, cleans them as JSON Lines with the boilerplate stage
# alone and its default rules (no in-run learning: the documents are not
# pages of one site), and prints how many lines and phrases the rules
# remove, by rule, with two examples each. The corpus is documentation
# with no site furniture, so every removal is a candidate false positive
# to look at; Debian's own copyright lines (Copyright 1999 Free Software
# Foundation) are what the copyright rules are for.
#
# Usage: scripts/noharm-boilerplate.sh [WORKDIR]   (needs go and python3)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-${HANFIX_CORPUS:-/tmp/hanfix-noharm}}
if ! ls "$corpus"/man.txt >/dev/null 2>&1; then
	echo "noharm-boilerplate: no corpus in $corpus (run scripts/debian-corpus.sh)" >&2
	exit 2
fi
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-bpnoharm.XXXXXX")
trap 'rm -rf "$DIR"' EXIT INT TERM

(cd "$ROOT" && go build -o "$DIR/hanfix" ./examples/hanfix)
python3 - "$corpus" "$DIR/docs.jsonl" <<'EOF'
import json, sys
corpus, out = sys.argv[1], sys.argv[2]
n = lines_total = 0
with open(out, 'w', encoding='utf-8') as w:
    for name in ['man.txt', 'plain.txt', 'mo.txt', 'html.txt']:
        lines = open(f'{corpus}/{name}', encoding='utf-8').read().split('\n')
        for i in range(0, len(lines), 30):
            text = '\n'.join(lines[i:i + 30]).strip('\n')
            if text:
                w.write(json.dumps({'id': n, 'text': text + '\n'}, ensure_ascii=False) + '\n')
                n += 1
                lines_total += text.count('\n') + 1
print(f'noharm-boilerplate: {n} documents, {lines_total} lines')
EOF
"$DIR/hanfix" -jsonl -learn-run=false -report -to keep -fix -hygiene,-mojibake,-annotations,-script,-fullwidth-ascii,-cjk-punct,-space-comma \
	"$DIR/docs.jsonl" >"$DIR/out.jsonl"
python3 - "$DIR/out.jsonl" <<'EOF'
import collections, json, sys
count, examples = collections.Counter(), collections.defaultdict(list)
for line in open(sys.argv[1], encoding='utf-8'):
    for ch in json.loads(line)['hanfix']['changes']:
        if ch['kind'] == 'boilerplate':
            count[ch['rule']] += 1
            examples[ch['rule']].append(ch['before'].strip()[:60])
print(f'removals by the default rules: {sum(count.values())}')
for rule, n in count.most_common():
    print(f'  {n:5d}  {rule}  e.g. {examples[rule][:2]}')
EOF
