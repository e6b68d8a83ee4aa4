#!/bin/sh
# recode-heldout.sh — how well hanfix repairs the codec-chain mojibake of
# the development set's category d in documents it has not learned from.
#
# From the Debian corpus that scripts/debian-corpus.sh writes (WORKDIR,
# default $HANFIX_CORPUS or /tmp/hanfix-noharm) it cuts each of man.txt,
# plain.txt, mo.txt and html.txt into documents of consecutive lines (the
# corpus has no blank lines) of 600 to 3,000 bytes: lines are added until
# the document reaches a length drawn from 600-3,000 bytes or the next
# line would take it past 3,000. A document is Traditional when more of
# its distinct Han characters lie outside GB2312 than outside Big5, else
# Simplified. Of the documents of 600-3,000 bytes with a Han character
# and no control character (other than tab), U+FFFD or escape, every
# tenth of each file and script is a test document (at most 100 per file
# and script); everything else, in corpus order, is the training text.
# It learns the character model's running-text share (tools/genlm), the
# punctuation statistics (tools/genpunct) and the Latin-context
# statistics (tools/genlatin) from the training text and builds the CLI
# with them in a copy of the repository. (The dictionary share of the
# character model and the word list come from gse, not from this corpus.)
#
# Each test document is then garbled as the development set garbles its
# category d. The codecs are Python's; this garbling reproduces all 26
# garbled spans of the devset's d cases (cases.jsonl: garbled from
# orig_keep) byte for byte, which the script checks and prints first when
# it finds the devset (DEVSET, default /work/shared/devset):
#   utf8_as_gbk        UTF-8 decoded as GB18030, errors="replace" (one
#                      U+FFFD per byte the reader fails on)
#   utf8_as_pygbk      UTF-8 decoded as GBK (Python's gbk, which fails on
#                      the user-defined areas that gb18030 reads as
#                      private use), errors="replace"; not a devset kind
#   utf8_as_gbk_clean  the same on a run of an even number (6-12) of Han
#                      characters inside a line, chosen so that its bytes
#                      decode without error (no U+FFFD, no private use)
#   utf8_as_cp1252     UTF-8 decoded as windows-1252 the WHATWG way: the
#                      five undefined bytes 81 8D 8F 90 9D become the C1
#                      controls of the same value
#   utf8_as_latin1     UTF-8 decoded as ISO-8859-1
#   double_utf8        that windows-1252 reading twice (UTF-8 -> 1252 ->
#                      UTF-8 -> 1252)
#   big5_as_gbk        Big5 (Python's big5) decoded as GB18030, strict
#                      (private-use characters kept), on the Traditional
#                      documents
#   gbk_as_big5        GBK decoded as big5hkscs, errors="replace"
#   gbk_as_pybig5      GBK decoded as big5 (Python's big5, cp950 with the
#                      ETEN extensions and without HKSCS), errors="replace";
#                      not a devset kind
# All but big5_as_gbk use the Simplified documents, as the devset does.
# Variant "whole" garbles the whole document (final newline included);
# variant "span" garbles one sentence: a piece of a line ended by
# 。！？!? or the line's end, trimmed of spaces, of 4 to 100 characters
# with at least 4 Han, chosen at random (seeded by kind and document),
# which is what the devset's span cases hold. utf8_as_gbk_clean has the
# span variant only, as in the devset. A document (or every sentence of
# it) that the original codec cannot encode is skipped (counts printed).
#
# Every original and every garbled document is cleaned with
# -jsonl -to keep -keep-boilerplate. A garbled document whose original
# the CLI changes is left out (column "out"; the originals changed are
# counted as false positives). Per kind and variant it prints: documents;
# repaired exactly (output = original, final newlines aside, as
# score.py); spans repaired (score.py's rule: a whole-document span when
# the document is exact, else the original span with 4 characters either
# side occurs in the output at least as often as in the original); left
# as they were (output = input); changed wrongly (neither; "bad": those
# with a failed piece of cause "wrong" or "lost byte restored wrongly",
# below, the rest being incomplete repairs); the mean CER
# of the output and of the input against the original (score.py's: edit
# distance / length of the original, at most 1). Every span not repaired
# goes to $DIR/failures.txt (garbled, expected and got, with 10
# characters of context; for whole documents each differing piece of a
# line) with a rough cause: not repaired, U+FFFD left, lost byte restored
# wrongly (one character, last byte differs), partly repaired (the rest
# of the garbled text kept), wrong; a count per kind and cause closes the
# file and the printed report.
#
# Last, it puts each test document, clean, under a paragraph of another
# one garbled whole (UTF-8 read as GB18030, Big5 read as GBK, GBK read as
# big5hkscs), cleans them and counts the documents whose clean text comes
# out otherwise than when the document is cleaned alone: a misread
# paragraph must not license changes to the clean text around it.
#
# With BASE_BIN set to another hanfix binary (an older build, say), it
# scores that binary on the same documents too (failures.base.txt).
# KEEP=1 keeps the work directory $DIR.
#
# Usage: scripts/recode-heldout.sh [WORKDIR]   (needs go and python3)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
corpus=${1:-${HANFIX_CORPUS:-/tmp/hanfix-noharm}}
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-recode.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$DIR"' EXIT INT TERM
echo "work dir: $DIR"

