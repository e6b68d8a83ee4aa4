// The characters commonPair asks about, by table, and the first bytes of
// a pair of restored bytes that it lets through.

package mojibake

import (
	"sync"

	"github.com/hanfix/hanfix/internal/lm"
)

// charTable is what commonPair asks of the character that a codec of one
// or two bytes per character reads at two bytes b0 b1, by b0<<8 | b1: the
// bytes it takes (charSize; 0 when b0 starts no character) and whether
// it is common enough to be scored (charCommon: ASCII, or a character of
// the default model whose unigram is at least pairMinUnigram). The codecs
// of GBK and Big5 read a character from at most its two bytes, so the
// table answers for every place but the last byte of a text (where
// decode sees one byte). The pairs of bytes restored together try
// thousands of characters (commonPair); a look-up here costs less than
// decoding each and looking up its unigram, and leads lists the few
// first bytes worth trying before a second one.
type charTable struct {
	v [1 << 16]uint8
	// leads holds, by second byte b1, the bytes b0 of 0x80–0xFE, in
	// increasing order, at which v is charCommon.
	leads [256][]byte
}

const (
	charSize   = 3 // the mask of the size
	charCommon = 4
)

var (
	gbkCharTable  = sync.OnceValue(func() *charTable { return newCharTable(gbkCodec{}) })
	big5CharTable = sync.OnceValue(func() *charTable { return newCharTable(big5Codec{}) })
)

// charTableOf returns the charTable of orig, built on first use; nil for
// a codec with none (UTF-8, windows-1252, and cp950, which is never an
// original codec).
func charTableOf(orig codec) *charTable {
	switch orig.(type) {
	case gbkCodec:
		return gbkCharTable()
	case big5Codec:
		return big5CharTable()
	}
	return nil
}

// newCharTable builds the charTable of orig, which reads at most two
// bytes per character.
func newCharTable(orig codec) *charTable {
	m := lm.Default()
	t := new(charTable)
	var b [2]byte
	for code := range t.v {
		b[0], b[1] = byte(code>>8), byte(code)
		r, size := orig.decode(b[:])
		v := uint8(size)
		if size > 0 && (r < 0x80 || m.Unigram(r) >= pairMinUnigram) {
			v |= charCommon
		}
		t.v[code] = v
	}
	for b0 := 0x80; b0 <= 0xFE; b0++ {
		for b1 := range 256 {
			if t.v[b0<<8|b1]&charCommon != 0 {
				t.leads[b1] = append(t.leads[b1], byte(b0))
			}
		}
	}
	return t
}

// commonFrom is commonPair (from byte i through last = p+1) with the table
// of the original codec (whose
// characters take at most two bytes): whether the characters of bs from
// byte i through the one that holds byte last each decode and are common
// (charCommon).
func (t *charTable) commonFrom(bs []byte, i, last int) bool {
	for i <= last {
		if i+1 >= len(bs) {
			// The last byte of bs, which decode reads alone: a character
			// of one byte, or none.
			v := t.v[int(bs[i])<<8]
			return bs[i] < 0x80 || v&charSize == 1 && v&charCommon != 0
		}
		v := t.v[int(bs[i])<<8|int(bs[i+1])]
		if v&charCommon == 0 {
			return false
		}
		i += int(v & charSize)
	}
	return true
}

// pairLeads enumerates the first bytes of a pair of restored bytes at p
// and p+1 that commonPair lets through, without trying each byte the
// reader fails on: only those that make a common character where they
// stand. The characters from ws, the start of the window, up to the one
// that holds p are known (checked once); what follows depends on where
// the pair falls:
//
//   - the pair is one character (x0, x1), or x0 is a character of one
//     byte (GBK's €) and x1 starts the next: x0 is one of leads[x1];
//   - x0 ends a character that starts at p-1, and x1 starts the next:
//     x0 is one of the bytes that end a common character after bs[p-1]
//     (after), the same for every x1, and the character at p+1 must be
//     common.
type pairLeads struct {
	t     *charTable
	bs    []byte
	p     int
	ok    bool // the characters before the one that holds p are common
	split bool // x0 ends the character at p-1
	// With split, the bytes x0 that make (bs[p-1], x0) common are
	// after[:nAfter] (an array, not a slice of memory of the search's,
	// which would move that memory to the heap).
	after  [0x7F]byte
	nAfter int
}

// reset readies l for the pair at p and p+1 of bs, in the window from ws.
func (l *pairLeads) reset(t *charTable, bs []byte, ws, p int) {
	*l = pairLeads{t: t, bs: bs, p: p, ok: true}
	i := ws
	for i+1 < p {
		v := t.v[int(bs[i])<<8|int(bs[i+1])]
		if v&charCommon == 0 {
			l.ok = false
			return
		}
		i += int(v & charSize)
	}
	if i == p-1 {
		b := int(bs[p-1])
		if v := t.v[b<<8|0x80]; v&charSize == 1 {
			// A character of one byte, whatever follows: the pair
			// starts the next one.
			l.ok = v&charCommon != 0
			return
		}
		l.split = true
		for x0 := 0x80; x0 <= 0xFE; x0++ {
			if t.v[b<<8|x0]&charCommon != 0 {
				l.after[l.nAfter] = byte(x0)
				l.nAfter++
			}
		}
	}
}

// appendLeads appends to dst the bytes x0 that commonPair lets through
// before x1 = bs[p+1], in increasing order, among those the reader fails
// on before next (fails; next is x1 where the reader saw it) and within
// [lo, hi].
func (l *pairLeads) appendLeads(dst []byte, next int, fails *failTable, lo, hi int) []byte {
	if !l.ok {
		return dst
	}
	x1 := l.bs[l.p+1]
	// Whether the character that x1 starts is common, asked only when
	// a character ends at p.
	nextOK := func() bool { return l.t.commonFrom(l.bs, l.p+1, l.p+1) }
	xs := l.after[:l.nAfter]
	if l.split {
		if !nextOK() {
			return dst
		}
	} else {
		xs = l.t.leads[x1]
	}
	checked, okNext := false, false
	for _, x0 := range xs {
		if int(x0) > hi {
			break
		}
		if int(x0) < lo || !fails.failsBefore(x0, next) {
			continue
		}
		if !l.split && l.t.v[int(x0)<<8|int(x1)]&charSize == 1 {
			// x0 is a character of its own: x1 starts the next one.
			if !checked {
				checked, okNext = true, nextOK()
			}
			if !okNext {
				continue
			}
		}
		dst = append(dst, x0)
	}
	return dst
}
