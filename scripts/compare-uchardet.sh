#!/bin/sh
# compare-uchardet.sh — encoding detection accuracy and time per call of
# hanfix (detect.Encoding) and uchardet on category g (raw encodings) of the
# shared development set.
#
# usage: scripts/compare-uchardet.sh [DEVSET_DIR]   (default ../shared/devset)
# needs: go, uchardet (apt-get install uchardet)
#
# hanfix is timed in process (per file, the fastest of 5 batches of 40
# calls); uchardet is timed as one process over all files (the fastest of 5
# runs), so its time per file includes a share of one process start. A file counts as right when the answer, mapped to its
# WHATWG name, is one of the case's labels.encoding_accept.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
devset=${1:-$root/../shared/devset}
command -v uchardet >/dev/null || { echo "uchardet not found: apt-get install uchardet" >&2; exit 1; }
[ -f "$devset/cases.jsonl" ] || { echo "no devset at $devset" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cd "$root"
HANFIX_COMPARE=1 go test -count=1 -run '^TestEncodingCompareFiles$' -v ./detect >"$tmp/go.out" 2>&1 ||
	{ cat "$tmp/go.out" >&2; exit 1; }
grep '^CMP ' "$tmp/go.out" | cut -d' ' -f2- >"$tmp/hanfix" # id size accept answer ns input

# uchardet: one process over all files, the fastest of 5 runs.
cut -d' ' -f6 "$tmp/hanfix" | sed "s|^|$devset/|" >"$tmp/files"
n=$(wc -l <"$tmp/files")
uns=
for run in 1 2 3 4 5; do
	start=$(date +%s%N)
	xargs uchardet <"$tmp/files" >"$tmp/uchardet.raw"
	end=$(date +%s%N)
	t=$(( (end - start) / n ))
	if [ -z "$uns" ] || [ "$t" -lt "$uns" ]; then uns=$t; fi
done

# Map uchardet names to WHATWG names; "utf-16" takes its byte order from the
# file's BOM (little-endian without one, as WHATWG's "utf-16" label does).
sed 's/.*: //' "$tmp/uchardet.raw" | tr 'A-Z' 'a-z' | sed \
	-e 's/^ascii$/utf-8/' -e 's/^uhc$/euc-kr/' -e 's/^cp949$/euc-kr/' \
	-e 's/^iso-8859-1$/windows-1252/' -e 's/^big5-hkscs$/big5/' -e 's/^gb2312$/gbk/' \
	-e 's/^windows-31j$/shift_jis/' >"$tmp/names"
paste -d' ' "$tmp/files" "$tmp/names" | while read -r f name; do
	if [ "$name" = utf-16 ]; then
		case $(head -c2 "$f" | od -An -tx1 | tr -d ' ') in
		feff) name=utf-16be ;;
		*) name=utf-16le ;;
		esac
	fi
	echo "$name"
done >"$tmp/uchardet"
paste -d' ' "$tmp/hanfix" "$tmp/uchardet" >"$tmp/all" # id size accept answer ns input uanswer

awk -v uns="$uns" '
function ok(accept, ans,   a, i, k) { k = split(accept, a, ","); for (i = 1; i <= k; i++) if (a[i] == ans) return 1; return 0 }
{
	size = $2; n[size]++; N++
	h = ok($3, $4); u = ok($3, $7)
	hok[size] += h; uok[size] += u; H += h; U += u; hns[size] += $5; HNS += $5
	if (!h || !u) miss = miss sprintf("  %-28s accept %-16s hanfix %-12s uchardet %s\n", $1, $3, $4, $7)
}
END {
	printf "%-6s %4s | %-17s %12s | %-17s %12s\n", "size", "n", "hanfix accuracy", "µs/call", "uchardet accuracy", "µs/file"
	for (s in n) sizes[++k] = s + 0
	for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (sizes[j] < sizes[i]) { t = sizes[i]; sizes[i] = sizes[j]; sizes[j] = t }
	for (i = 1; i <= k; i++) { s = sizes[i]
		printf "%-6d %4d | %17.3f %12.1f | %17.3f %12s\n", s, n[s], hok[s]/n[s], hns[s]/n[s]/1000, uok[s]/n[s], "" }
	printf "%-6s %4d | %17.3f %12.1f | %17.3f %12.1f\n", "all", N, H/N, HNS/N/1000, U/N, uns/1000
	if (miss != "") printf "\ndisagreements with the labels:\n%s", miss
}' "$tmp/all"