# The garbling, shared by the preparation and the devset check.
cat > "$DIR/garble.py" <<'EOF'
import codecs
codecs.register_error('w1252', lambda e: (''.join(chr(x) for x in e.object[e.start:e.end]), e.end))
def w1252(b):
    return b.decode('cp1252', errors='w1252')
GARBLE = {
    'utf8_as_gbk':       lambda s: s.encode('utf-8').decode('gb18030', errors='replace'),
    'utf8_as_gbk_clean': lambda s: s.encode('utf-8').decode('gb18030'),
    'utf8_as_pygbk':     lambda s: s.encode('utf-8').decode('gbk', errors='replace'),
    'utf8_as_cp1252':    lambda s: w1252(s.encode('utf-8')),
    'utf8_as_latin1':    lambda s: s.encode('utf-8').decode('latin-1'),
    'double_utf8':       lambda s: w1252(w1252(s.encode('utf-8')).encode('utf-8')),
    'big5_as_gbk':       lambda s: s.encode('big5').decode('gb18030'),
    'gbk_as_big5':       lambda s: s.encode('gbk').decode('big5hkscs', errors='replace'),
    'gbk_as_pybig5':     lambda s: s.encode('gbk').decode('big5', errors='replace'),
}
KINDS = [('utf8_as_gbk', 'whole'), ('utf8_as_gbk', 'span'), ('utf8_as_gbk_clean', 'span'),
         ('utf8_as_pygbk', 'whole'), ('utf8_as_pygbk', 'span'),
         ('utf8_as_cp1252', 'whole'), ('utf8_as_cp1252', 'span'),
         ('utf8_as_latin1', 'whole'), ('utf8_as_latin1', 'span'),
         ('double_utf8', 'whole'), ('double_utf8', 'span'),
         ('big5_as_gbk', 'whole'), ('big5_as_gbk', 'span'),
         ('gbk_as_big5', 'whole'), ('gbk_as_big5', 'span'),
         ('gbk_as_pybig5', 'whole'), ('gbk_as_pybig5', 'span')]
EOF

devset=${DEVSET:-/work/shared/devset}
if [ -f "$devset/cases.jsonl" ]; then
	python3 - "$DIR" "$devset" <<'EOF'
import collections, json, sys
sys.path.insert(0, sys.argv[1])
from garble import GARBLE
n, ok = collections.Counter(), collections.Counter()
for l in open(f'{sys.argv[2]}/cases.jsonl', encoding='utf-8'):
    c = json.loads(l)
    if c['cat'] != 'd':
        continue
    for sp in c['spans']:
        n[c['sub']] += 1
        try:
            ok[c['sub']] += GARBLE[c['sub'].split(':')[0]](sp['orig_keep']) == sp['garbled']
        except (UnicodeError, KeyError):
            pass
for k in sorted(n):
    print(f'devset {k}: {ok[k]} of {n[k]} garbled spans reproduced byte for byte')
EOF
fi

