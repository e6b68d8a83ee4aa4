package mojibake

import (
	"sync"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/utf8x"
)

// The gate: a bitmap of the BMP code points that mojibake produces and
// clean Chinese text rarely contains. Clean text is one byte loop with a
// table lookup per non-ASCII rune.
var (
	gateOnce sync.Once
	gateBits [0x10000 / 64]uint64
)

func gateTable() {
	gateOnce.Do(func() {
		m := lm.Default()
		set := func(lo, hi rune) {
			for r := lo; r <= hi; r++ {
				gateBits[r>>6] |= 1 << (r & 63)
			}
		}
		set(0x80, 0x9F)   // C1 controls (UTF-8 read as ISO-8859-1)
		set(0xC0, 0xFF)   // Latin-1 letters: Ã, â, æ, ä …
		set(0xA0, 0xBF)   // NBSP … ¿: second bytes of UTF-8 read as Latin-1
		set(0x152, 0x153) // Œ œ
		set(0x160, 0x161) // Š š
		set(0x178, 0x17E) // Ÿ Ž ž
		set(0x192, 0x192) // ƒ
		set(0x2C6, 0x2DC) // ˆ ˜
		set(0x2020, 0x2022)
		set(0x2030, 0x2030)
		set(0x2039, 0x203A)
		set(0x20AC, 0x20AC) // €
		set(0x2122, 0x2122) // ™
		set(0x201A, 0x201A) // ‚
		set(0x201E, 0x201E) // „
		set(0x0370, 0x04FF) // Greek, Cyrillic
		set(0x2460, 0x24FF) // enclosed alphanumerics (⒁)
		set(0x2500, 0x257F) // box drawing
		set(0x3040, 0x30FF) // kana
		set(0x3100, 0x312F) // Bopomofo (ㄦ)
		set(0x3200, 0x33FF) // enclosed CJK, compatibility (㏑)
		set(0xE000, 0xF8FF) // private use
		set(0xFE30, 0xFE6F) // CJK compatibility and small forms (﹝)
		set(0xFF61, 0xFF9F) // halfwidth katakana
		set(0xFFFD, 0xFFFD)
		for r := rune(0x3400); r <= 0x9FFF; r++ {
			if lm.Class(r) == lm.Han && m.Unigram(r) < gateRareHan {
				gateBits[r>>6] |= 1 << (r & 63)
			}
		}
		// Common typography that is not evidence on its own.
		for _, r := range "·×÷°±§¨©®¯´µ¶¸¹²³¼½¾«»¬" {
			gateBits[r>>6] &^= 1 << (r & 63)
		}
	})
}

// decodeRune is utf8.DecodeRuneInString(s[i:]) with the three-byte
// characters of CJK text (lead bytes E1–EC, EE, EF, which take any two
// continuation bytes) and the two-byte characters of Latin-1 mojibake
// (lead bytes C2–DF, which take any continuation byte) decoded inline.
func decodeRune(s string, i int) (rune, int) {
	c := s[i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	if c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(s) {
		if c1, c2 := s[i+1], s[i+2]; c1&0xC0 == 0x80 && c2&0xC0 == 0x80 {
			return rune(c&0x0F)<<12 | rune(c1&0x3F)<<6 | rune(c2&0x3F), 3
		}
	}
	if c >= 0xC2 && c <= 0xDF && i+1 < len(s) {
		if c1 := s[i+1]; c1&0xC0 == 0x80 {
			return rune(c&0x1F)<<6 | rune(c1&0x3F), 2
		}
	}
	return utf8.DecodeRuneInString(s[i:])
}

// suspiciousRune reports whether r is in the gate's set.
func suspiciousRune(r rune) bool {
	return r < 0x10000 && gateBits[r>>6]&(1<<(r&63)) != 0
}

// Suspicious reports whether text contains anything mojibake produces: a
// '?', or a code point of the gate's set. It is the fast path: clean text
// returns false after one pass without allocating.
func Suspicious(text string) bool {
	gateTable()
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c == '?' {
				return true
			}
			i++
			continue
		}
		r, n := rune(0), 3
		if r3, ok := utf8x.Decode3(text, i); ok {
			r = r3
		} else {
			r, n = decodeRune(text, i)
		}
		if suspiciousRune(r) || r > 0xFFFF && lm.Class(r) == lm.Han {
			return true
		}
		i += n
	}
	return false
}

// gateRareHan is the unigram log-probability below which an ideograph is
// suspicious: rarer than almost everything in running text.
const gateRareHan = -13.5
