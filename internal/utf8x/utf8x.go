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
// send to utf8.DecodeRuneInString).
func Decode3(s string, i int) (rune, bool) {
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
// with one.
func Decode2(s string, i int) (rune, bool) {
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
