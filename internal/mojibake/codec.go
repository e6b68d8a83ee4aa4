package mojibake

import (
	"slices"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/hanfix/hanfix/internal/utf8x"
)

// A codec is one of the byte encodings mojibake moves between. Encoding and
// decoding are table-driven and total on what they accept, so that a plan
// replays exactly.
type codec interface {
	// name is the codec's name in plans: utf8, gbk, big5, cp1252.
	name() string
	// appendRune appends the bytes of r, or reports false when r has none.
	appendRune(dst []byte, r rune) ([]byte, bool)
	// decode returns the rune at the start of b and its length, or size 0
	// when b does not start with a complete, valid character.
	decode(b []byte) (rune, int)
}

type utf8Codec struct{}

func (utf8Codec) name() string { return "utf8" }
func (utf8Codec) appendRune(dst []byte, r rune) ([]byte, bool) {
	if r == utf8.RuneError || !utf8.ValidRune(r) {
		return dst, false
	}
	return utf8.AppendRune(dst, r), true
}
func (utf8Codec) decode(b []byte) (rune, int) {
	// Chinese text first: the three-byte sequences of U+1000 and up
	// (surrogates aside) are valid by their form (utf8x.Decode3).
	if r, ok := utf8x.Decode3(b, 0); ok {
		return r, 3
	}
	r, n := utf8.DecodeRune(b)
	if r == utf8.RuneError && n <= 1 {
		return 0, 0
	}
	return r, n
}

type gbkCodec struct{}

func (gbkCodec) name() string { return "gbk" }
func (gbkCodec) appendRune(dst []byte, r rune) ([]byte, bool) {
	b0, b1, n := gbk().encode(r)
	switch n {
	case 1:
		return append(dst, b0), true
	case 2:
		return append(dst, b0, b1), true
	}
	return dst, false
}
func (gbkCodec) decode(b []byte) (rune, int) {
	if len(b) == 0 {
		return 0, 0
	}
	switch c := b[0]; {
	case c < 0x80:
		return rune(c), 1
	case c == 0x80:
		return '€', 1
	case c == 0xFF || len(b) < 2:
		return 0, 0
	}
	if r := gbk().decode2(b[0], b[1]); r != 0 {
		return r, 2
	}
	return 0, 0
}

// big5Table is Big5 as golang.org/x/text decodes it (WHATWG big5, with the
// HKSCS extensions), restricted to pairs that decode to one code point, and
// encodes it as the WHATWG encoder does (big5Prefer).
type big5Table struct {
	dec    [0x8000]rune // code-0x8000 → rune, 0 when the pair is no character (an array: the codec-chain analysis decodes every candidate pair)
	enc    map[rune]uint16
	encBMP [0x10000]uint16 // enc for the BMP, 0 when absent
}

var (
	big5Once sync.Once
	big5Tab  atomic.Pointer[big5Table]
)

// big5 returns the Big5 table, built on first use. Its fast path is small
// enough to be inlined: the codec asks for the table for every rune.
func big5() *big5Table {
	if t := big5Tab.Load(); t != nil {
		return t
	}
	return big5First()
}

// big5First is big5 before the table is built.
func big5First() *big5Table {
	big5Once.Do(func() {
		t := &big5Table{enc: map[rune]uint16{}}
		dec := traditionalchinese.Big5.NewDecoder()
		var buf [16]byte
		for b0 := 0x81; b0 <= 0xFE; b0++ {
			for b1 := 0x40; b1 <= 0xFE; b1++ {
				if b1 > 0x7E && b1 < 0xA1 {
					continue
				}
				dec.Reset()
				n, _, err := dec.Transform(buf[:], []byte{byte(b0), byte(b1)}, true)
				if err != nil || n == 0 {
					continue
				}
				r, size := utf8.DecodeRune(buf[:n])
				if size != n || r == utf8.RuneError {
					continue
				}
				code := uint16(b0<<8 | b1)
				t.dec[code-0x8000] = r
				if old, ok := t.enc[r]; !ok || big5Prefer(r, old, code) {
					t.enc[r] = code
					if r < 0x10000 {
						t.encBMP[r] = code
					}
				}
			}
		}
		big5Tab.Store(t)
	})
	return big5Tab.Load()
}

