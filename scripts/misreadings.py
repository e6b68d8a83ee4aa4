"""The misreadings of the held-out scripts: text encoded with one codec
and read with another by a reader that fails one byte at a time (Python's
codecs with errors="replace", "ignore", ...).

lostbyte-heldout.sh and lostbyte-othergenre.sh import it (sys.path holds
the scripts directory).
"""

import difflib
import json

# READINGS names each misreading: (the text's codec, the reader's).
READINGS = {
    'utf8-as-gb18030': ('utf-8', 'gb18030'),
    'utf8-as-gbk': ('utf-8', 'gbk'),
    'big5-as-gb2312': ('big5', 'gb2312'),
    'gbk-as-big5hkscs': ('gbk', 'big5hkscs'),
    'gbk-as-big5': ('gbk', 'big5'),
    'utf8-as-cp1252': ('utf-8', 'cp1252'),
}


def garble(s, orig, wrong, errors='replace'):
    """s encoded with orig and read with wrong; s itself when orig cannot
    encode it."""
    try:
        return s.encode(orig).decode(wrong, errors=errors)
    except UnicodeEncodeError:
        return s


def write_jsonl(path, texts):
    """Writes texts to path as JSON Lines, {"id": i, "text": ...}."""
    with open(path, 'w') as f:
        for i, s in enumerate(texts):
            f.write(json.dumps({'id': i, 'text': s}, ensure_ascii=False) + '\n')


def write_readings(out, texts):
    """Writes out/orig.jsonl and, for each of READINGS, out/NAME.jsonl."""
    write_jsonl(f'{out}/orig.jsonl', texts)
    for name, (orig, wrong) in READINGS.items():
        write_jsonl(f'{out}/{name}.jsonl', [garble(s, orig, wrong) for s in texts])


def read_texts(path):
    """The texts of the JSON Lines file at path."""
    return [json.loads(l)['text'] for l in open(path)]


def report_lost(d, k):
    """The report line of reading k in the work directory d: over the
    lines whose garbled text (d/k.jsonl) holds a U+FFFD, those that the
    output (d/k.out) restores exactly, those still holding one, and those
    changed into anything else (wrong); the CJK characters the repair put
    in that are in neither the garbled line nor the original at that place
    (a line still holding a U+FFFD may hold some too); and the lines that
    cleaning the output again (d/k.out2) changes."""
    orig, garbled = read_texts(f'{d}/orig.jsonl'), read_texts(f'{d}/{k}.jsonl')
    out, out2 = read_texts(f'{d}/{k}.out'), read_texts(f'{d}/{k}.out2')
    n = exact = kept = wrong = chars = clines = 0
    for o, g, r in zip(orig, garbled, out):
        if '\ufffd' not in g:
            continue
        n += 1
        if r == o:
            exact += 1
            continue
        if '\ufffd' in r:
            kept += 1
        else:
            wrong += 1
        w = 0
        for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, o, r, autojunk=False).get_opcodes():
            if op in ('replace', 'insert'):
                w += sum(1 for c in r[b1:b2] if c != '\ufffd' and ('\u3000' <= c <= '\u9fff' or '\uff00' <= c <= '\uffef') and c not in g)
        chars += w
        clines += w > 0
    twice = sum(a != b for a, b in zip(out, out2))
    return (f'{k}: {n} lines with U+FFFD: restored exactly {exact}, still with U+FFFD {kept}, wrong {wrong}; '
            f'wrong characters put in {chars} (in {clines} lines); cleaned twice: {twice} lines change')