mkdir -p "$DIR/train"
python3 - "$corpus" "$DIR" <<'EOF'
import json, random, re, sys
corpus, out = sys.argv[1], sys.argv[2]
sys.path.insert(0, out)
from garble import GARBLE, KINDS
HAN = re.compile(r'[\u4e00-\u9fff]')
odd = re.compile(r'[\x00-\x08\x0a-\x1f\x7f-\x9f\ufffd]')
def enc_ok(c, e):
    try:
        c.encode(e)
        return True
    except UnicodeEncodeError:
        return False
def script_of(s):
    hs = set(HAN.findall(s))
    t = sum(1 for c in hs if not enc_ok(c, 'gb2312'))
    si = sum(1 for c in hs if not enc_ok(c, 'big5'))
    return 'trad' if t > si else 'simp'
def cut(lines, rng):
    docs, cur, size, target = [], [], 0, rng.randint(600, 3000)
    for l in lines:
        if not l:
            continue
        b = len(l.encode('utf-8')) + 1
        if cur and size + b > 3000:
            docs.append(cur)
            cur, size, target = [], 0, rng.randint(600, 3000)
        cur.append(l)
        size += b
        if size >= target:
            docs.append(cur)
            cur, size, target = [], 0, rng.randint(600, 3000)
    if cur:
        docs.append(cur)
    return docs
test = []
for name in ['man.txt', 'plain.txt', 'mo.txt', 'html.txt']:
    lines = open(f'{corpus}/{name}', encoding='utf-8').read().split('\n')
    k = {'simp': 0, 'trad': 0}
    with open(f'{out}/train/{name}', 'w', encoding='utf-8') as w:
        for d in cut(lines, random.Random(name)):
            s = '\n'.join(d) + '\n'
            if 600 <= len(s.encode('utf-8')) <= 3000 and HAN.search(s) and not odd.search(s[:-1].replace('\n', ' ')):
                sc = script_of(s)
                k[sc] += 1
                if k[sc] % 10 == 0 and k[sc] <= 1000:
                    test.append({'id': len(test), 'file': name, 'script': sc, 'text': s})
                    continue
            w.write(s)
open(f'{out}/train/packages.txt', 'w').write(open(f'{corpus}/packages.txt').read())

SENT = re.compile(r'[^。！？!?]+[。！？!?]*')
def sentences(s):
    pos = 0
    for line in s.split('\n'):
        for m in SENT.finditer(line):
            a, b = m.start(), m.end()
            while a < b and line[a].isspace():
                a += 1
            while b > a and line[b - 1].isspace():
                b -= 1
            t = line[a:b]
            if 4 <= len(t) <= 100 and len(HAN.findall(t)) >= 4:
                yield pos + a, t
        pos += len(line) + 1
def clean_run(s, rng):
    runs = [m for m in re.finditer(r'[\u4e00-\u9fff]{6,}', s)]
    for _ in range(50):
        if not runs:
            return None
        m = rng.choice(runs)
        n = len(m.group())
        L = rng.choice(range(6, min(12, n) + 1, 2))
        a = m.start() + rng.randrange(n - L + 1)
        t = s[a:a + L]
        try:
            g = GARBLE['utf8_as_gbk_clean'](t)
        except UnicodeDecodeError:
            continue
        if not re.search('[\ue000-\uf8ff\ufffd]', g):
            return a, t
    return None

cases, docs, skipped = [], [], {}
for d in test:
    docs.append(d)
    s = d['text']
    for sub, var in KINDS:
        if (d['script'] == 'trad') != (sub == 'big5_as_gbk'):
            continue
        key = f'{sub}:{var}'
        rng = random.Random(f'{key}:{d["id"]}')
        try:
            if var == 'whole':
                a, t = 0, s
            elif sub == 'utf8_as_gbk_clean':
                r = clean_run(s, rng)
                if r is None:
                    skipped[key] = skipped.get(key, 0) + 1
                    continue
                a, t = r
            else:
                cand = list(sentences(s))
                rng.shuffle(cand)
                for a, t in cand:
                    try:
                        GARBLE[sub](t)
                        break
                    except UnicodeError:
                        pass
                else:
                    skipped[key] = skipped.get(key, 0) + 1
                    continue
            g = GARBLE[sub](t)
        except UnicodeError:
            skipped[key] = skipped.get(key, 0) + 1
            continue
        cases.append({'id': len(cases), 'doc': d['id'], 'kind': key, 'whole': var == 'whole', 'at': a,
                      'orig': t, 'garbled': g, 'text': s[:a] + g + s[a + len(t):]})
