#!/bin/sh
# noharm-words.sh — do-no-harm check of the mojibake stage on the words of a
# dictionary, rare ones included.
#
# Mojibake repairs turn runs of rare characters into common ones (鍙戝睍 is
# 发展 read through the wrong codec); a clean text of rare words must stay
# as it is. This script takes the Han-only words of jieba's dictionary
# (Debian package python3-jieba, about 349,000 words with their
# frequencies; installed with apt-get when missing and run as root), puts
# them in a fixed random order into lines of eight (joined by 、, in a
# sentence, or by spaces), the lines into pages of 30, and runs
# internal/mojibake/cmd/noharm over the pages as they are and as OpenCC's
# s2tw makes them (the CLI's -convert). A second set of lines (qsimp,
# qtrad) joins eight words with a question mark between two of them, as a
# misaligned run starts, and is checked again with a damaged line at the
# head of each page (noharm -prefix), as noharm-punct.sh does: misaligned
# GBK (the first example of ARTIFACTS.md §2), which backs thin runs, and
# UTF-8 read as GBK and as windows-1252 (scripts/damaged_lines.py; noharm
# counts the pages whose damaged line was repaired: a line left as it is
# is a miss, not harm). Every line and page must come out unchanged (the
# script exits non-zero otherwise).
#
# Usage: scripts/noharm-words.sh   (BIN=path converts with another build
#        of the CLI)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
. "$ROOT/scripts/cli-env.sh"
need_jieba
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-words.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$DIR"' EXIT INT TERM

python3 - "$dict" "$DIR" <<'EOF'
import os, random, sys
dict_path, out = sys.argv[1], sys.argv[2]
words = [l.split()[0] for l in open(dict_path, encoding='utf-8') if l.strip()]
words = [w for w in words if all('\u4e00' <= c <= '\u9fff' for c in w)]
random.Random(3).shuffle(words)
lines = []
for k in range(0, len(words) - 8, 8):
    ws = words[k:k + 8]
    t = k // 8 % 3
    if t == 0:
        lines.append('、'.join(ws) + '。')
    elif t == 1:
        lines.append('这些词包括' + '，'.join(ws[:4]) + '以及' + ws[4] + '。')
    else:
        lines.append(' '.join(ws))
rng = random.Random(9)
qlines = []
for k in range(0, len(words) - 8, 8):
    ws = words[k:k + 8]
    j = rng.randrange(1, 8)
    qlines.append(''.join(ws[:j]) + '?' + ''.join(ws[j:]) + '。')
for name, ls in (('simp', lines), ('qsimp', qlines)):
    os.mkdir(f'{out}/{name}')
    for k in range(0, len(ls), 30):
        with open(f'{out}/{name}/{k // 30:05d}.txt', 'w', encoding='utf-8') as w:
            w.write('\n'.join(ls[k:k + 30]) + '\n')
print(f'{len(words)} words, {len(lines)} lines')
EOF

python3 "$ROOT/scripts/damaged_lines.py" "$DIR"
cli_bin "$DIR"
(cd "$ROOT" && go build -o "$DIR/noharm" ./internal/mojibake/cmd/noharm)
mkdir "$DIR/trad" "$DIR/qtrad"
for f in "$DIR"/simp/*.txt; do
	"$BIN" -convert s2tw "$f" > "$DIR/trad/${f##*/}"
done
for f in "$DIR"/qsimp/*.txt; do
	"$BIN" -convert s2tw "$f" > "$DIR/qtrad/${f##*/}"
done
status=0
for v in simp trad qsimp qtrad; do
	echo "== $v"
	"$DIR/noharm" -v "$DIR/$v"/*.txt || status=1
	case $v in q*)
		for p in misaligned utf8-gbk utf8-cp1252; do
			echo "== $v, after a line of $p mojibake"
			"$DIR/noharm" -v -prefix "$(cat "$DIR/prefix-$p")" "$DIR/$v"/*.txt || status=1
		done
	esac
done
exit $status
