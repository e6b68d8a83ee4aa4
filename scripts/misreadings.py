"""The misreadings of the held-out scripts: text encoded with one codec
and read with another by a reader that fails one byte at a time (Python's
codecs with errors="replace", "ignore", ...).

lostbyte-heldout.sh and lostbyte-othergenre.sh import it (sys.path holds
the scripts directory).
"""

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
