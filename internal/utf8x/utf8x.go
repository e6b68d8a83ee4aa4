// Package utf8x decodes UTF-8 with an inlinable fast path for the
// three-byte sequences that make up Chinese text (U+0800–U+FFFF, which
// holds the CJK blocks). The whole-text loops of detect and mojibake call
// it per character, where utf8.DecodeRuneInString's function call and
// generic checks cost a measurable share.
package utf8x

import "unicode/utf8"

// Decode3 decodes the valid three-byte sequence at s[i], reporting false
// when s[i:] does not start with one (other lengths, invalid or truncated
// sequences, surrogates and the overlong-prone E0 lead byte, which callers
// send to utf8.DecodeRuneInString). s is a string or a byte slice.
func Decode3[T string | []byte](s T, i int) (rune, bool) {
	// i >= len(s)-2 rather than i+2 >= len(s): the compiler then drops
	// the bounds checks of s[i+1] and s[i+2].
	if i >= len(s)-2 {
		return 0, false
	}
	c, c1, c2 := s[i], s[i+1], s[i+2]
	if c < 0xE1 || c == 0xED || c > 0xEF || c1&0xC0 != 0x80 || c2&0xC0 != 0x80 {
		return 0, false
	}
	return rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), true
}

// Decode2 decodes the valid two-byte sequence at s[i] (U+0080–U+07FF:
// Latin-1 and the rest of the European scripts, what UTF-8 read as
// windows-1252 turns into), reporting false when s[i:] does not start
// with one. s is a string or a byte slice.
func Decode2[T string | []byte](s T, i int) (rune, bool) {
	if i >= len(s)-1 { // see Decode3
		return 0, false
	}
	c, c1 := s[i], s[i+1]
	if c < 0xC2 || c > 0xDF || c1&0xC0 != 0x80 {
		return 0, false
	}
	return rune(c&0x1F)<<6 | rune(c1&0x3F), true
}

// DecodeRune is utf8.DecodeRuneInString(s[i:]) with the fast paths of
// Decode3 and Decode2.
func DecodeRune(s string, i int) (rune, int) {
	if r, ok := Decode3(s, i); ok {
		return r, 3
	}
	if r, ok := Decode2(s, i); ok {
		return r, 2
	}
	return utf8.DecodeRuneInString(s[i:])
}

// SeqLen returns the length of the UTF-8 sequence that the lead byte c
// starts by its form alone: 2, 3 or 4 for 110xxxxx, 1110xxxx, 11110xxx
// and higher, 1 for any other byte (ASCII, continuation). It does not
// validate: callers use it on text they know to be valid, or to bound a
// look at bytes still to be checked.
func SeqLen(c byte) int {
	switch {
	case c >= 0xF0:
		return 4
	case c >= 0xE0:
		return 3
	case c >= 0xC0:
		return 2
	}
	return 1
}

// ValidString is utf8.ValidString for text that is mostly Chinese: ASCII
// (four bytes at a time where it can), and the two- and three-byte
// sequences whose lead byte alone makes them valid with any continuation
// bytes, one load each; the rest rune by rune as
// utf8.DecodeRuneInString decodes it.
func ValidString(s string) bool { return valid(s, utf8.DecodeRuneInString) }

// Valid is ValidString for a byte slice (utf8.Valid).
func Valid(b []byte) bool { return valid(b, utf8.DecodeRune) }

// valid reports whether s is valid UTF-8, decoding with decode the runes
// that the fast paths do not take: a text is valid exactly when none of
// its runes decodes to utf8.RuneError with length 1.
func valid[T string | []byte](s T, decode func(T) (rune, int)) bool {
	for i := 0; i < len(s); {
		if i < len(s)-3 {
			// The next four bytes in one load (the last three bytes of s
			// take the rune-by-rune path).
			w := uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
			switch {
			case w&0x80808080 == 0:
				i += 4
				continue
			case w&0x80 == 0:
				i++
				continue
			case w&0xC0C0F0 == 0x8080E0 && byte(w) != 0xE0 && byte(w) != 0xED:
				// 1110xxxx 10xxxxxx 10xxxxxx with a lead byte that takes
				// any continuation bytes: E0 (overlongs) and ED
				// (surrogates) do not. A run of them, most of a Chinese
				// text, goes on in a loop of its own, without the tests
				// for ASCII.
				for i += 3; i < len(s)-3; i += 3 {
					w := uint32(s[i]) | uint32(s[i+1])<<8 | uint32(s[i+2])<<16 | uint32(s[i+3])<<24
					if w&0xC0C0F0 != 0x8080E0 || byte(w) == 0xE0 || byte(w) == 0xED {
						break
					}
				}
				continue
			case w&0xC0E0 == 0x80C0 && byte(w) >= 0xC2:
				// 110xxxxx 10xxxxxx, not overlong (C0, C1).
				i += 2
				continue
			}
		}
		r, n := decode(s[i:])
		if r == utf8.RuneError && n == 1 {
			return false
		}
		i += n
	}
	return true
}

// Index3Size is the size of a table indexed by Index3: 256 Ki entries.
const Index3Size = 1 << 18

// Index3 returns an index below Index3Size for the three-byte UTF-8
// sequence 1110xxxx 10xxxxxx 10xxxxxx in the low 24 bits of the
// little-endian word w (the bytes s[i], s[i+1], s[i+2] as loaded
// together, whatever the high byte): the low four bits of the lead byte
// above the low six bits of the third and second bytes, each still in its
// own byte. It takes five operations where decoding the character takes
// eight, so that the loops over runs of Han characters index their
// tables with it, and any such w indexes an array of Index3Size entries
// without a bounds check. Distinct characters of U+0800–U+FFFF have
// distinct indexes (Word3 makes the word of one).
func Index3(w uint32) uint32 {
	return w&0x0F<<14 | w>>8&0x3F3F
}

// Word3 returns the UTF-8 of r, a character of U+0800–U+FFFF, as a
// little-endian word: its three bytes in the low 24 bits.
func Word3(r rune) uint32 {
	return uint32(0xE0|r>>12) | uint32(0x80|r>>6&0x3F)<<8 | uint32(0x80|r&0x3F)<<16
}

// MaximalSubpart returns the length of the longest prefix of b (which starts
// with an invalid sequence) that could begin a valid UTF-8 sequence, at least
// 1, and whether b starts with a lead byte: the bytes that a UTF-8 decoder
// following WHATWG (and Unicode's "maximal subpart" practice) replaces
// with one U+FFFD.
func MaximalSubpart(b []byte) (int, bool) {
	lo, hi := byte(0x80), byte(0xBF)
	need := 0
	switch c := b[0]; {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c == 0xED:
		need, hi = 2, 0x9F
	case c >= 0xE1 && c <= 0xEF:
		need = 2
	case c == 0xF0:
		need, lo = 3, 0x90
	case c == 0xF4:
		need, hi = 3, 0x8F
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	default:
		return 1, false
	}
	n := 1
	for k := 1; k <= need && k < len(b); k++ {
		x := b[k]
		if k == 1 && (x < lo || x > hi) || x < 0x80 || x > 0xBF {
			break
		}
		n++
	}
	return n, true
}
