package charset

import "encoding/binary"

// utf32Shape reports whether b, without a byte order mark, has the shape
// of UTF-32 text: whole four-byte units (an incomplete last one aside),
// at least two of them, each a Unicode scalar value (at most U+10FFFF, no
// surrogate) that is no NUL or other binary control character. It returns
// the encoding, little- or big-endian, and the number of units, or 0.
//
// No other encoding Detect knows writes that: ASCII-compatible text has
// no NUL bytes, and UTF-16's units, read in pairs, are above U+10FFFF
// ("a\x00b\x00" is U+620061) unless every other one is NUL. A file of
// 32-bit numbers below 0x110000 could pass, but its values under 0x20,
// which such files are full of, are binary controls.
func utf32Shape(b []byte) (string, int) {
	n := len(b) / 4
	if n < 2 {
		return "", 0
	}
	for _, enc := range [...]string{encUTF32LE, encUTF32BE} {
		ok := true
		for i := 0; i < n && ok; i++ {
			var u uint32
			if enc == encUTF32LE {
				u = binary.LittleEndian.Uint32(b[4*i:])
			} else {
				u = binary.BigEndian.Uint32(b[4*i:])
			}
			ok = u <= 0x10FFFF && (u < 0xD800 || u > 0xDFFF) && (u >= 0x20 || !isBinaryControl(byte(u)))
		}
		if ok {
			return enc, n
		}
	}
	return "", 0
}
