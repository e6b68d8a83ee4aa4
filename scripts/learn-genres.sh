#!/bin/sh
# learn-genres.sh — what in-run learning takes from runs of documents of
# one genre, whose lines repeat at the page edges without being a site's.
#
# In-run learning takes a line that many pages of a run print near their
# edges for a site's template. Documents of one genre print such lines of
# their own: the openings and closings of speeches (同志们：, 谢谢大家！),
# the labels of FAQs, interviews, recipes, annotated classics and papers
# (问：, 主持人：, 做法：, 原文：, 摘要：), the lines that open a report's
# list (本周主要工作如下：), text under a label (最佳答案：…, 导语：…), and a
# page fetched again or reposted repeats all its lines. For each genre the script builds a run of twelve pages around
# lines of the Debian corpus that scripts/debian-corpus.sh writes (WORKDIR,
# default $HANFIX_CORPUS or /tmp/hanfix-noharm), cleans it with the CLI as
# one run with in-run learning (-jsonl -to keep) and counts the pages that
# lost a line: every removal is harm. Two runs with a site's furniture
# around the same genres show that the furniture still goes. Last, one page
# of each of nine more genres (a poem, a contract, lyrics, an exercise, a
# letter, news, a notice, a novel's chapter, minutes) is cleaned alone with
# the rules: the lines removed are harm too. Everything is seeded.
#
# Usage: scripts/learn-genres.sh [WORKDIR]   (needs go and python3;
#        BIN=path runs another build of the CLI)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/cli-env.sh"
need_corpus learn-genres plain.txt "${1:-}"
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-genres.XXXXXX")
trap 'rm -rf "$DIR"' EXIT INT TERM

cli_bin "$DIR"
python3 - "$corpus/plain.txt" "$BIN" <<'EOF'
import json, os, random, subprocess, sys

corpus, binary = sys.argv[1], sys.argv[2]
random.seed(2)
lines = [l.strip() for l in open(corpus, encoding='utf-8') if 20 < len(l.strip()) < 80]
random.shuffle(lines)
pool = iter(lines)


def take(n):
    return [next(pool) for _ in range(n)]


# Answers and leads are sentences, not the table rows and commands that
# the corpus's lines also are.
sentences = iter([l for l in lines if l.endswith('。')])


def said(n):
    return [next(sentences) for _ in range(n)]


HEAD = '晴川文摘网 > 栏目 > 正文'
TAIL = '本文由晴川文摘网整理发布，转载请注明出处。'
openers = ['尊敬的各位领导、各位来宾：', '同志们：', '各位老师、同学们：', '大家好！']
closers = ['谢谢大家！', '以上报告，请审议。', '此致\n敬礼！', '谢谢！']


def speech(i):
    return openers[i % 4] + '\n' + '\n'.join(take(6)) + '\n' + closers[i % 4] + '\n'


def faq(i):
    a, b, c = take(3)
    return f'问：{a}？\n答：{b}\n{c}\n'


def interview(i):
    a, b, c, d = take(4)
    return f'主持人：{a}\n嘉宾：{b}\n主持人：{c}\n嘉宾：{d}\n'


def recipe(i):
    a, b, c = take(3)
    return f'材料：{a}\n做法：{b}\n{c}\n小贴士：{c[:20]}\n'


def classic(i):
    a, b, c = take(3)
    return f'原文：{a}\n译文：{b}\n注释：{c}\n'


def weekly(i):
    return '本周主要工作如下：\n' + '\n'.join(take(5)) + '\n下周工作计划如下：\n' + '\n'.join(take(2)) + '\n'


def paper(i):
    a, b = take(2)
    return f'摘要：{a}\n关键词：{b[:12]}\n' + '\n'.join(take(5)) + '\n参考文献：\n' + '\n'.join(take(2)) + '\n'


def report(i):
    return ('\n'.join(take(3)) + '\n主要工作和成效\n' + '\n'.join(take(3)) + '\n存在的问题和不足\n' +
            '\n'.join(take(2)) + '\n下一步工作打算\n' + '\n'.join(take(2)) + '\n')


def answers(i):
    q, a, b = said(3)
    return f'{q[:15]}？\n最佳答案：{a}\n其他回答：{b}\n'


def leads(i):
    label = ['导语', '编者按', '核心提示'][i % 3]
    return f'{label}：{said(1)[0]}\n' + '\n'.join(take(4)) + '\n'


copy = '\n'.join(take(8)) + '\n'


def copies(i):
    return copy


def reposts(i):
    site = ['晴川文摘网', '某某资料站', '星河阅读'][i % 3]
    return f'{site} > 正文\n{copy}本页内容由{site}整理\n'