// big5Prefer reports whether the encoder should write r as code rather
// than old, a code met before it (codes are met in increasing order). It
// follows the WHATWG Big5 encoder: a code of the standard range (lead byte
// A1 or above) over an HKSCS one (whose lead bytes are lower), the first
// standard code, but the last for the six characters that standard Big5
// has twice (U+2550, U+255E, U+2561, U+256A, U+5341, U+5345). Characters
// that only HKSCS has keep their HKSCS code. The decoder reads many
// characters at both (都 at B3 A3 and at 90 6D): written at the HKSCS code,
// GBK bytes read as Big5 came back as rare characters (常, GBK B3 A3, as
// 恗, GBK 90 6D).
func big5Prefer(r rune, old, code uint16) bool {
	const std = 0xA100
	switch {
	case code < std:
		return false
	case old < std:
		return true
	}
	switch r {
	case 0x2550, 0x255E, 0x2561, 0x256A, 0x5341, 0x5345:
		return true
	}
	return false
}

// encodes reports whether r has bytes in Big5 (big5Codec.appendRune
// succeeds).
func (t *big5Table) encodes(r rune) bool {
	switch {
	case r < 0x80:
		return true
	case r < 0x10000:
		return t.encBMP[r] != 0
	}
	_, ok := t.enc[r]
	return ok
}

type big5Codec struct{}

func (big5Codec) name() string { return "big5" }
func (big5Codec) appendRune(dst []byte, r rune) ([]byte, bool) {
	if r < 0x80 {
		return append(dst, byte(r)), true
	}
	t := big5()
	if r >= 0 && r < 0x10000 {
		if c := t.encBMP[r]; c != 0 {
			return append(dst, byte(c>>8), byte(c)), true
		}
		return dst, false
	}
	if c, ok := t.enc[r]; ok {
		return append(dst, byte(c>>8), byte(c)), true
	}
	return dst, false
}
func (big5Codec) decode(b []byte) (rune, int) {
	if len(b) == 0 {
		return 0, 0
	}
	if b[0] < 0x80 {
		return rune(b[0]), 1
	}
	if len(b) < 2 {
		return 0, 0
	}
	if r := big5().dec[(uint16(b[0])<<8|uint16(b[1]))-0x8000]; r != 0 {
		return r, 2
	}
	return 0, 0
}

// cp1252Codec is windows-1252 with the five undefined bytes (0x81, 0x8D,
// 0x8F, 0x90, 0x9D) mapped to the C1 controls of the same value, as
// scrapers and ISO-8859-1 decoders render them. It is therefore a superset
// of ISO-8859-1 except for 0x80–0x9F, which it also accepts as C1 controls.
type cp1252Codec struct{}

var (
	cp1252Once  sync.Once
	cp1252Ready atomic.Bool // the tables are built
	cp1252Dec   [256]rune
	cp1252UTF8  [256]string // the UTF-8 of cp1252Dec
	cp1252Enc   map[rune]byte
	// cp1252Tab is cp1252Enc as a table: byte+1 for runes below
	// cp1252TabLen, 0 when the rune has no byte.
	cp1252Tab [cp1252TabLen]uint16
)

// cp1252TabLen bounds the runes windows-1252 encodes (™ is U+2122).
const cp1252TabLen = 0x2123

func cp1252Tables() {
	if !cp1252Ready.Load() {
		cp1252First()
	}
}

// cp1252First builds the tables, once; cp1252Tables is small enough to be
// inlined without it (the codec asks for the tables for every rune).
func cp1252First() {
	cp1252Once.Do(func() {
		cp1252Enc = map[rune]byte{}
		for b := 0; b < 256; b++ {
			r := charmap.Windows1252.DecodeByte(byte(b))
			if r == utf8.RuneError || (b >= 0x80 && b <= 0x9F && r == rune(b)) {
				r = rune(b)
			}
			cp1252Dec[b] = r
			cp1252UTF8[b] = string(r)
			cp1252Enc[r] = byte(b)
		}
		// C1 controls (ISO-8859-1 reading of 0x80–0x9F) encode to their byte.
		for b := 0x80; b <= 0x9F; b++ {
			if _, ok := cp1252Enc[rune(b)]; !ok {
				cp1252Enc[rune(b)] = byte(b)
			}
		}
		for r, b := range cp1252Enc {
			cp1252Tab[r] = uint16(b) + 1
		}
		cp1252Ready.Store(true)
	})
}