with open(f'{out}/orig.jsonl', 'w') as f:
    for d in docs:
        f.write(json.dumps({'id': d['id'], 'text': d['text']}, ensure_ascii=False) + '\n')
with open(f'{out}/garbled.jsonl', 'w') as f:
    for c in cases:
        f.write(json.dumps({'id': c['id'], 'text': c['text']}, ensure_ascii=False) + '\n')
# Mixed documents: each test document, clean, under a paragraph of
# another one (its first line of 40 characters or more) garbled whole by
# utf8_as_gbk, big5_as_gbk (a Traditional paragraph) or gbk_as_big5 (a
# Simplified one), to count the clean text the cleaning changes.
rng = random.Random('mixed')
para = {sc: [l for d in docs if d['script'] == sc for l in d['text'].split('\n')[:1] if len(l) >= 40]
        for sc in ('simp', 'trad')}
with open(f'{out}/mixed.jsonl', 'w') as f:
    n = 0
    for sub, sc in (('utf8_as_gbk', 'simp'), ('big5_as_gbk', 'trad'), ('gbk_as_big5', 'simp')):
        for d in docs:
            g = None
            for _ in range(20):
                try:
                    g = GARBLE[sub](rng.choice(para[sc]))
                    break
                except UnicodeError:
                    pass
            if g is not None:
                f.write(json.dumps({'id': n, 'kind': sub, 'doc': d['id'], 'text': g + '\n' + d['text']},
                                   ensure_ascii=False) + '\n')
                n += 1
json.dump({'docs': [{k: d[k] for k in ('id', 'file', 'script')} for d in docs],
           'cases': [{k: v for k, v in c.items() if k != 'text'} for c in cases], 'skipped': skipped},
          open(f'{out}/cases.json', 'w'), ensure_ascii=False)
by = {}
for d in docs:
    by[(d['file'], d['script'])] = by.get((d['file'], d['script']), 0) + 1
print('test documents:', len(docs), ' '.join(f'{f[:-4]}/{s} {n}' for (f, s), n in sorted(by.items())))
print('garbled documents:', len(cases), ' skipped (not encodable / no span):', skipped or 0)
EOF

. "$ROOT/scripts/heldout-cli.sh"
heldout_cli "$ROOT" "$DIR" lm punct latin

for bin in "$DIR/hanfix" ${BASE_BIN:-}; do
	tag=$(basename "$bin")
	[ "$bin" = "$DIR/hanfix" ] || tag=base
	"$bin" -jsonl -to keep -keep-boilerplate "$DIR/orig.jsonl" > "$DIR/orig.$tag.out"
	"$bin" -jsonl -to keep -keep-boilerplate "$DIR/garbled.jsonl" > "$DIR/garbled.$tag.out"
	python3 - "$DIR" "$bin" "$tag" <<'EOF'
import collections, json, sys
from difflib import SequenceMatcher
d, b, tag = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, d)
from garble import KINDS
meta = json.load(open(f'{d}/cases.json', encoding='utf-8'))
load = lambda f: {o['id']: o['text'] for o in map(json.loads, open(f'{d}/{f}', encoding='utf-8'))}
orig, clean = load('orig.jsonl'), load(f'orig.{tag}.out')
inp, out = load('garbled.jsonl'), load(f'garbled.{tag}.out')

def levenshtein(a, b):
    """Edit distance, Myers/Hyyro bit-parallel (as score.py)."""
    if a == b:
        return 0
    i, n = 0, min(len(a), len(b))
    while i < n and a[i] == b[i]:
        i += 1
    a, b = a[i:], b[i:]
    j, n = 0, min(len(a), len(b))
    while j < n and a[-1 - j] == b[-1 - j]:
        j += 1
    if j:
        a, b = a[:-j], b[:-j]
    if not a or not b:
        return len(a) + len(b)
    if len(a) < len(b):
        a, b = b, a
    m = len(b)
    peq = {}
    for k, c in enumerate(b):
        peq[c] = peq.get(c, 0) | (1 << k)
    full, top = (1 << m) - 1, 1 << (m - 1)
    pv, mv, score = full, 0, m
    for c in a:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
    return score
