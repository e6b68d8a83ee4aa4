#!/bin/sh
# noharm-prefix.sh — clean text right after a line of mojibake.
#
# A document with mojibake in one place is evidence for mojibake
# elsewhere: the codec-chain search reads stretches across line ends, a
# repair of UTF-8 read as GBK lets a lone 聽 be a no-break space, and a
# repaired misaligned run backs thin runs. This script puts a damaged line
# at the head of clean documents (internal/mojibake/cmd/noharm -prefix,
# which counts the edits outside that line, an edit of it that reaches
# into the document among them, and the documents whose line was
# repaired) and prints the counts for each kind of damage that
# scripts/damaged_lines.py writes (misaligned GBK; a sentence of UTF-8
# read as GBK and as windows-1252, of GBK read as Big5, of Big5 read as
# GBK) and each set of documents:
#
#   one         each of the 6,763 characters of GB2312 alone on its line
#   one+line    the same, then a line of Simplified text
#   short       2,000 pages of 30 words of one or two characters from
#               jieba's dictionary (python3-jieba), one to a line
#   debian      the lines of the Debian corpus that scripts/debian-corpus.sh
#               writes (WORKDIR, default $HANFIX_CORPUS or
#               /tmp/hanfix-noharm) in pages of 30
#
# It measures; it is no gate (the counts left are in docs/MEASUREMENTS.md,
# "Clean text beside a line of mojibake"), and exits 0 unless it cannot
# run.
#
# Usage: scripts/noharm-prefix.sh [WORKDIR]   (needs go and python3)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/cli-env.sh"
need_corpus noharm-prefix man.txt "${1:-}"
need_jieba
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-prefix.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$DIR"' EXIT INT TERM

python3 - "$corpus" "$dict" "$DIR" <<'EOF'
import os, random, sys
corpus, dict_path, out = sys.argv[1:4]
def write(name, docs):
    os.mkdir(f'{out}/{name}')
    for k, d in enumerate(docs):
        with open(f'{out}/{name}/{k:05d}.txt', 'w', encoding='utf-8') as w:
            w.write(d)
chars = []
for b1 in range(0xB0, 0xF8):
    for b2 in range(0xA1, 0xFF):
        try:
            chars.append(bytes([b1, b2]).decode('gb2312'))
        except UnicodeDecodeError:
            pass
write('one', [c + '\n' for c in chars])
write('one+line', [c + '\n这是一个普通的句子，没有任何问题。\n' for c in chars])
words = [l.split()[0] for l in open(dict_path, encoding='utf-8') if l.strip()]
words = [w for w in words if len(w) <= 2 and all('\u4e00' <= c <= '\u9fff' for c in w)]
random.Random(4).shuffle(words)
words = words[:60000]
write('short', ['\n'.join(words[k:k + 30]) + '\n' for k in range(0, len(words), 30)])
lines = []
for name in ['man.txt', 'plain.txt', 'mo.txt', 'html.txt']:
    lines += [l for l in open(f'{corpus}/{name}', encoding='utf-8').read().split('\n') if l.strip()]
write('debian', ['\n'.join(lines[k:k + 30]) + '\n' for k in range(0, len(lines), 30)])
EOF
python3 "$ROOT/scripts/damaged_lines.py" "$DIR"

(cd "$ROOT" && go build -o "$DIR/noharm" ./internal/mojibake/cmd/noharm)
printf '%-12s' documents
for p in misaligned utf8-gbk utf8-cp1252 gbk-big5 big5-gbk; do printf ' %18s' "$p"; done
echo
for d in one one+line short debian; do
	n=$(ls "$DIR/$d" | wc -l)
	printf '%-12s' "$d"
	for p in misaligned utf8-gbk utf8-cp1252 gbk-big5 big5-gbk; do
		out=$("$DIR/noharm" -prefix "$(cat "$DIR/prefix-$p")" "$DIR/$d"/*.txt 2>&1 || true)
		edits=$(echo "$out" | sed -n 's/^edits when each file is one document: //p')
		fixed=$(echo "$out" | sed -n 's/^documents whose prefix was repaired: \([0-9]*\) of.*/\1/p')
		printf ' %18s' "$edits edits ($fixed)"
	done
	echo "   ($n documents; in parentheses: those whose first line was repaired)"
done
