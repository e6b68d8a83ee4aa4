package mojibake

import (
	"sync"
	"sync/atomic"

	"github.com/hanfix/hanfix/internal/lm/charset"
)

// The GBK table used here is Microsoft code page 936 as decoded by
// golang.org/x/text, completed the way GB18030-2000 decoders (Python's
// gb18030, browsers of the time) complete it: the user-defined areas and
// the unassigned positions of GBK/1 and GBK/5 map to private-use code
// points instead of U+FFFD (see golang/go#62063). Garbled text produced by
// such decoders contains those private-use characters, and they must
// encode back to their bytes.

// gbkTable holds both directions of the two-byte part of GBK.
type gbkTable struct {
	dec [126 * 191]rune       // (b0-0x81)*191 + (b1-0x40) → rune; 0 for no character
	enc map[rune]uint16       // rune → b0<<8 | b1
	bmp [0x10000]uint16       // enc for the BMP, 0 when absent
	pua [0xE865 - 0xE000]bool // private-use points that are GBK positions
}

var (
	gbkOnce sync.Once
	gbkTab  atomic.Pointer[gbkTable]
)

// gbk returns the GBK table, built on first use. Its fast path is small
// enough to be inlined: the codec asks for the table for every rune.
func gbk() *gbkTable {
	if t := gbkTab.Load(); t != nil {
		return t
	}
	return gbkFirst()
}

// gbkFirst is gbk before the table is built.
func gbkFirst() *gbkTable {
	gbkOnce.Do(func() { gbkTab.Store(buildGBK()) })
	return gbkTab.Load()
}

func buildGBK() *gbkTable {
	t := &gbkTable{enc: make(map[rune]uint16, 24000)}
	for b0 := 0x81; b0 <= 0xFE; b0++ {
		for b1 := 0x40; b1 <= 0xFE; b1++ {
			if b1 == 0x7F {
				continue
			}
			r := charset.GBKPair(byte(b0), byte(b1))
			if r == 0 || charset.GBUserDefined(byte(b0), byte(b1)) != 0 {
				// The pairs x/text does not decode (a tenth of them) and
				// the user-defined areas: the private use code points of
				// GB18030-2000, as Python's codecs decode them.
				if u := charset.GBPrivateUse(byte(b0), byte(b1)); u != 0 {
					r = u
				}
			}
			if r == 0 {
				continue
			}
			t.set(b0<<8|b1, r)
		}
	}
	return t
}

func (t *gbkTable) set(code int, r rune) {
	t.dec[(code>>8-0x81)*191+(code&0xFF-0x40)] = r
	if _, ok := t.enc[r]; !ok {
		t.enc[r] = uint16(code)
		if r < 0x10000 {
			t.bmp[r] = uint16(code)
		}
	}
	if r >= 0xE000 && r < 0xE865 {
		t.pua[r-0xE000] = true
	}
}

// decode2 returns the character of the GBK pair (b0, b1), or 0 when the
// pair is not a character (b0 not a lead byte, b1 not a trail byte).
func (t *gbkTable) decode2(b0, b1 byte) rune {
	if b0 < 0x81 || b0 == 0xFF || b1 < 0x40 || b1 == 0x7F || b1 == 0xFF {
		return 0
	}
	return t.dec[(int(b0)-0x81)*191+(int(b1)-0x40)]
}

// encode returns the GBK bytes of r: n = 1 for ASCII and € (0x80), 2 for
// a pair, 0 when r has no GBK form.
func (t *gbkTable) encode(r rune) (b0, b1 byte, n int) {
	switch {
	case r < 0x80:
		return byte(r), 0, 1
	case r == '€':
		return 0x80, 0, 1
	case r < 0x10000:
		if c := t.bmp[r]; c != 0 {
			return byte(c >> 8), byte(c), 2
		}
		return 0, 0, 0
	}
	if c, ok := t.enc[r]; ok {
		return byte(c >> 8), byte(c), 2
	}
	return 0, 0, 0
}

// isDropped reports whether a decoder that drops private-use results
// loses the pair (b0, b1): it is a private-use position.
func (t *gbkTable) isDropped(b0, b1 byte) bool {
	r := t.decode2(b0, b1)
	return r >= 0xE000 && r <= 0xF8FF
}

// isPUA reports whether r is a private-use point with a GBK position.
func (t *gbkTable) isPUA(r rune) bool {
	return r >= 0xE000 && r < 0xE865 && t.pua[r-0xE000]
}
