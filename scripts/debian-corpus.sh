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

python3 - "$work" <<'PY'
import glob, gzip, html.parser, os, re, sys

work = sys.argv[1]
han = re.compile(r'[\u3400-\u9fff]')

def keep(lines):
    out = []
    for l in lines:
        l = re.sub(r'[ \t\r\f\v]+', ' ', l).strip()
        if len(l) >= 2:
            out.append(l)
    return out

def mo(path):
    import gettext
    try:
        with open(path, 'rb') as f:
            t = gettext.GNUTranslations(f)
    except Exception:
        return None
    out = []
    for k, v in t._catalog.items():
        out.extend(str(v).split('\n'))
    return out

def groff(text):
    out = []
    for l in text.split('\n'):
        if l.startswith(('.\\"', "'\\\"")):
            continue
        m = re.match(r'^[.\'](B|I|BI|BR|IB|IR|RB|RI|SH|SS|TP|IP|SM|SB)\s+(.*)$', l)
        if m:
            l = m.group(2).replace('"', '')
        elif l.startswith(('.', "'")):
            continue
        l = re.sub(r'\\f(\[[^\]]*\]|\(..|.)', '', l)
        l = re.sub(r'\\s[+-]?\d', '', l)
        l = re.sub(r'\\\((..)', '', l)
        l = l.replace('\\-', '-').replace('\\&', '').replace('\\e', '\\').replace('\\ ', ' ').replace('\\c', '')
        out.append(l)
    return out

class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0
    def handle_starttag(self, tag, attrs):
        if tag in ('script', 'style'):
            self.skip += 1
        if tag in ('p', 'br', 'div', 'li', 'tr', 'h1', 'h2', 'h3', 'h4', 'pre', 'dt', 'dd', 'title', 'td', 'th'):
            self.parts.append('\n')
    def handle_endtag(self, tag):
        if tag in ('script', 'style') and self.skip:
            self.skip -= 1
        if tag in ('p', 'div', 'li', 'tr', 'pre', 'dt', 'dd', 'td'):
            self.parts.append('\n')
    def handle_data(self, d):
        if not self.skip:
            self.parts.append(d)

def htmltext(raw):
    p = Text()
    p.feed(raw)
    return ''.join(p.parts).split('\n')

def read(path):
    data = open(path, 'rb').read()
    if path.endswith('.gz'):
        data = gzip.decompress(data)
    try:
        return data.decode('utf-8')
    except UnicodeDecodeError:
        return None

groups = {
    'man': glob.glob('/usr/share/man/zh_*/**/*.gz', recursive=True),
    'plain': glob.glob('/usr/share/games/fortunes/*.u8') + glob.glob('/usr/share/doc/debian/FAQ/debian-faq.zh-cn.txt.gz')
             + glob.glob('/usr/share/doc/installation-guide-amd64/zh_*/*.txt.gz'),
    'mo': glob.glob('/usr/share/locale/zh_*/LC_MESSAGES/*.mo'),
    'html': [f for pat in ('/usr/share/debian-reference/*.zh-*.html', '/usr/share/doc/maint-guide-zh-*/**/*.html',
                           '/usr/share/doc/debian/FAQ/zh-cn/*.html', '/usr/share/doc/debian-edu-doc-*zh-cn/*.html',
                           '/usr/share/gimp/2.0/help/zh_CN/**/*.html', '/usr/share/libreoffice/help/zh-CN/**/*.html',
                           '/usr/share/libreoffice/help/zh-TW/**/*.html', '/usr/share/doc/lilypond/html/**/*.zh.html',
                           '/usr/share/doc/linuxcnc/*zh_CN*.html', '/usr/share/doc/kicad/help/zh/*.html',
                           '/usr/share/help/zh_*/**/*.page')
             for f in glob.glob(pat, recursive=True)],
}
total = totalHan = 0
seen = set()
for name, files in groups.items():
    n = nHan = skipped = 0
    with open(os.path.join(work, name + '.txt'), 'w', encoding='utf-8') as out:
        for f in sorted(files):
            if name == 'mo':
                lines = mo(f)
            else:
                t = read(f)
                lines = None if t is None else groff(t) if name == 'man' else t.split('\n') if name == 'plain' else htmltext(t)
            if lines is None:
                skipped += 1
                continue
            for l in keep(lines):
                if l in seen:
                    continue  # each distinct line once
                seen.add(l)
                out.write(l + '\n')
                b = len(l.encode('utf-8')) + 1
                n += b
                if han.search(l):
                    nHan += b
    print(f'{name}: {len(files)} files ({skipped} unreadable or not UTF-8, skipped), {n/1e6:.1f} MB of distinct lines, {nHan/1e6:.1f} MB of them with Han characters')
    total += n
    totalHan += nHan
print(f'total: {total/1e6:.1f} MB of distinct lines, {totalHan/1e6:.1f} MB with Han characters')
if total < 20e6:
    sys.exit('noharm: less than 20 MB of text')
PY

# The package versions the text came from, for the provenance of what is
# learned from it.
dpkg-query -W -f '${Package} ${Version}\n' $pkgs | sort > "$work/packages.txt"
