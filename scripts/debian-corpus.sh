#!/bin/sh
# debian-corpus.sh — clean Chinese prose from Debian documentation packages.
#
# Installs the packages (manual pages, the Debian Reference, the New
# Maintainers' Guide, the Debian FAQ, Debian Edu, GIMP, LibreOffice,
# LilyPond, LinuxCNC and KiCad documentation, GNOME help, the installation
# guide, Chinese fortunes; Simplified and Traditional), extracts the prose
# from groff, gettext catalogues and HTML, and writes each distinct line
# once to WORKDIR/man.txt, plain.txt, mo.txt and html.txt (about 21 MB).
# scripts/noharm.sh checks the mojibake stage on it; tools/genpunct learns
# the punctuation statistics of package lm from it.
#
# Usage: scripts/debian-corpus.sh [WORKDIR]   (run as root to install the
#        packages; set NOHARM_SKIP_INSTALL=1 when they are installed already)
set -eu
work=${1:-/tmp/hanfix-noharm}
mkdir -p "$work"

pkgs="manpages-zh debian-reference-zh-cn debian-reference-zh-tw maint-guide-zh-cn maint-guide-zh-tw debian-faq-zh-cn debian-edu-doc-zh-cn debian-edu-doc-legacy-zh-cn gimp-help-zh-cn libreoffice-help-zh-cn libreoffice-help-zh-tw lilypond-doc-html-zh fortunes-zh linuxcnc-doc-zh-cn kicad-doc-zh gnome-user-docs installation-guide-amd64"
if [ "${NOHARM_SKIP_INSTALL:-}" != 1 ]; then
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $pkgs >/dev/null
fi

python3 "$(dirname "$0")/corpus_extract.py" "$work"

# The package versions the text came from, for the provenance of what is
# learned from it.
dpkg-query -W -f '${Package} ${Version}\n' $pkgs | sort > "$work/packages.txt"
