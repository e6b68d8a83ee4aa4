// Small rune helpers: first and last runes, counts and truncation.

package mojibake

import "unicode/utf8"

// lastRune returns the last rune of s ('\n' for none), an ASCII one
// without a call.
func lastRune(s string) rune {
	if s == "" {
		return '\n'
	}
	if c := s[len(s)-1]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// firstRune returns the first rune of s ('\n' for none), an ASCII one
// without a call.
func firstRune(s string) rune {
	if s == "" {
		return '\n'
	}
	if c := s[0]; c < utf8.RuneSelf {
		return rune(c)
	}
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// hasRunes reports whether s has n runes or more, counted as
// utf8.RuneCountInString counts them, but only up to n.
func hasRunes(s string, n int) bool {
	for range s {
		if n--; n <= 0 {
			return true
		}
	}
	return n <= 0
}

// runeCount is utf8.RuneCountInString(s), with ASCII and the valid two-
// and three-byte sequences (Latin-1 and Chinese, most of the repairs and
// of their garbled text) counted inline rather than decoded.
func runeCount(s string) int {
	n := 0
	for i := 0; i < len(s); n++ {
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			i++
		case c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80:
			i += 3 // as utf8x.Decode3 decodes it
		case c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80:
			i += 2 // as utf8x.Decode2 decodes it
		default:
			_, w := utf8.DecodeRuneInString(s[i:])
			i += w
		}
	}
	return n
}

func trunc(s string) string {
	if utf8.RuneCountInString(s) > 40 {
		return string([]rune(s)[:40]) + "…"
	}
	return s
}
