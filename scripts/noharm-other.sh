#!/bin/sh
# noharm-other.sh — the mojibake stage on clean text in other languages.
#
# Japanese and Korean share CJK code points with mojibake, and European
# text shares its bytes with UTF-8 read as windows-1252 (French typography
# puts a no-break space before » and :, and é + U+00A0 + » are the bytes
# of 頻). This script extracts the manual pages and gettext catalogues
# installed for each language in LANGS (scripts/corpus_extract.py --other)
# and runs internal/mojibake/cmd/noharm -v on them, listing every line the
# stage would change. Debian's own translations hold some real mojibake
# (Spanish "informaciÃ³n", "operationsâ\u0080\u0094that"): read the list;
# each change must be such a repair.
#
# Usage: scripts/noharm-other.sh [WORKDIR]
# Environment: LANGS (default "ja ko de fr es pt pt_BR it ru uk pl cs tr vi hu sv")
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/hanfix-noharm-other}
langs=${LANGS:-"ja ko de fr es pt pt_BR it ru uk pl cs tr vi hu sv"}
mkdir -p "$work"
python3 "$here/scripts/corpus_extract.py" --other "$work" $langs
cd "$here"
go build -o "$work/noharm" ./internal/mojibake/cmd/noharm
for l in $langs; do
	echo "== $l"
	"$work/noharm" -v "$work/$l.txt" || true # it exits 1 when it changes a line
done