sf = lambda s: s.rstrip('\n')
cer = lambda o, g: min(1.0, levenshtein(sf(o), sf(g)) / max(1, len(sf(g))))

def cause(g, e, o):
    """What went wrong: g garbled, e expected, o got (o is None: not found)."""
    if o is None:
        return 'context changed'
    if o == g:
        return 'not repaired'
    i, n = 0, min(len(e), len(o))
    while i < n and e[i] == o[i]:
        i += 1
    j, n = 0, min(len(e), len(o)) - i
    while j < n and e[-1 - j] == o[-1 - j]:
        j += 1
    em, om = e[i:len(e) - j], o[i:len(o) - j]
    if '\ufffd' in om and '\ufffd' not in em:
        return 'U+FFFD left'
    if len(em) == len(om) == 1 and em.encode()[:-1] == om.encode()[:-1]:
        return 'lost byte restored wrongly'
    if om and om in g:
        return 'partly repaired, rest left garbled'
    return 'wrong'

BAD = ('wrong', 'lost byte restored wrongly', 'context changed')
fp = [i for i in orig if clean[i] != orig[i]]
ff = f'{d}/failures.txt' if tag == 'hanfix' else f'{d}/failures.{tag}.txt'
fails = open(ff, 'w', encoding='utf-8')
for i in fp:
    sm = SequenceMatcher(None, orig[i], clean[i], autojunk=False)
    for op, a1, a2, b1, b2 in sm.get_opcodes():
        if op != 'equal':
            fails.write(f'FALSE POSITIVE doc {i}: expected {orig[i][max(0, a1 - 10):a2 + 10]!r} got {clean[i][max(0, b1 - 10):b2 + 10]!r}\n')
S = collections.defaultdict(collections.Counter)
C = collections.defaultdict(list)
T = collections.Counter()
for c in meta['cases']:
    i, k, doc = c['id'], c['kind'], c['doc']
    if doc in fp:
        S[k]['fp'] += 1
        continue
    o, g, x = out[i], orig[doc], inp[i]
    s = S[k]
    s['n'] += 1
    exact = sf(o) == sf(g)
    s['exact'] += exact
    if exact:
        pass
    elif sf(o) == sf(x):
        s['kept'] += 1
    else:
        s['wrong'] += 1
    C[k].append(cer(o, g))
    C[k + ' in'].append(cer(x, g))
    if c['whole']:
        fixed = exact
    else:
        a = c['at']
        win = g[max(0, a - 4):a + len(c['orig']) + 4]
        fixed = o.count(win) >= max(1, g.count(win))
    s['spans_fixed'] += fixed
    if fixed:
        continue
    fails.write(f'=== {k} case {i} doc {doc}\n')
    bad = False
    if c['whole']:
        gl, xl, ol = g.split('\n'), x.split('\n'), o.split('\n')
        if not (len(gl) == len(xl) == len(ol)):
            fails.write(f'  lines: original {len(gl)}, input {len(xl)}, output {len(ol)}\n')
            gl, xl, ol = [g], [x], [o]
        for gi, xi, oi in zip(gl, xl, ol):
            if gi == oi:
                continue
            sm = SequenceMatcher(None, gi, oi, autojunk=False)
            for op, a1, a2, b1, b2 in sm.get_opcodes():
                if op == 'equal':
                    continue
                t = 'not repaired' if oi == xi else cause(xi, gi[a1:a2], oi[b1:b2])
                T[(k, t)] += 1
                bad = bad or t in BAD
                fails.write(f'  [{t}] line garbled {xi[:60]!r}\n'
                            f'    expected {gi[max(0, a1 - 10):a1]!r}+{gi[a1:a2]!r}+{gi[a2:a2 + 10]!r}\n'
                            f'    got      {oi[max(0, b1 - 10):b1]!r}+{oi[b1:b2]!r}+{oi[b2:b2 + 10]!r}\n')
    else:
        a, t = c['at'], c['orig']
        pre, post = g[max(0, a - 10):a], g[a + len(t):a + len(t) + 10]
        # the occurrence of the context before the span nearest its place
        ps = [m for m in range(len(o)) if o.startswith(pre, m)] if pre else [0]
        p = min(ps, key=lambda m: abs(m + len(pre) - a)) if ps else -1
        q = (o.find(post, p + len(pre)) if post else len(o)) if p >= 0 else -1
        got = o[p + len(pre):q] if p >= 0 and q >= 0 else None
        tg = cause(c['garbled'], t, got)
        T[(k, tg)] += 1
        bad = tg in BAD
        fails.write(f'  [{tg}]\n'
                    f'    garbled  {pre!r}+{c["garbled"]!r}+{post!r}\n'
                    f'    expected {pre!r}+{t!r}+{post!r}\n')
        if got is not None:
            fails.write(f'    got      {pre!r}+{got!r}+{post!r}\n')
        else:
            sm = SequenceMatcher(None, g, o, autojunk=False)
            for op, a1, a2, b1, b2 in sm.get_opcodes():
                if op != 'equal':
                    fails.write(f'    diff     {g[max(0, a1 - 10):a2 + 10]!r} -> {o[max(0, b1 - 10):b2 + 10]!r}\n')
    s['bad'] += bad
