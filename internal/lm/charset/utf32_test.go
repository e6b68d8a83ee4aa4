package charset

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/encoding/unicode/utf32"
)

func TestUTF32Shape(t *testing.T) {
	enc := func(s string, e utf32.Endianness) []byte {
		b, err := utf32.UTF32(e, utf32.IgnoreBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16le, _ := unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM).NewEncoder().Bytes([]byte("中文 text\n"))
	for _, c := range []struct {
		name string
		in   []byte
		enc  string
		n    int
	}{
		{"le", enc("中文\n", utf32.LittleEndian), encUTF32LE, 3},
		{"be", enc("中文\n", utf32.BigEndian), encUTF32BE, 3},
		{"ascii", enc("ab", utf32.LittleEndian), encUTF32LE, 2},
		{"truncated last unit", append(enc("中文", utf32.LittleEndian), 0x41, 0), encUTF32LE, 2},
		{"one unit", enc("中", utf32.LittleEndian), "", 0},
		{"utf-16", utf16le, "", 0},
		{"32-bit numbers", []byte{1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0}, "", 0},
		{"nul", enc("a\x00b", utf32.LittleEndian), "", 0},
		{"surrogate", []byte{0, 0xd8, 0, 0, 0x41, 0, 0, 0}, "", 0},
		{"gbk", []byte{0xd6, 0xd0, 0xce, 0xc4, 0xd6, 0xd0, 0xce, 0xc4}, "", 0},
	} {
		e, n := utf32Shape(c.in)
		assert.Equal(t, c.enc, e, c.name)
		assert.Equal(t, c.n, n, c.name)
	}
	// Detect: with and without a byte order mark.
	r := Detect(append([]byte{0xff, 0xfe, 0, 0}, enc("中文", utf32.LittleEndian)...))
	assert.Equal(t, encUTF32LE, r.Encoding)
	assert.Equal(t, 4, r.BOMLen)
	r = Detect(enc("中华人民共和国\n", utf32.BigEndian))
	assert.Equal(t, encUTF32BE, r.Encoding)
	assert.Greater(t, r.Confidence, 0.99)
	// UTF-16 is still UTF-16.
	r = Detect(utf16le)
	assert.Equal(t, encUTF16LE, r.Encoding)
}
