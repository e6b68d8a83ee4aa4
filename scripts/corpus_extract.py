"""Extract clean prose from installed Debian documentation.

corpus_extract.py WORKDIR
    Chinese: writes man.txt, plain.txt, mo.txt and html.txt to WORKDIR from
    the packages scripts/debian-corpus.sh installs (each distinct line once).
corpus_extract.py --other WORKDIR LANG...
    Other languages: writes LANG.txt to WORKDIR from the manual pages and
    gettext catalogues installed for LANG (/usr/share/man/LANG,
    /usr/share/locale/LANG/LC_MESSAGES), for scripts/noharm-other.sh.
"""
import glob, gzip, html.parser, os, re, sys

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


def chinese(work):
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


def other(work, langs):
    for lang in langs:
        lines = []
        for f in sorted(glob.glob(f'/usr/share/man/{lang}/**/*.gz', recursive=True)):
            t = read(f)
            if t is not None:
                lines += groff(t)
        for f in sorted(glob.glob(f'/usr/share/locale/{lang}/LC_MESSAGES/*.mo')):
            lines += mo(f) or []
        seen, n = set(), 0
        with open(os.path.join(work, lang + '.txt'), 'w', encoding='utf-8') as out:
            for l in keep(lines):
                if l not in seen:
                    seen.add(l)
                    out.write(l + '\n')
                    n += len(l.encode('utf-8')) + 1
        print(f'{lang}: {n/1e6:.1f} MB of distinct lines')


if __name__ == '__main__':
    if len(sys.argv) > 2 and sys.argv[1] == '--other':
        other(sys.argv[2], sys.argv[3:])
    else:
        chinese(sys.argv[1])
