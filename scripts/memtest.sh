#!/bin/sh
# memtest.sh — peak memory of `hanfix -jsonl` on about 1 GB of JSON Lines.
#
# Generates synthetic Chinese documents of mixed sizes (a few lines over
# 10 MB among them) in a temporary directory, runs
#
#   /usr/bin/time -v ./hanfix -jsonl -j 2 -to simp < big.jsonl > /dev/null
#
# with in-run boilerplate learning on (the default: two passes, stdin
# spooled to a temporary file) and off (-learn-run=false), and prints the
# maximum resident set size of each run. Exits 1 when a run fails or its
# peak RSS exceeds LIMIT_MB.
#
# The CLI keeps its own buffers bounded (batches, a byte budget for lines in
# flight, one huge document cleaned at a time); the library needs many
# times the size of a document while it cleans it, which the default
# -mem-limit (a soft Go heap limit, 150M) keeps in check for 10 MB lines.
#
# Environment: SIZE_MB (default 1024), LIMIT_MB (default 200), TMPDIR,
# BIN (another build of the CLI to run instead of building one).
# Needs go, python3 and GNU time (apt-get install time).
set -eu

SIZE_MB=${SIZE_MB:-1024}
LIMIT_MB=${LIMIT_MB:-200}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DIR=$(mktemp -d "${TMPDIR:-/tmp}/hanfix-memtest.XXXXXX")
trap 'rm -rf "$DIR"' EXIT INT TERM

if [ ! -x /usr/bin/time ]; then
	echo "memtest: /usr/bin/time is missing (apt-get install time)" >&2
	exit 2
fi

BIN=${BIN:-}
if [ -z "$BIN" ]; then
	(cd "$ROOT" && go build -o "$DIR/hanfix" ./examples/hanfix)
	BIN=$DIR/hanfix
fi

python3 - "$DIR/big.jsonl" "$SIZE_MB" <<'PY'
import json, random, sys
path, size_mb = sys.argv[1], int(sys.argv[2])
random.seed(1)
paras = [
    "中文信息处理是人工智能的一个分支，它研究如何让计算机理解和生成自然语言。",
    "本文介绍了软件包的安装方法（包括源代码编译）以及常见问题的解决办法。",
    "在這篇文章裡，我們討論了繁體中文與簡體中文之間的轉換問題。",
    "使用 apt-get install 命令可以安装软件包；配置文件位于 /etc 目录下。",
    "经济发展离不开科技创新，各地政府出台了一系列支持政策。",
    "他说：“我们要把基层党建工作抓实抓细。”会议要求各部门认真落实。",
]
footer = "版权所有 © 2024 示例网 保留所有权利\n上一篇：示例文章 下一篇：另一篇文章\n"
target = size_mb << 20
big_at = {int(target * f) for f in (0.2, 0.5, 0.8)}
written, n, next_big = 0, 0, sorted(big_at)
with open(path, 'w', encoding='utf-8') as f:
    while written < target:
        if next_big and written >= next_big[0]:
            next_big.pop(0)
            k = (10 << 20) // 90 + 1000          # > 10 MB of text
        else:
            k = random.choice((1, 3, 10, 40, 150, 600))
        text = '\n'.join(random.choice(paras) for _ in range(k)) + '\n' + footer
        line = json.dumps({'id': n, 'url': 'https://example.com/a/%d.html' % n, 'text': text,
                           'meta': {'n': n, 'tags': ['x', 'y']}}, ensure_ascii=False) + '\n'
        f.write(line)
        written += len(line.encode('utf-8'))
        n += 1
print('memtest: %d documents, %.0f MB of JSONL' % (n, written / 1e6), file=sys.stderr)
PY

status=0
for extra in "" "-learn-run=false"; do
	echo "== hanfix -jsonl -j 2 -to simp $extra -stats < big.jsonl > /dev/null"
	if ! /usr/bin/time -v "$BIN" -jsonl -j 2 -to simp $extra -stats \
		<"$DIR/big.jsonl" >/dev/null 2>"$DIR/err.txt"; then
		echo "memtest: hanfix failed:" >&2
		tail -5 "$DIR/err.txt" >&2
		status=1
		continue
	fi
	grep '^{"documents"' "$DIR/err.txt" || true
	grep -E 'Maximum resident set size|Elapsed \(wall clock\)' "$DIR/err.txt"
	kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$DIR/err.txt")
	if [ "$kb" -gt $((LIMIT_MB * 1024)) ]; then
		echo "memtest: peak RSS $((kb / 1024)) MB is over the limit of $LIMIT_MB MB"
		status=1
	else
		echo "memtest: peak RSS $((kb / 1024)) MB (limit $LIMIT_MB MB): ok"
	fi
done
exit $status
