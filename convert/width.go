package convert

import "unicode/utf8"

// FullwidthASCIISegments calls fn for every run of full-width ASCII letters
// and digits (Ａ–Ｚ, ａ–ｚ, ０–９) in s, with its byte span and its ASCII form.
// Full-width punctuation and the ideographic space are left alone: they are
// correct in Chinese text.
func FullwidthASCIISegments(s string, fn func(start, end int, repl string)) {
	for i := 0; i < len(s); {
		if !isFullwidthAlnumAt(s, i) {
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size
			continue
		}
		start := i
		var buf []byte
		for i < len(s) && isFullwidthAlnumAt(s, i) {
			r, size := utf8.DecodeRuneInString(s[i:])
			buf = append(buf, byte(r-0xFF00+0x20))
			i += size
		}
		fn(start, i, string(buf))
	}
}

// FullwidthASCII returns s with full-width ASCII letters and digits turned
// into ASCII.
func FullwidthASCII(s string) string {
	return spliceSegments(s, FullwidthASCIISegments)
}

// isFullwidthAlnumAt reports whether s[i:] starts with a full-width ASCII
// letter or digit (U+FF10–FF19, U+FF21–FF3A, U+FF41–FF5A), all encoded as
// EF BC 90–99, EF BC A1–BA, EF BD 81–9A.
func isFullwidthAlnumAt(s string, i int) bool {
	if i+2 >= len(s) || s[i] != 0xEF {
		return false
	}
	b1, b2 := s[i+1], s[i+2]
	switch b1 {
	case 0xBC:
		return (b2 >= 0x90 && b2 <= 0x99) || (b2 >= 0xA1 && b2 <= 0xBA)
	case 0xBD:
		return b2 >= 0x81 && b2 <= 0x9A
	}
	return false
}

// spliceSegments returns s with the segments that segs reports replaced.
func spliceSegments(s string, segs func(string, func(int, int, string))) string {
	var out []byte
	last := 0
	segs(s, func(start, end int, repl string) {
		if out == nil {
			out = make([]byte, 0, len(s))
		}
		out = append(out, s[last:start]...)
		out = append(out, repl...)
		last = end
	})
	if out == nil {
		return s
	}
	return string(append(out, s[last:]...))
}
