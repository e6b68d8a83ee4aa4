package charset

import (
	"encoding/binary"
	"unicode/utf8"
)

// scanUTF8 reads b once for the two questions Detect asks of every input
// first: whether b has binary controls (hasBinaryControls), and whether it
// is valid UTF-8 (utf8.Valid). valid is only meaningful when controls is
// false: at the first binary control the answer is known, and b is not
// read further.
//
// Chinese text is mostly three-byte characters between ASCII and, in
// pinyin readings, two-byte letters: each byte is dispatched once by its
// value; a three-byte character with a lead byte other than E0 and ED
// (which cannot be overlong or a surrogate) and a two-byte one are
// checked inline, any other sequence by utf8.DecodeRune. ASCII is passed
// over eight bytes at a time where none is above 0x7F or below 0x20.
// After the first invalid sequence the rest of b is checked for controls
// only.
func scanUTF8(b []byte) (valid, controls bool) {
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < utf8.RuneSelf:
			if isBinaryControl(c) {
				return false, true
			}
			i++
			for i+8 <= len(b) {
				x := binary.LittleEndian.Uint64(b[i:])
				if x&0x8080808080808080 != 0 || (x-0x2020202020202020)&^x&0x8080808080808080 != 0 {
					break
				}
				i += 8
			}
			continue
		// i < len(b)-2 rather than i+2 < len(b) (and likewise below): the
		// compiler then drops the bounds checks of the bytes after i.
		case c >= 0xE1 && c != 0xED && c <= 0xEF && i < len(b)-2:
			if (b[i+1]^0x80)|(b[i+2]^0x80) < 0x40 {
				// A run of such characters, most of a Chinese text, in a
				// loop of its own, without the dispatch on c: each
				// character is one four-byte load, 1110xxxx 10xxxxxx
				// 10xxxxxx with a lead byte other than E0 and ED (the
				// last character of b takes the dispatch above).
				for i += 3; i < len(b)-3; i += 3 {
					w := binary.LittleEndian.Uint32(b[i:])
					if w&0xC0C0F0 != 0x8080E0 || byte(w) == 0xE0 || byte(w) == 0xED {
						break
					}
				}
				continue
			}
		case c >= 0xC2 && c <= 0xDF && i < len(b)-1:
			if b[i+1]^0x80 < 0x40 {
				i += 2
				continue
			}
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return false, hasBinaryControls(b[i:])
		}
		i += size
	}
	return true, false
}

// validPrefix reports whether b, which has no binary controls, is valid
// UTF-8.
func validPrefix(b []byte) bool {
	valid, _ := scanUTF8(b)
	return valid
}