fails.write('\nfailed spans (whole documents: differing pieces of lines) by cause:\n')
for (k, t), v in sorted(T.items()):
    fails.write(f'{k:26} {t:36} {v}\n')
fails.close()

name = b.replace(d + '/', '')
ns = collections.Counter(x['script'] for x in meta['docs'])
print(f'{name}: {len(orig)} test documents ({ns["simp"]} Simplified, {ns["trad"]} Traditional); '
      f'originals changed by the CLI (false positives): {len(fp)}')
print(f'{"kind":26} {"docs":>5} {"exact":>6} {"spans":>6} {"kept":>5} {"wrong":>5} {"bad":>4} {"CER":>6} {"CERin":>6} {"out":>3}')
N = collections.Counter()
for sub, var in KINDS:
    k = f'{sub}:{var}'
    s = S[k]
    N.update(s)
    mean = lambda v: sum(v) / len(v) if v else 0.0
    print(f'{k:26} {s["n"]:5} {s["exact"]:6} {s["spans_fixed"]:6} {s["kept"]:5} {s["wrong"]:5} {s["bad"]:4} '
          f'{mean(C[k]):6.3f} {mean(C[k + " in"]):6.3f} {s["fp"]:3}')
allc = [v for k, v in C.items() if not k.endswith(' in') for v in v]
alli = [v for k, v in C.items() if k.endswith(' in') for v in v]
print(f'{"all":26} {N["n"]:5} {N["exact"]:6} {N["spans_fixed"]:6} {N["kept"]:5} {N["wrong"]:5} {N["bad"]:4} '
      f'{sum(allc) / max(1, len(allc)):6.3f} {sum(alli) / max(1, len(alli)):6.3f} {N["fp"]:3}')
print('failed spans by cause (whole documents: differing pieces of lines):')
for sub, var in KINDS:
    k = f'{sub}:{var}'
    ts = sorted(((t, v) for (kk, t), v in T.items() if kk == k), key=lambda x: -x[1])
    if ts:
        print(f'  {k:26} ' + ', '.join(f'{t} {v}' for t, v in ts))
print(f'failures: {ff}')
EOF
	"$bin" -jsonl -to keep -keep-boilerplate "$DIR/mixed.jsonl" > "$DIR/mixed.$tag.out"
	python3 - "$DIR" "$tag" <<'EOF'
import collections, json, sys
d, tag = sys.argv[1], sys.argv[2]
load = lambda f: {o['id']: o for o in map(json.loads, open(f'{d}/{f}', encoding='utf-8'))}
clean, mixed, out = load(f'orig.{tag}.out'), load('mixed.jsonl'), load(f'mixed.{tag}.out')
n, changed = collections.Counter(), collections.Counter()
for i, m in mixed.items():
    n[m['kind']] += 1
    # The clean document must come out as it does alone.
    rest = out[i]['text'].split('\n', 1)[1] if '\n' in out[i]['text'] else ''
    changed[m['kind']] += rest.rstrip('\n') != clean[m['doc']]['text'].rstrip('\n')
print('clean documents under a misread paragraph, changed otherwise than alone: ' +
      ', '.join(f'{k} {changed[k]} of {n[k]}' for k in sorted(n)))
EOF
done
