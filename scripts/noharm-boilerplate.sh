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
# LEARN=1 cleans them with in-run learning instead, all documents as one
# group, as a run of pages of many sites without -group is cleaned: what
# the learner then removes is what it takes for a site's template in
# documents that share lines (man-page headings, license paragraphs).
# SITE=1 also wraps every document in the same furniture, two lines above
# it and two below, as the pages of one site (learning on): the furniture
# must go, every other removal is harm. BATCH=N cleans the documents in
# runs of N (with LEARN=1 or SITE=1: what a run of that many pages learns).
# BIN=path checks another build of the CLI.
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

BIN=${BIN:-}
if [ -z "$BIN" ]; then
	(cd "$ROOT" && go build -o "$DIR/hanfix" ./examples/hanfix)
	BIN=$DIR/hanfix
fi
learn=-learn-run=false
if [ "${LEARN:-}" = 1 ] || [ "${SITE:-}" = 1 ]; then
	learn=-learn-run=true
fi
python3 - "$corpus" "$DIR/docs.jsonl" "${SITE:-}" <<'EOF'
import json, sys
corpus, out, site = sys.argv[1], sys.argv[2], sys.argv[3] == '1'
HEAD = '当前位置：首页 > 技术文档 > 正文\n发布时间：2023-05-01　来源：示例文档网\n'
TAIL = '本文由示例文档网整理发布，转载请注明出处。\nCopyright © 2023 示例文档网 版权所有\n'

n = lines_total = 0
with open(out, 'w', encoding='utf-8') as w:
    for name in ['man.txt', 'plain.txt', 'mo.txt', 'html.txt']:
        lines = open(f'{corpus}/{name}', encoding='utf-8').read().split('\n')
        for i in range(0, len(lines), 30):
            text = '\n'.join(lines[i:i + 30]).strip('\n')
            if text:
                page = HEAD + text + '\n' + TAIL if site else text + '\n'
                w.write(json.dumps({'id': n, 'text': page}, ensure_ascii=False) + '\n')
                n += 1
                lines_total += text.count('\n') + 1
print(f'noharm-boilerplate: {n} documents, {lines_total} lines')
EOF
fixes=-hygiene,-mojibake,-annotations,-script,-fullwidth-ascii,-cjk-punct,-space-comma
if [ -n "${BATCH:-}" ]; then
	# One run per BATCH documents, as the development set's scorer cleans
	# a category of twenty-odd pages in one run.
	split -l "$BATCH" -d -a 5 "$DIR/docs.jsonl" "$DIR/batch."
	: >"$DIR/out.jsonl"
	for f in "$DIR"/batch.*; do
		"$BIN" -jsonl $learn -report -to keep -fix $fixes "$f" >>"$DIR/out.jsonl"
	done
else
	"$BIN" -jsonl $learn -report -to keep -fix $fixes "$DIR/docs.jsonl" >"$DIR/out.jsonl"
fi
python3 - "$DIR/out.jsonl" "${SITE:-}" <<'EOF'
import collections, json, sys
furniture = {'当前位置：首页 > 技术文档 > 正文', '发布时间：2023-05-01　来源：示例文档网',
             '本文由示例文档网整理发布，转载请注明出处。', 'Copyright © 2023 示例文档网 版权所有'}
site = sys.argv[2] == '1'
count, examples = collections.Counter(), collections.defaultdict(list)
gone = 0
for line in open(sys.argv[1], encoding='utf-8'):
    for ch in json.loads(line)['hanfix']['changes']:
        if ch['kind'] == 'boilerplate':
            if site and ch['before'].strip() in furniture:
                gone += 1
                continue
            count[ch['rule']] += 1
            examples[ch['rule']].append(ch['before'].strip()[:60])
if site:
    print(f'furniture lines removed: {gone}')
    print(f'other lines removed (harm): {sum(count.values())}')
else:
    print(f'removals by the default rules: {sum(count.values())}')
for rule, n in count.most_common():
    print(f'  {n:5d}  {rule}  e.g. {examples[rule][:2]}')
EOF
