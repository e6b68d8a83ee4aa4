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
# DUP=K puts every document K times in a row into the run (the same page
# crawled again), and REPOST=1 puts each copy after the first under the
# furniture of another site (an article reposted): the copies must come
# out as the first does. SITES=N (with SITE=1) gives each N documents in a
# row furniture of a site of their own, all in one run: a run of many
# sites' pages, where a site's template is on few of the run's pages.
# BIN=path checks another build of the CLI;
# DUMP=file keeps the cleaned JSON Lines with their reports.
#
# Usage: scripts/noharm-boilerplate.sh [WORKDIR]   (needs go and python3)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/cli-env.sh"
need_corpus noharm-boilerplate man.txt "${1:-}"
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-bpnoharm.XXXXXX")
trap 'rm -rf "$DIR"' EXIT INT TERM

cli_bin "$DIR"
learn=-learn-run=false
if [ "${LEARN:-}" = 1 ] || [ "${SITE:-}" = 1 ]; then
	learn=-learn-run=true
fi
python3 - "$corpus" "$DIR/docs.jsonl" "${SITE:-}" "${DUP:-1}" "${REPOST:-}" "${SITES:-0}" <<'EOF'
import json, sys
corpus, out, site, dup, repost = sys.argv[1], sys.argv[2], sys.argv[3] == '1', int(sys.argv[4]), sys.argv[5] == '1'
sites = int(sys.argv[6])
HEAD = '当前位置：首页 > 技术文档 > 正文\n发布时间：2023-05-01　来源：示例文档网\n'
TAIL = '本文由示例文档网整理发布，转载请注明出处。\nCopyright © 2023 示例文档网 版权所有\n'
SITE_HEAD = '当前位置：首页 > 技术文档 > 正文\n发布时间：2023-05-01　来源：{}网\n'
SITE_TAIL = '本文由{}网整理发布，转载请注明出处。\nCopyright © 2023 {}网 版权所有\n'


def site_name(k):
    """The name of site k: three Han characters, 1,200 names."""
    return '甲乙丙丁戊己庚辛壬癸'[k % 10] + '子丑寅卯辰巳午未申酉戌亥'[k // 10 % 12] + '金木水火土山川田风云'[k // 120 % 10]


# The furniture of the other sites that REPOST=1 puts the copies under.
OTHERS = [('您现在的位置：资料中心 > 软件手册\n更新日期：2022-11-19 作者：佚名\n',
           '免责声明：本站资料来源于网络，仅供学习参考，如有侵权请联系删除。\n© 2015-2023 某某资料站\n'),
          ('首页 › 教程 › Linux\n2021年03月07日 阅读(1532)\n',
           '上一篇：下一篇：\n转载请保留本文链接，谢谢。\n')]

n = lines_total = 0
with open(out, 'w', encoding='utf-8') as w:
    for name in ['man.txt', 'plain.txt', 'mo.txt', 'html.txt']:
        lines = open(f'{corpus}/{name}', encoding='utf-8').read().split('\n')
        for i in range(0, len(lines), 30):
            text = '\n'.join(lines[i:i + 30]).strip('\n')
            if text:
                for k in range(dup):
                    head, tail = HEAD, TAIL
                    if sites:
                        name = site_name(n // sites)
                        head, tail = SITE_HEAD.format(name), SITE_TAIL.format(name, name)
                    if repost and k > 0:
                        head, tail = OTHERS[(k - 1) % len(OTHERS)]
                    page = head + text + '\n' + tail if site else text + '\n'
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
if [ -n "${DUMP:-}" ]; then
	cp "$DIR/out.jsonl" "$DUMP"
fi
python3 - "$DIR/out.jsonl" "${SITE:-}" <<'EOF'
import collections, json, sys


def site_name(k):
    return '甲乙丙丁戊己庚辛壬癸'[k % 10] + '子丑寅卯辰巳午未申酉戌亥'[k // 10 % 12] + '金木水火土山川田风云'[k // 120 % 10]


furniture = {'当前位置：首页 > 技术文档 > 正文', '发布时间：2023-05-01　来源：示例文档网',
             '本文由示例文档网整理发布，转载请注明出处。', 'Copyright © 2023 示例文档网 版权所有',
             '您现在的位置：资料中心 > 软件手册', '更新日期：2022-11-19 作者：佚名',
             '免责声明：本站资料来源于网络，仅供学习参考，如有侵权请联系删除。', '© 2015-2023 某某资料站',
             '首页 › 教程 › Linux', '2021年03月07日 阅读(1532)', '上一篇：下一篇：', '转载请保留本文链接，谢谢。'}
for k in range(1200):
    name = site_name(k)
    furniture |= {f'发布时间：2023-05-01　来源：{name}网', f'本文由{name}网整理发布，转载请注明出处。',
                  f'Copyright © 2023 {name}网 版权所有'}
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