genres = [('speeches', speech), ('FAQ', faq), ('interviews', interview), ('recipes', recipe),
          ('annotated classics', classic), ('weekly reports', weekly), ('papers', paper),
          ('answers (最佳答案：)', answers), ('leads (导语：, 编者按：)', leads),
          ('reports with unnumbered headings', report)]
runs = genres + [('one page 12 times', copies),
        ('one page reposted by 3 sites, 12 times', reposts)]
print(f'{"run of 12 pages":42s} pages that lost a line')
for name, make in runs:
    pages = [make(i) for i in range(12)]
    inp = ''.join(json.dumps({'id': i, 'text': t}, ensure_ascii=False) + '\n' for i, t in enumerate(pages))
    out = subprocess.run([binary, '-jsonl', '-to', 'keep', '-report'], input=inp.encode(),
                         capture_output=True, check=True).stdout.decode()
    lost, example = 0, ''
    for line, page in zip(out.splitlines(), pages):
        d = json.loads(line)
        gone = [c['before'].strip() for c in d['hanfix']['changes'] if c['kind'] == 'boilerplate'
                and not c['before'].strip().endswith('> 正文') and '整理' not in c['before']]
        if gone:
            lost += 1
            example = example or gone[0][:40]
    print(f'{name:42s} {lost:2d}  {example}')

print(f'\n{"the same genres under a site furniture":42s} furniture lines removed / pages that lost a line')
for name, make in genres:
    pages = [HEAD + '\n' + make(i) + TAIL + '\n' for i in range(12)]
    inp = ''.join(json.dumps({'id': i, 'text': t}, ensure_ascii=False) + '\n' for i, t in enumerate(pages))
    out = subprocess.run([binary, '-jsonl', '-to', 'keep', '-report'], input=inp.encode(),
                         capture_output=True, check=True).stdout.decode()
    furniture = lost = 0
    for line in out.splitlines():
        d = json.loads(line)
        gone = [c['before'].strip() for c in d['hanfix']['changes'] if c['kind'] == 'boilerplate']
        furniture += sum(1 for g in gone if g in (HEAD, TAIL))
        lost += any(g not in (HEAD, TAIL) for g in gone)
        if os.environ.get('SHOW') and any(g not in (HEAD, TAIL) for g in gone):
            print('   ', name, [g for g in gone if g not in (HEAD, TAIL)])
    print(f'{name:42s} {furniture:2d} of 24 / {lost:2d}')

# Pages of other genres, each cleaned alone with the rules (no learning):
# the lines a form, a letter or minutes write that look like a site's.
alone = {
    'poem': lambda: f'静夜思\n朝代：唐代\n作者：李白\n床前明月光，疑是地上霜。\n赏析：{take(1)[0]}\n',
    'contract': lambda: f'房屋租赁合同\n甲方：张三\n乙方：李四\n{take(1)[0]}\n甲方（签字）：\n乙方（签字）：\n日期：2023年5月1日\n',
    'lyrics': lambda: f'作词：林夕\n作曲：陈小霞\n演唱：王菲\n{take(1)[0]}\n{take(1)[0]}\n',
    'exercise': lambda: f'1．{take(1)[0]}（ ）\nA．选项一 B．选项二\n答案：B\n解析：{take(1)[0]}\n',
    'letter': lambda: f'尊敬的王经理：\n您好！\n{take(1)[0]}\n此致\n敬礼！\n申请人：张三\n2023年5月1日\n',
    'news': lambda: f'本报讯（记者 王明）{take(1)[0]}\n{take(1)[0]}\n',
    'notice': lambda: f'关于做好防汛工作的通知\n各乡镇人民政府，县政府各部门：\n{take(1)[0]}\n特此通知。\n某某县人民政府办公室\n2023年5月1日\n',
    'novel': lambda: f'第一章 初入江湖\n{take(1)[0]}\n{take(1)[0]}\n',
    'minutes': lambda: f'会议时间：2023年5月1日\n会议地点：三楼会议室\n主持人：张三\n参会人员：全体党员\n会议内容：{take(1)[0]}\n记录人：李四\n',
}
print(f'\n{"one page of another genre, alone":42s} lines removed')
for name, make in alone.items():
    page = make()
    inp = json.dumps({'id': 0, 'text': page}, ensure_ascii=False) + '\n'
    out = subprocess.run([binary, '-jsonl', '-to', 'keep', '-report', '-learn-run=false'], input=inp.encode(),
                         capture_output=True, check=True).stdout.decode()
    gone = [c['before'].strip() for c in json.loads(out)['hanfix']['changes'] if c['kind'] == 'boilerplate']
    print(f'{name:42s} {len(gone):2d}  {" / ".join(gone)[:60]}')
EOF
