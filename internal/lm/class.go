package lm

import (
	"strconv"
	"sync"
	"sync/atomic"
	"unicode"
)

// CharClass is a coarse character class, as returned by Class. It decides the probability floor of a
// rune the model has no statistics for, and the class-level transition rules.
type CharClass uint8

// The character classes.
const (
	Other       CharClass = iota // anything not listed below (marks, unassigned, other scripts)
	Han                          // CJK unified and compatibility ideographs, 〇
	Kana                         // hiragana, katakana, halfwidth katakana
	Hangul                       // Hangul syllables and jamo
	Latin                        // letters of the Latin script (ASCII, accented, fullwidth)
	Letter                       // letters of other alphabets (Greek, Cyrillic, Bopomofo …)
	Digit                        // decimal digits, ASCII and fullwidth
	Punct                        // punctuation, ASCII and CJK
	Space                        // white space, including the ideographic space
	Symbol                       // symbols, box drawing, arrows, emoji, CJK radicals
	PrivateUse                   // private use areas
	Replacement                  // U+FFFD REPLACEMENT CHARACTER
	Control                      // C0 and C1 controls except tab, LF and CR
)

var classNames = [...]string{"Other", "Han", "Kana", "Hangul", "Latin", "Letter", "Digit", "Punct", "Space", "Symbol", "PrivateUse", "Replacement", "Control"}

// String returns the name of the class, e.g. "Han".
func (c CharClass) String() string {
	if int(c) < len(classNames) {
		return classNames[c]
	}
	return "CharClass(" + strconv.Itoa(int(c)) + ")"
}

// asciiClass holds the class of every ASCII byte.
var asciiClass = func() (t [128]CharClass) {
	for i := range t {
		r := rune(i)
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			t[i] = Latin
		case r >= '0' && r <= '9':
			t[i] = Digit
		case r == ' ', r == '\t', r == '\n', r == '\r', r == '\v', r == '\f':
			t[i] = Space
		case r < 0x20 || r == 0x7F:
			t[i] = Control
		case unicode.IsPunct(r):
			t[i] = Punct
		default:
			t[i] = Symbol
		}
	}
	return
}()

// Class returns the class of r: a table look-up in the BMP, classify
// elsewhere.
func Class(r rune) CharClass {
	if t := bmpClass.Load(); t != nil && uint32(r) < uint32(len(t)) {
		return t[r]
	}
	return classFirst(r)
}

// bmpClass holds the class of every BMP rune. The mojibake searches ask
// for the class of every candidate character, and the symbols and Latin
// letters that misdecoding produces fall through classify's quick cases to
// the unicode tables (a binary search each); 64 KB built in about a
// millisecond answer them all in one load. It is built on the first call
// of Class, not at start-up: programs that import the package only to
// convert text never pay for it.
var (
	bmpClass     atomic.Pointer[[0x10000]CharClass]
	bmpClassOnce sync.Once
)

// classFirst is Class before the table is built, and outside the BMP.
func classFirst(r rune) CharClass {
	if uint32(r) >= 0x10000 {
		return classify(r)
	}
	bmpClassOnce.Do(func() { bmpClass.Store(bmpTable()) })
	return bmpClass.Load()[r]
}

// bmpTable returns the class of every BMP rune, as classify gives it.
// Asking classify rune by rune took 114 million instructions, most of them
// binary searches of the unicode tables for the runes that its quick cases
// do not cover; here the ranges of those tables are painted in instead,
// each later painting taking precedence as classify's later tests give way
// to its earlier ones, and the quick cases and Latin-1 (whose properties
// the unicode package keeps apart) are asked rune by rune.
func bmpTable() *[0x10000]CharClass {
	t := new([0x10000]CharClass) // Other
	paint := func(tab *unicode.RangeTable, c CharClass, only func(CharClass) bool) {
		for _, rg := range tab.R16 {
			lo, hi, stride := rune(rg.Lo), rune(rg.Hi), rune(rg.Stride)
			if hi <= unicode.MaxLatin1 {
				continue
			}
			if lo <= unicode.MaxLatin1 {
				lo += (unicode.MaxLatin1 - lo + stride) / stride * stride
			}
			for r := lo; r <= hi; r += stride {
				if only == nil || only(t[r]) {
					t[r] = c
				}
			}
		}
	}
	// Outside Latin-1 IsControl is false; the other tests are range
	// look-ups, painted here from the last to the first.
	paint(unicode.Nl, Symbol, nil)
	paint(unicode.No, Symbol, nil)
	paint(unicode.S, Symbol, nil)
	paint(unicode.P, Punct, nil)
	paint(unicode.White_Space, Space, nil)
	paint(unicode.Nd, Digit, nil)
	paint(unicode.L, Letter, nil)
	isLetter := func(c CharClass) bool { return c == Letter }
	paint(unicode.Latin, Latin, isLetter)
	paint(unicode.Han, Han, isLetter)
	// quickClass decides the rest: rune by rune, but for its blocks of
	// one class, which take 72 % of the BMP and are painted whole (1.4M
	// fewer instructions than asking about each of their runes).
	quick := func(r rune) {
		if c, ok := quickClass(r); ok || r <= unicode.MaxLatin1 {
			if !ok {
				c = tableClass(r)
			}
			t[r] = c
		}
	}
	r := rune(0)
	for _, b := range quickBlocks {
		for ; r < b.lo; r++ {
			quick(r)
		}
		c, _ := quickClass(b.lo)
		for ; r <= b.hi; r++ {
			t[r] = c
		}
	}
	for ; r < rune(len(t)); r++ {
		quick(r)
	}
	return t
}

