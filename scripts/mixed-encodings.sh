#!/bin/sh
# mixed-encodings.sh — documents saved in two encodings, through the CLI.
#
# A scraped page is often put together from parts saved in different
# encodings: a UTF-8 template around a GBK post, a UTF-8 footer pasted into
# a GBK file. convert.DecodeAuto reads each part with its own encoding
# (charset.Mixed, documented at detect.Encoding). This script builds such
# documents from the lines of the Debian corpus that scripts/debian-corpus.sh
# writes (WORKDIR, default $HANFIX_CORPUS or /tmp/hanfix-noharm), 4 to 15
# lines each, 1 or 2 of them saved in the other encoding (Simplified lines
# in GBK, GB2312 characters only; Traditional lines in Big5):
#
#   utf8+gbk, utf8+big5     a UTF-8 document with GBK or Big5 lines
#   gbk+utf8, big5+utf8     a GBK or Big5 document with UTF-8 lines
#   utf8+gbk:inline,        a line cut at a random character, its first
#   gbk+utf8:inline         part in the document's encoding, the rest in
#                           the other
#
# and documents that must not change by it:
#
#   gbk, big5               all in one legacy encoding
#   utf8:cut, utf8:deleted, UTF-8 with lines cut at a random byte, with
#   utf8:junk, utf8:latin1  bytes deleted, with random bytes put in, with
#                           a Latin-1 word (café, © 2024) glued on
#
# Each document is cleaned alone (-to keep -keep-boilerplate -report).
# For the mixed kinds the script counts the documents that come out as
# they were written, line for line; for the others, the changes of kind
# "encoding" (which must be none but garbage read as other garbage).
# BASE_BIN=path cleans with a second build as well, for comparison.
# Everything is seeded.
#
# Usage: scripts/mixed-encodings.sh [WORKDIR]   (needs go and python3;
#        BIN=path scores another build of the CLI; N documents of each
#        kind, default 300; KEEP=1 keeps the work directory)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/cli-env.sh"
need_corpus mixed-encodings html.txt "${1:-}"
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-mixed.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$DIR"' EXIT INT TERM
cli_bin "$DIR"
python3 - "$corpus" "$DIR" "${N:-300}" <<'EOF'
import json, os, random, re, sys
corpus, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(1)
han = re.compile(r'[\u4e00-\u9fff]')
lines = []
for name in ('html.txt', 'man.txt'):
    for l in open(f'{corpus}/{name}', encoding='utf-8'):
        l = l.strip()
        if 6 <= len(l) <= 200 and han.search(l):
            lines.append(l)

def gbk(s):
    b = s.encode('gbk')
    i = 0
    while i < len(b):  # GB2312 characters only: Simplified text
        if b[i] >= 0x80:
            if i + 1 >= len(b) or b[i] < 0xA1 or b[i + 1] < 0xA1:
                raise UnicodeError('not GB2312')
            i += 2
        else:
            i += 1
    return b

CODEC = {'utf8': lambda s: s.encode('utf-8'), 'gbk': gbk, 'big5': lambda s: s.encode('big5')}
MIXED = [('utf8+gbk', 'utf8', 'gbk', False), ('utf8+big5', 'utf8', 'big5', False),
         ('gbk+utf8', 'gbk', 'utf8', False), ('big5+utf8', 'big5', 'utf8', False),
         ('utf8+gbk:inline', 'utf8', 'gbk', True), ('gbk+utf8:inline', 'gbk', 'utf8', True)]
os.makedirs(f'{out}/in')
os.makedirs(f'{out}/want')
manifest = []

def page():
    return [rng.choice(lines) for _ in range(rng.randint(4, 15))]

