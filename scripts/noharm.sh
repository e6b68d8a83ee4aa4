#!/bin/sh
# noharm.sh — do-no-harm check of the mojibake stage on clean Chinese prose.
#
# Builds at least 20 MB of clean Chinese text from Debian documentation
# packages (manual pages, the Debian Reference, the New Maintainers' Guide,
# the Debian FAQ, Debian Edu, GIMP, LibreOffice, LilyPond, LinuxCNC and
# KiCad documentation, Chinese fortunes; Simplified and Traditional),
# extracts the prose from groff and HTML, and runs the mojibake stage on
# every line (internal/mojibake/cmd/noharm). It lists and counts the lines
# the stage would change, which must be 0 on clean text, and exits non-zero
# otherwise. (Debian's own files are not all clean: the Chinese iptables(8)
# page carries GBK misalignment mojibake with further lost bytes inside the
# runs, and a LibreOffice help page has a line of Big5 garbage; the stage
# reports both as findings and changes neither.)
#
# Usage: scripts/noharm.sh [WORKDIR]   (run as root to install packages;
#        set NOHARM_SKIP_INSTALL=1 when they are installed already)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/hanfix-noharm}
mkdir -p "$work"

sh "$here/scripts/debian-corpus.sh" "$work"

cd "$here"
go run ./internal/mojibake/cmd/noharm -v "$work/man.txt" "$work/plain.txt" "$work/mo.txt" "$work/html.txt"
