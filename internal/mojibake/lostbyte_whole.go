// A lost byte or a lost character: which reader made the U+FFFD.

package mojibake

import (
	"math"

	"github.com/hanfix/hanfix/internal/lm"
)

// wholeCharMaxBytes is how many bytes after a U+FFFD wholeCharLost reads.
const wholeCharMaxBytes = 12

// wholeCharBest is what wholeCharLost lets the character a WHATWG reader
// dropped score: as much as the commonest character.
const wholeCharBest = -3.0

// wholeCharLost reports whether the bytes after the U+FFFD at p of a
// stretch read between GBK and Big5 read clearly better as they are, the
// U+FFFD standing for a whole character, than after the first byte x that
// the search chose for it. A WHATWG reader (browsers, golang.org/x/text)
// drops both bytes of a pair it cannot read when the second is not ASCII,
// and the text after reads in step; Python's reader drops the first byte
// only, and the text after reads in step only with that byte restored.
// The bytes compared run to the next ASCII byte or U+FFFD (at most
// wholeCharMaxBytes; one character at least: asking two of them left 122
// more wrong Han characters in lostbyte-heldout.sh's x/text reading and
// restored 5 more lines of Python's), scored as outOfStep scores a run (stepLP), a
// character cut at the end as the likeliest one that starts so
// (stepLost).
func wholeCharLost(orig codec, bs []byte, p int, x byte, m *lm.Model) bool {
	end := p + 1
	for end < len(bs) && end < p+1+wholeCharMaxBytes && bs[end] >= 0x80 && bs[end] != 0xFF {
		end++
	}
	if end-(p+1) < 2 {
		return false // no character after it to tell by
	}
	lost := stepLostOf(orig)
	// chain scores the characters of the bytes in[i:] read pair by pair,
	// after the character prev; a last lone byte as the likeliest
	// character it starts.
	chain := func(in []byte, prev rune) float64 {
		lp := 0.0
		i := 0
		for ; i+1 < len(in); i += 2 {
			r, size := orig.decode(in[i : i+2])
			if size != 2 || unreadable(r, size) {
				return math.Inf(-1)
			}
			lp += stepLP(m, prev, r)
			prev = r
		}
		if i < len(in) {
			lp += lost.last[in[i]]
		}
		return lp
	}
	var buf [wholeCharMaxBytes + 1]byte
	withByte := append(append(buf[:0], x), bs[p+1:end]...)
	filled := chain(withByte, -1)
	whole := wholeCharBest + chain(bs[p+1:end], -1)
	return whole-filled >= stepMargin
}