for kind, doc, odd, inline in MIXED:
    k = 0
    while k < n:
        ls = page()
        at = set(rng.sample(range(len(ls)), min(len(ls), rng.randint(1, 2))))
        parts = []
        try:
            for i, l in enumerate(ls):
                if i in at and inline:
                    c = rng.randint(1, len(l) - 1)
                    parts.append(CODEC[doc](l[:c]) + CODEC[odd](l[c:]))
                else:
                    parts.append(CODEC[odd if i in at else doc](l))
        except UnicodeError:
            continue
        name = f'{kind.replace(":", "_").replace("+", "_")}-{k:04d}'
        open(f'{out}/in/{name}.bin', 'wb').write(b'\n'.join(parts) + b'\n')
        open(f'{out}/want/{name}.txt', 'w', encoding='utf-8').write('\n'.join(ls) + '\n')
        manifest.append({'name': name, 'kind': kind})
        k += 1

def junk(b):
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(b))
        b = b[:i] + bytes(rng.randint(0x80, 0xFF) for _ in range(rng.randint(1, 2))) + b[i:]
    return b

def deleted(b):
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(b))
        b = b[:i] + b[i + 1:]
    return b

def cut(ls):
    return b'\n'.join(l.encode()[:rng.randrange(len(l.encode()))] if rng.random() < 0.5 else l.encode() for l in ls)

LATIN = [b'caf\xe9', b'na\xefve', b'\xa9 2024', b'25\xb0C', b'50\xa0km', b'Stra\xdfe', b'\xbfQu\xe9?']
CLEAN = [('gbk', lambda ls: gbk('\n'.join(ls))), ('big5', lambda ls: '\n'.join(ls).encode('big5')),
         ('utf8:cut', cut), ('utf8:deleted', lambda ls: deleted('\n'.join(ls).encode())),
         ('utf8:junk', lambda ls: junk('\n'.join(ls).encode())),
         ('utf8:latin1', lambda ls: '\n'.join(ls[:1]).encode() + b' ' + rng.choice(LATIN) + b'\n' + '\n'.join(ls[1:]).encode())]
for kind, make in CLEAN:
    k = 0
    while k < n:
        try:
            b = make(page())
        except UnicodeError:
            continue
        name = f'{kind.replace(":", "_")}-{k:04d}'
        open(f'{out}/in/{name}.bin', 'wb').write(b + b'\n')
        manifest.append({'name': name, 'kind': kind})
        k += 1
with open(f'{out}/manifest.jsonl', 'w') as f:
    for m in manifest:
        f.write(json.dumps(m) + '\n')
EOF

clean() { # clean BIN OUTDIR
	mkdir -p "$2"
	ls "$DIR/in" | sed 's/\.bin$//' | xargs -P 2 -I{} sh -c \
		"'$1' -to keep -keep-boilerplate -report -o '$2/{}.txt' '$DIR/in/{}.bin' 2>'$2/{}.json'"
}
clean "$BIN" "$DIR/out"
[ -n "${BASE_BIN:-}" ] && clean "$BASE_BIN" "$DIR/base"

python3 - "$DIR" "${BASE_BIN:+base}" <<'EOF'
import collections, json, os, sys
d, base = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ''
outs = ['out'] + ([base] if base else [])
docs, exact, changed, segs = (collections.Counter() for _ in range(4))
for l in open(f'{d}/manifest.jsonl'):
    m = json.loads(l)
    k, name = m['kind'], m['name']
    docs[k] += 1
    for o in outs:
        got = open(f'{d}/{o}/{name}.txt', encoding='utf-8', errors='replace').read()
        if '+' in k:
            want = open(f'{d}/want/{name}.txt', encoding='utf-8').read()
            exact[k, o] += got == want
        rep = open(f'{d}/{o}/{name}.json').read().strip()
        r = json.loads(rep) if rep else {}
        n = r.get('counts', {}).get('encoding', 0)
        segs[k, o] += n
        changed[k, o] += n > 0
cols = ' / '.join(outs)
print(f'mixed documents that come out as written ({cols}):')
for k in docs:
    if '+' in k:
        print(f'  {k:18s} ' + ' / '.join(f'{exact[k, o]}' for o in outs) + f' of {docs[k]}')
print(f'documents in one encoding with a part decoded otherwise (segments) ({cols}):')
for k in docs:
    if '+' not in k:
        print(f'  {k:18s} ' + ' / '.join(f'{changed[k, o]} ({segs[k, o]})' for o in outs) + f' of {docs[k]}')
EOF
