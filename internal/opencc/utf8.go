package opencc

import "unicode/utf8"

// decodeRune decodes the rune at s[i:], i < len(s), with a fast path for the
// three-byte sequences of CJK text. An invalid byte decodes as
// (utf8.RuneError, 1).
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	if c < 0x80 {
		return rune(c), 1
	}
	if c&0xF0 == 0xE0 && i < len(s)-2 {
		c1, c2 := s[i+1], s[i+2]
		if c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
			r := rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F)
			if r >= 0x800 && (r < 0xD800 || r > 0xDFFF) {
				return r, 3
			}
		}
		return utf8.RuneError, 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// Ideographic description sequences (U+2FF0..U+2FFF followed by their
// operands) describe one character; OpenCC copies an unmatched one whole so
// that no conversion happens inside it. These limits are OpenCC's.
const (
	maxIDSDepth      = 16
	maxIDSCodePoints = 64
)

// idsArity returns the number of operands of an ideographic description
// character, or 0.
func idsArity(r rune) int {
	switch {
	case r == 0x2FF2 || r == 0x2FF3:
		return 3
	case r == 0x2FFE || r == 0x2FFF:
		return 1
	case r >= 0x2FF0 && r <= 0x2FFD:
		return 2
	}
	return 0
}

// unmatchedLen returns how many bytes to copy at s[i:] when no dictionary
// key matches there: the character (r, n), or the whole ideographic
// description sequence it starts.
func unmatchedLen(s string, i int, r rune, n int) int {
	if idsArity(r) == 0 {
		return n
	}
	codePoints := 0
	if l, ok := consumeIDS(s[i:], maxIDSDepth, &codePoints); ok {
		return l
	}
	return n
}

// consumeIDS returns the length of the complete ideographic description
// sequence at the start of s.
func consumeIDS(s string, depth int, codePoints *int) (int, bool) {
	if len(s) == 0 || depth == 0 || *codePoints >= maxIDSCodePoints {
		return 0, false
	}
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError && n <= 1 {
		return 0, false
	}
	*codePoints++
	arity := idsArity(r)
	off := n
	for k := 0; k < arity; k++ {
		if off >= len(s) {
			return 0, false
		}
		l, ok := consumeIDS(s[off:], depth-1, codePoints)
		if !ok {
			return 0, false
		}
		off += l
	}
	return off, true
}

// isIDSOperator reports whether s[i:] starts with U+2FF0..U+2FFF.
func isIDSOperator(s string, i int) bool {
	return i < len(s)-2 && s[i] == 0xE2 && s[i+1] == 0xBF && s[i+2] >= 0xB0
}