// quickBlocks are blocks of the BMP, in increasing order, in which
// quickClass gives every rune the same class (TestBMPTable checks the
// table they paint).
var quickBlocks = [...]struct{ lo, hi rune }{
	{0x1100, 0x11FF}, // Hangul jamo
	{0x2500, 0x25FF}, // box drawing, block elements, geometric shapes
	{0x2E80, 0x2FDF}, // radicals
	{0x3041, 0x30FA}, // kana
	{0x3130, 0x318F}, // Hangul compatibility jamo
	{0x3400, 0x4DBF}, // CJK extension A
	{0x4E00, 0x9FFF}, // unified ideographs
	{0xA960, 0xA97F}, // Hangul jamo extended A
	{0xAC00, 0xD7A3}, // Hangul syllables
	{0xD7B0, 0xD7FF}, // Hangul jamo extended B
	{0xE000, 0xF8FF}, // private use
	{0xF900, 0xFAFF}, // compatibility ideographs
	{0xFF66, 0xFF9F}, // halfwidth katakana
	{0xFFA0, 0xFFDC}, // halfwidth Hangul
}

// classify returns the class of r. It is a few comparisons for the common
// blocks and falls back to the unicode tables for the rest.
func classify(r rune) CharClass {
	if c, ok := quickClass(r); ok {
		return c
	}
	return tableClass(r)
}

// quickClass returns the class of r when r is in one of the blocks that
// classify decides by comparisons, and false otherwise.
func quickClass(r rune) (CharClass, bool) {
	switch {
	case r < 0x80:
		if r < 0 {
			return Other, true
		}
		return asciiClass[r], true
	case r >= 0x4E00 && r <= 0x9FFF, r >= 0x3400 && r <= 0x4DBF, r >= 0xF900 && r <= 0xFAFF,
		r >= 0x20000 && r <= 0x3FFFF, r == 0x3007:
		return Han, true
	case r >= 0x3041 && r <= 0x30FF && r != 0x30FB, r >= 0x31F0 && r <= 0x31FF, r >= 0xFF66 && r <= 0xFF9F:
		return Kana, true
	case r >= 0xAC00 && r <= 0xD7A3, r >= 0x1100 && r <= 0x11FF, r >= 0x3130 && r <= 0x318F,
		r >= 0xA960 && r <= 0xA97F, r >= 0xD7B0 && r <= 0xD7FF, r >= 0xFFA0 && r <= 0xFFDC:
		return Hangul, true
	case r == 0xFFFD:
		return Replacement, true
	case r >= 0xE000 && r <= 0xF8FF, r >= 0xF0000 && r <= 0x10FFFF:
		return PrivateUse, true
	case r >= 0x80 && r <= 0x9F:
		return Control, true
	case r == 0x3000, r == 0xA0:
		return Space, true
	case r >= 0x3001 && r <= 0x3003, r >= 0x3008 && r <= 0x3011, r >= 0x3014 && r <= 0x301F, r == 0x30FB:
		return Punct, true
	case r >= 0x2500 && r <= 0x25FF, r >= 0x2E80 && r <= 0x2FDF:
		return Symbol, true
	case r >= 0xFF10 && r <= 0xFF19:
		return Digit, true
	}
	return Other, false
}

// tableClass is classify for a rune outside the blocks of quickClass: it
// asks the unicode tables.
func tableClass(r rune) CharClass {
	switch {
	case unicode.IsLetter(r):
		if unicode.Is(unicode.Latin, r) {
			return Latin
		}
		if unicode.Is(unicode.Han, r) {
			return Han
		}
		return Letter
	case unicode.IsDigit(r):
		return Digit
	case unicode.IsSpace(r):
		return Space
	case unicode.IsPunct(r):
		return Punct
	case unicode.IsSymbol(r), unicode.Is(unicode.No, r), unicode.Is(unicode.Nl, r):
		return Symbol
	case unicode.IsControl(r):
		return Control
	}
	return Other
}
