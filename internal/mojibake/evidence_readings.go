// Annotation readings: the "(pinyin)" after a Han character that
// collectEvidence reads, and the readings it has seen.

package mojibake

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/pinyin"
)

// readingCodes caches, per syllable, the GBK codes of the characters that
// have it among their readings. It depends on nothing else, so all
// documents share it.
var readingCodes sync.Map // string → []uint16

// withReading returns the GBK codes of the characters that have syllable
// among their readings, in ascending order.
func withReading(g *gbkTable, syl string) []uint16 {
	if cs, ok := readingCodes.Load(syl); ok {
		return cs.([]uint16)
	}
	var cs []uint16
	ps := pinyin.ParseSyllable(syl) // asked of every GBK character
	for b0 := 0x81; b0 <= 0xFE; b0++ {
		for b1 := 0x40; b1 <= 0xFE; b1++ {
			r := g.decode2(byte(b0), byte(b1))
			if r >= 0x3400 && !g.isPUA(r) && ps.Of(r) {
				cs = append(cs, uint16(b0<<8|b1))
			}
		}
	}
	readingCodes.Store(syl, cs)
	return cs
}

// parenAfter judges the "(" at text[i], after r, the rune that ends there
// (i > 0), as collectEvidence does: when a pinyin syllable and ")" follow
// (readPinyinClose) and r is Han, the "(" starts a reading of r (in
// parens), and parenAfter returns the syllable and the offset after the
// ")"; otherwise it returns an end of -1. The reading is one of r's when
// pinyin.HasReading says so.
func parenAfter(text string, i int, r rune) (string, int) {
	syl, end := readPinyinClose(text, i+1)
	if end < 0 || lm.Class(r) != lm.Han {
		return "", -1
	}
	return syl, end
}

// runeBefore returns the rune that ends at text[i], i > 0, as
// utf8.DecodeLastRuneInString reads it: the character before a reading is
// Han, three bytes, nearly always, which decode3Before decodes faster (a
// valid sequence ending at i is the last rune whole).
func runeBefore(text string, i int) rune {
	if r, ok := decode3Before(text, i); ok {
		return r
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return r
}

// decode3Before decodes the valid three-byte sequence that ends before
// text[i], reporting false when text[:i] does not end with one. It reads
// the sequence with text[i] in one load.
func decode3Before(text string, i int) (rune, bool) {
	if i < 3 || i >= len(text) {
		return 0, false
	}
	w := uint32(text[i-3]) | uint32(text[i-2])<<8 | uint32(text[i-1])<<16 | uint32(text[i])<<24
	if w&0xC0C0F0 != 0x8080E0 {
		return 0, false
	}
	// 1110xxxx 10xxxxxx 10xxxxxx, valid unless overlong or a surrogate.
	r := rune(w&0x0F<<12 | w>>2&0xFC0 | w>>16&0x3F)
	return r, r >= 0x800 && (r < 0xD800 || r > 0xDFFF)
}

// seenSlot returns the entry of collectEvidence's cache for the key w:
// the low 8 bits of the character, which its last two bytes hold.
func seenSlot(w uint32) uint8 {
	return uint8(w>>16&0x3F | w>>2&0xC0)
}

// seenReading is an entry of collectEvidence's cache of the readings it
// has recorded: syl is the reading of the character of three bytes whose
// UTF-8, read with the "(" after it as the bytes of w from the low end,
// is w; w is 0 in an empty entry.
type seenReading struct {
	w   uint32
	syl string
	// next is syl and the ")" after it read as the bytes of a uint64
	// from the low end, and mask the bits they take: follows compares
	// them with one load. mask is 0 when they take more than 8 bytes.
	next, mask uint64
}

// newSeenReading returns the entry of the character of key w with the
// reading syl.
func newSeenReading(w uint32, syl string) seenReading {
	c := seenReading{w: w, syl: syl}
	if n := len(syl) + 1; n <= 8 {
		for k := range len(syl) {
			c.next |= uint64(syl[k]) << (8 * k)
		}
		c.next |= uint64(')') << (8 * len(syl))
		c.mask = ^uint64(0) >> (64 - 8*n)
	}
	return c
}

// follows reports whether text[j:], j > 0, starts with the entry's
// reading and ")".
func (c *seenReading) follows(text string, j int) bool {
	if c.mask != 0 && j > 0 && j < len(text)-7 {
		x := uint64(text[j]) | uint64(text[j+1])<<8 | uint64(text[j+2])<<16 | uint64(text[j+3])<<24 |
			uint64(text[j+4])<<32 | uint64(text[j+5])<<40 | uint64(text[j+6])<<48 | uint64(text[j+7])<<56
		return x&c.mask == c.next
	}
	e := j + len(c.syl)
	return e < len(text) && text[e] == ')' && text[j:e] == c.syl
}

// addParen lists the reading text[i:end] in parens, which it makes room
// for once, for every "(" from i on.
func (e *evidence) addParen(text string, i, end int) {
	if e.parens == nil {
		e.parens = parenPool.get(strings.Count(text[i:], "("))[:0]
	}
	e.parens = append(e.parens, window{i, end})
}

func (e *evidence) annotated(r rune) bool {
	if e == nil || e.annBits == nil || r >= 0x10000 || r < 0 {
		return false
	}
	return e.annBits[r>>6]&(1<<(r&63)) != 0
}

// annotBaseCost is what the character a run's reading names costs when
// it is no Traditional-only character.
const annotBaseCost = 4.0

// reading returns the reading the document gives r, or "".
func (e *evidence) reading(r rune) string {
	if e == nil {
		return ""
	}
	return e.readings[r]
}
