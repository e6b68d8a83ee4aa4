package mojibake

import (
	"testing"
	"unicode/utf8"
)

// TestDecodeRune compares decodeRune with utf8.DecodeRuneInString on every
// lead byte followed by every pair of bytes, complete and cut.
func TestDecodeRune(t *testing.T) {
	var b [3]byte
	for c0 := 0x80; c0 < 0x100; c0++ {
		for c1 := 0; c1 < 0x100; c1++ {
			for _, c2 := range []int{0x00, 0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF} {
				b = [3]byte{byte(c0), byte(c1), byte(c2)}
				for n := 1; n <= 3; n++ {
					s := string(b[:n])
					r, size := decodeRune(s, 0)
					wr, wsize := utf8.DecodeRuneInString(s)
					if r != wr || size != wsize {
						t.Fatalf("decodeRune(% x) = %U, %d; want %U, %d", s, r, size, wr, wsize)
					}
				}
			}
		}
	}
}
