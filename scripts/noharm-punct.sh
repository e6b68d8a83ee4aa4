#!/bin/sh
# noharm-punct.sh — do-no-harm check of the mojibake stage on clean Chinese
# prose written with the punctuation that misaligned GBK leaves behind.
#
# A misaligned run starts at a '?' (the byte the edit split) and reads on
# in odd characters or ASCII; a reader that failed one byte leaves U+FFFD.
# Forums and half-width punctuation put the same marks in clean text:
# 有人知道吗?Thanks, 支持哪些语言?(C++), a broken emoji's U+FFFD. This
# script takes the lines of the Debian corpus that scripts/debian-corpus.sh
# writes (WORKDIR, default $HANFIX_CORPUS or /tmp/hanfix-noharm) and writes
# five variants, each checked with internal/mojibake/cmd/noharm (every line
# on its own, and each file as one document):
#
#   half.txt   full-width punctuation made ASCII (，。？！：；（）“” → ,.?!:;()"");
#   qmark.txt  every 。 made '?';
#   qascii/    30,000 lines with '?' and an ASCII word of the corpus put
#              after a random Han character, in pages of 30 lines;
#   fffd/      30,000 lines with one to four U+FFFD put at a random place,
#              in pages of 30 lines;
#   qascii-ruby/ the pages of qascii/ as machine-made ruby (converted to
#              Traditional, readings glued to Traditional-only characters,
#              as in the development set's category b; TestWriteRuby in
#              internal/mojibake writes them).
#
# The pages are checked again with a damaged line at the head of each
# (noharm -prefix, which counts the pages where it was repaired), as a
# document with mojibake elsewhere, which the stage takes as evidence: a
# misaligned line (the first example of ARTIFACTS.md §2), which backs a
# thin run with one character that is not ASCII (thinRunGain), and a
# sentence read as GBK and as windows-1252 from UTF-8, which lets a 聽
# next to no Han character be a UTF-8 no-break space (findNBSP)
# (scripts/damaged_lines.py writes the lines).
#
# Each must come out with 0 changed lines (the script exits non-zero
# otherwise). The variants are drawn with fixed seeds.
#
# Usage: scripts/noharm-punct.sh [WORKDIR]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/cli-env.sh"
need_corpus noharm-punct man.txt "${1:-}"
need_corpus noharm-punct html.txt "${1:-}"
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-punct.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$DIR"' EXIT INT TERM

python3 - "$corpus" "$DIR" <<'EOF'
import os, random, re, sys
corpus, out = sys.argv[1], sys.argv[2]
src = []
for name in ['man.txt', 'html.txt']:
    src += open(f'{corpus}/{name}', encoding='utf-8').read().split('\n')
text = '\n'.join(src)
half = str.maketrans({'，': ',', '。': '.', '？': '?', '！': '!', '：': ':', '；': ';',
                      '（': '(', '）': ')', '“': '"', '”': '"'})
open(f'{out}/half.txt', 'w', encoding='utf-8').write(text.translate(half))
open(f'{out}/qmark.txt', 'w', encoding='utf-8').write(text.replace('。', '?'))
han = re.compile(r'[\u4e00-\u9fff]')
lines = [l for l in src if len(han.findall(l)) >= 6 and '?' not in l and '\ufffd' not in l]
rng = random.Random(7)
words = [w for w in re.findall(r'[!-~]{1,12}', ' '.join(rng.sample(src, 20000))) if '?' not in w]
rng.shuffle(lines)
def pages(name, out_lines):
    os.mkdir(f'{out}/{name}')
    for k in range(0, len(out_lines), 30):
        with open(f'{out}/{name}/{k // 30:04d}.txt', 'w', encoding='utf-8') as w:
            w.write(''.join(l + '\n' for l in out_lines[k:k + 30]))
q = []
for l in lines[:30000]:
    p = rng.choice([m.end() for m in han.finditer(l)])
    q.append(l[:p] + '?' + rng.choice(words) + l[p:])
pages('qascii', q)
rng = random.Random(11)
rng.shuffle(lines)
f = []
for k, l in enumerate(lines[:30000]):
    p = rng.randrange(1, len(l))
    f.append(l[:p] + '\ufffd' * [1, 1, 2, 3, 4][k % 5] + l[p:])
pages('fffd', f)
EOF

cd "$ROOT"
python3 scripts/damaged_lines.py "$DIR"
RUBY_IN="$DIR/qascii" RUBY_OUT="$DIR/qascii-ruby" go test ./internal/mojibake -run '^TestWriteRuby$' -count=1 >/dev/null
go build -o "$DIR/noharm" ./internal/mojibake/cmd/noharm
status=0
for v in half.txt qmark.txt qascii fffd qascii-ruby; do
	echo "== $v"
	if [ -d "$DIR/$v" ]; then
		"$DIR/noharm" -v "$DIR/$v"/*.txt || status=1
		for p in misaligned utf8-gbk utf8-cp1252; do
			echo "== $v, after a line of $p mojibake"
			"$DIR/noharm" -v -prefix "$(cat "$DIR/prefix-$p")" "$DIR/$v"/*.txt || status=1
		done
	else
		"$DIR/noharm" -v "$DIR/$v" || status=1
	fi
done
exit $status
