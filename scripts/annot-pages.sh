#!/bin/sh
# annot-pages.sh — the documents of scripts/annot-shift-heldout.sh (machine-
# converted Traditional text with readings and misaligned GBK) inside the
# furniture of a site's page, cleaned whole.
#
# annot-shift-heldout.sh counts what the mojibake and annotation stages make
# of bare documents. A scraped page holds the article among its site's
# furniture: a title bar, a byline, related links and a footer, which repeat
# the article's words and which the page's ruby does not cover. This script
# takes the damaged documents that annot-shift-heldout.sh wrote (KEEP=1
# keeps its work directory; DAMAGED is its damaged.jsonl), puts two or
# three of them together as the body of a page, with the head and tail
# lines and an own-line notice of one of the Traditional site templates of
# scripts/testdata/blind-sites-A.json and -B.json (the title is the start
# of the body's first line), and cleans the pages with -to keep (no in-run
# learning, so that each page stands alone) and the bodies alone with
# -keep-boilerplate. It counts:
#   - the pages and the bodies alone that come out as their gold (the
#     furniture the boilerplate stage misses makes most pages miss; the
#     boilerplate scripts measure that);
#   - the readings left in the pages' output and in the bodies' output;
#   - the body lines that the page's output lost (must be none), and the
#     lines of the body that come out otherwise on the page than alone, by
#     kind: a reading left, another repair of a run, or something else.
# Everything is seeded. (The development set's category h gives the
# furniture readings too, 網(wǎng)絡(luò) in 來源:網(wǎng)絡(luò); here it is bare, as a
# site's template is when the article alone carries ruby.)
#
# Usage: KEEP=1 scripts/annot-shift-heldout.sh   # prints its work dir
#        DAMAGED=DIR/damaged.jsonl BIN=DIR/hanfix scripts/annot-pages.sh
#        (BIN defaults to a build of this repository, which learnt its
#        statistics from text the documents may come from; the held-out
#        build of the work directory is the fair one.)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
: "${DAMAGED:?set DAMAGED to the damaged.jsonl of a KEEP=1 run of scripts/annot-shift-heldout.sh}"
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-annotpages.XXXXXX")
trap 'rm -rf "$DIR"' EXIT INT TERM
if [ -z "${BIN:-}" ]; then
	BIN=$DIR/hanfix
	(cd "$ROOT" && go build -o "$BIN" ./examples/hanfix)
fi
python3 - "$DAMAGED" "$BIN" "$ROOT"/scripts/testdata/blind-sites-A.json "$ROOT"/scripts/testdata/blind-sites-B.json <<'EOF'
import difflib, json, os, random, re, subprocess, sys

damaged, binary, templates = sys.argv[1], sys.argv[2], sys.argv[3:]
docs = [json.loads(l) for l in open(damaged, encoding='utf-8')]
sites = []
for f in templates:
    sites += [s for s in json.load(open(f, encoding='utf-8'))['sites'] if s['script'] == 'trad']
rng = random.Random(7)
names = ['張偉', '王芳', '李娜', '劉洋', '陳靜', '楊帆']
cats = ['技術文章', '學習資料', '新聞動態', '生活百科']
reading = re.compile(r'\((?=[^)]*[a-zü])[a-zü:āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ1-5]{1,8}\)')


pages = []
i = 0
while i < len(docs):
    group = docs[i:i + rng.randint(2, 3)]
    i += len(group)
    s = rng.choice(sites)
    title = reading.sub('', group[0]['gold'].split('\n')[0])[:12]

    def fill(x):
        return (x.replace('{site}', '示例資訊網').replace('{domain}', 'www.example.tw')
             .replace('{date}', '2023-%02d-%02d' % (rng.randint(1, 12), rng.randint(1, 28)))
             .replace('{time}', '%02d:%02d:%02d' % (rng.randint(0, 23), rng.randint(0, 59), rng.randint(0, 59)))
             .replace('{n}', str(rng.randint(10, 9999))).replace('{title}', title)
             .replace('{author}', rng.choice(names)).replace('{cat}', rng.choice(cats)))
    body = [l for d in group for l in d['text'].split('\n')]
    gold = [l for d in group for l in d['gold'].split('\n')]
    lines = [fill(x) for x in s['head']] + body[:len(body) // 2]
    if s.get('own_line'):
        lines.append(fill(rng.choice(s['own_line'])))
    lines += body[len(body) // 2:] + [fill(x) for x in s['tail']]
    pages.append(('\n'.join(lines) + '\n', '\n'.join(body) + '\n', '\n'.join(gold) + '\n'))


def clean(texts, args):
    inp = ''.join(json.dumps({'id': n, 'text': t}, ensure_ascii=False) + '\n' for n, t in enumerate(texts))
    out = subprocess.run([binary, '-jsonl', '-to', 'keep', '-learn-run=false'] + args,
                         input=inp.encode(), capture_output=True, check=True).stdout.decode()
    return [json.loads(o)['text'] for o in out.splitlines()]


po = clean([p for p, _, _ in pages], [])
bo = clean([b for _, b, _ in pages], ['-keep-boilerplate'])
n = len(pages)
print(f'pages: {n} ({len(docs)} documents)')
print(f'exact: pages {sum(po[k] == g for k, (_, _, g) in enumerate(pages))}, '
      f'bodies alone {sum(bo[k] == g for k, (_, _, g) in enumerate(pages))}')
left_p = sum(len(reading.findall(o)) for o in po)
left_b = sum(len(reading.findall(o)) for o in bo)
print(f'readings left: pages {left_p}, bodies alone {left_b}')
# The page's output against the body's, line by line: lines only in the
# page's output are furniture left; lines only in the body's are lost or
# come out otherwise on the page.
lost = furniture = 0
kinds = {'reading left on the page': [], 'reading left alone': [], 'run repaired otherwise': [], 'other': []}
for k in range(n):
    if po[k] == bo[k]:
        continue
    pl, bl = po[k].split('\n'), bo[k].split('\n')
    for tag, a0, a1, b0, b1 in difflib.SequenceMatcher(None, bl, pl, autojunk=False).get_opcodes():
        if tag == 'equal':
            continue
        body_side, page_side = bl[a0:a1], pl[b0:b1]
        for a in body_side:
            # The page line that is this body line otherwise written:
            # the same line without readings, or the closest one.
            def like(q):
                return difflib.SequenceMatcher(None, reading.sub('', a), reading.sub('', q)).ratio()
            q = max(page_side, key=like, default=None)
            if q is None or like(q) < 0.8:
                lost += 1
                print(f'  LOST: {a[:100]}')
                continue
            page_side.remove(q)
            if reading.sub('', q) == a:
                kinds['reading left on the page'].append(q)
            elif reading.sub('', a) == q:
                kinds['reading left alone'].append(a)
            elif len(a) == len(q):
                kinds['run repaired otherwise'].append((a, q))
            else:
                kinds['other'].append((a, q))
        furniture += len(page_side)
print(f'body lines lost on the page: {lost}; furniture lines left: {furniture}')
print('body lines that come out otherwise on the page: ' + ', '.join(f'{k} {len(v)}' for k, v in kinds.items()))
if os.environ.get('SHOW'):
    for k, v in kinds.items():
        for x in v:
            print(f'  {k}: {x}')
EOF