// cp1252Byte returns the windows-1252 byte of r (see cp1252Codec).
func cp1252Byte(r rune) (byte, bool) {
	if r < 0x80 {
		return byte(r), true
	}
	cp1252Tables()
	if r < cp1252TabLen {
		if b := cp1252Tab[r]; b != 0 {
			return byte(b - 1), true
		}
	}
	return 0, false
}

func (cp1252Codec) name() string { return "cp1252" }
func (cp1252Codec) appendRune(dst []byte, r rune) ([]byte, bool) {
	if b, ok := cp1252Byte(r); ok {
		return append(dst, b), true
	}
	return dst, false
}
func (cp1252Codec) decode(b []byte) (rune, int) {
	if len(b) == 0 {
		return 0, 0
	}
	cp1252Tables()
	return cp1252Dec[b[0]], 1
}

var codecs = map[string]codec{
	"utf8": utf8Codec{}, "gbk": gbkCodec{}, "big5": big5Codec{}, "cp1252": cp1252Codec{},
}

// latin1Codec is ISO-8859-1: every byte is the code point of its value.
type latin1Codec struct{}

func (latin1Codec) name() string { return "latin1" }
func (latin1Codec) appendRune(dst []byte, r rune) ([]byte, bool) {
	if r < 0x100 {
		return append(dst, byte(r)), true
	}
	return dst, false
}
func (latin1Codec) decode(b []byte) (rune, int) {
	if len(b) == 0 {
		return 0, 0
	}
	return rune(b[0]), 1
}

func init() {
	codecs["latin1"] = latin1Codec{}
	codecs["cp950"] = cp950Codec{}
}

// wrongCodecNamed is codecNamed for a wrong codec, the one a misreading
// read the original bytes with and a repair encodes the garbled text
// with: for Big5 it is big5WrongCodec.
func wrongCodecNamed(name string) codec {
	if name == "big5" {
		return big5WrongCodec{}
	}
	return codecNamed(name)
}

// big5WrongCodec is Big5 as the wrong codec of a misreading: x/text's
// Big5, but writing 十, which standard Big5 has twice (A2 CC and A4 51),
// at its first code, where the Big5 encoders write the second. In GBK
// read as Big5, bytes a Big5 reader read as 十 were A2 CC: A4 51 is a
// user-defined (private-use) code of GBK, which text does not hold, nor,
// out of step, a character's last byte before one's first (a first byte
// of GBK is never 51), while 、 (A1 A2) or any character ending in A2
// before one of row CC (体 提 题 天 通) gives A2 CC, which the encoders'
// A4 51 turned into ·Q (、提 read back). Both codes
// read as 十, so a repair still reproduces the garbled text. (卅, at A2 CE
// and A4 CA, keeps the encoders' code: out of step, 证失 gives A4 CA as
// often as 、务 gives A2 CE.) As the original codec (Big5 text read as
// GBK), Big5 is big5Codec: Big5 text writes 十 at A4 51.
type big5WrongCodec struct{}

func (big5WrongCodec) name() string                                 { return "big5" }
func (big5WrongCodec) appendRune(dst []byte, r rune) ([]byte, bool) { return appendWrongBig5(dst, r) }
func (big5WrongCodec) decode(b []byte) (rune, int)                  { return big5Codec{}.decode(b) }

// appendWrongBig5 is big5WrongCodec.appendRune.
func appendWrongBig5(dst []byte, r rune) ([]byte, bool) {
	if r == 0x5341 { // 十
		return append(dst, 0xA2, 0xCC), true
	}
	return big5Codec{}.appendRune(dst, r)
}

// codecNamed returns codecs[name] without the look-up in the map, which
// costs more than the encoding of a short hop.
func codecNamed(name string) codec {
	switch name {
	case "utf8":
		return utf8Codec{}
	case "gbk":
		return gbkCodec{}
	case "big5":
		return big5Codec{}
	case "cp1252":
		return cp1252Codec{}
	case "latin1":
		return latin1Codec{}
	}
	return codecs[name]
}

//go:generate go test -run TestBig5HKSCS2004GapsGenerated -update
//go:generate go test -run TestCP950ETENGenerated -update

// big5HKSCS2004Gap reports whether code is one of big5HKSCS2004Gaps.
func big5HKSCS2004Gap(code uint16) bool {
	_, ok := slices.BinarySearch(big5HKSCS2004Gaps[:], code)
	return ok
}
