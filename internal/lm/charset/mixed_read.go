// Reading a unit in an encoding and scoring it, for Mixed.

package charset

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
	"github.com/hanfix/hanfix/internal/utf8x"
)

// scoreAs scores u read as r says with the character model. With
// lenient, each sequence that does not decode costs mixedLostCost, as a
// character that was lost; otherwise ok is false when there is one.
//
// The letters ctx before u are read first, the same in every reading:
// they tell a letter with a tone mark of a pinyin reading (the è of
// sh + è, C3 A8 in UTF-8, 猫 in GBK) from a Han character. The score is
// that of u after them.
func scoreAs(m *lm.Model, ctx, u []byte, r reading, lenient bool) (float64, bool) {
	a := newAcc(m, math.Inf(-1))
	for _, c := range ctx {
		a.add(rune(c))
	}
	lead := a.total()
	bad := readRunes(&a, u[:r.split], r.first)
	if r.split < len(u) {
		bad += readRunes(&a, u[r.split:], r.second)
	}
	if bad > 0 && !lenient {
		return 0, false
	}
	return a.total() - lead, true
}

// mixedPinyinBonus is added to the UTF-8 reading of a unit that makes a
// pinyin syllable with a tone mark with the letters before it
// (pinyinUnit): the Latin statistics of the character model know ì
// after zh no better than 矛, the same bytes in GBK.
const mixedPinyinBonus = 10.0

// pinyinUnit reports whether u, read as UTF-8, is a vowel of pinyin with
// a tone mark and the ending of a final after it (n, ng, r, i, o, u),
// after ctx, the letters of the word before it, an initial and a medial
// (sh + è, zh + ì, ji + é, zhu + àng). It is a check of the shape of a
// syllable, not of the syllable (package pinyin, which knows them,
// imports package convert, which imports this one).
func pinyinUnit(ctx, u []byte) bool {
	r, n := utf8.DecodeRune(u)
	if !strings.ContainsRune("āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ", r) {
		return false
	}
	switch string(u[n:]) {
	case "", "n", "ng", "r", "i", "o", "u":
	default:
		return false
	}
	w := string(ctx)
	for _, m := range [...]string{"i", "u"} {
		if strings.HasSuffix(w, m) && !strings.ContainsRune("aeiou", r) {
			w = strings.TrimSuffix(w, m)
			break
		}
	}
	if len(ctx) == 0 && len(u) == n {
		return false // a letter alone (茅 in GBK is é in UTF-8)
	}
	switch w {
	case "", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
		"zh", "ch", "sh", "r", "z", "c", "s", "y", "w":
		return true
	}
	return false
}

// lettersBefore returns the ASCII letters of the word right before b[i],
// if there are 3 or fewer, and nil otherwise.
func lettersBefore(b []byte, i int) []byte {
	k := i
	for k > 0 && k > i-4 && (b[k-1]|0x20 >= 'a' && b[k-1]|0x20 <= 'z') {
		k--
	}
	if i-k > 3 {
		return nil
	}
	return b[k:i]
}

// mixedLostCost is what a sequence that does not decode costs the
// document's own reading of a unit (nats): about a rare character, the
// one it stands for. (Trial decoding charges U+FFFD and invalidPenalty,
// about three times as much, which would let any reading without errors
// win, mojibake of the valid characters around a deleted byte included.)
const mixedLostCost = -12.0

// readRunes adds the runes of b in enc to a and returns the number of
// sequences that did not decode (a sequence cut short at the end counts),
// each charged mixedLostCost, the runes after it scored afresh. A UTF-8
// sequence that does not decode is a lead byte with the continuation
// bytes it could take, or a byte that starts none, as a UTF-8 decoder
// reads them.
func readRunes(a *acc, b []byte, enc string) int {
	bad := 0
	var t *dbcs
	switch enc {
	case encGBK, encGB18030:
		t = gbkTable
		a.kanaPen = kanaInChinese
	case encBig5:
		t = big5Table
		a.kanaPen = kanaInChinese
	}
	lost := func() {
		bad++
		total := a.c.LogProb() + mixedLostCost
		a.c.Reset()
		a.c.AddPenalty(total)
	}
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c < 0x80:
			a.add(rune(c))
			i++
		case t == nil:
			r, n := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && n == 1 {
				n, _ = utf8x.MaximalSubpart(b[i:])
				lost()
			} else {
				a.add(r)
			}
			i += n
		case t.single[c-0x80] != 0:
			a.add(t.single[c-0x80])
			i++
		case t.lead[c-0x80] && i+1 < len(b) && t.lookup(c, b[i+1]) != 0:
			a.add(t.lookup(c, b[i+1]))
			i += 2
		default:
			lost()
			i++
		}
	}
	a.kanaPen = 0
	return bad
}

// nonASCIIRunes counts the characters of b in enc that are not ASCII.
func nonASCIIRunes(b []byte, enc string) int {
	n := 0
	for i := 0; i < len(b); {
		if b[i] < 0x80 {
			i++
			continue
		}
		n++
		if enc == encUTF8 {
			_, size := utf8.DecodeRune(b[i:])
			i += size
		} else {
			i += 2
		}
	}
	return n
}

// commonUTF8 returns the number of bytes of b in valid UTF-8 sequences
// that decode to a common Han character or CJK punctuation mark
// (log-probability −9 or more, the 3,000 commonest Han characters or so).
// Legacy text makes a valid sequence of three bytes once in 170
// characters, and it decodes to a common Han character once in seven;
// Hangul it makes more often (码保 in GBK, C2 EB B1 A3, holds EB B1 A3,
// 뱣), and a Hangul syllable in Chinese text is no UTF-8 text.
func commonUTF8(m *lm.Model, b []byte) int {
	n := 0
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if size >= 3 && isCJK(r) && m.Unigram(r) >= -9 {
			n += size
		}
		i += size
	}
	return n
}

// cjkUTF8 reports whether b, read as UTF-8, starts with a Han character
// or a CJK punctuation mark.
func cjkUTF8(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	return isCJK(r)
}

// isCJK reports whether r is a Han character of the BMP or a CJK
// punctuation mark (U+3000–U+303F, U+FF00–U+FFEF).
func isCJK(r rune) bool {
	return r >= 0x3000 && r <= 0x303F || r >= 0x3400 && r <= 0x9FFF || r >= 0xFF00 && r <= 0xFFEF
}

// allRunes counts the characters of b in enc, ASCII ones too.
func allRunes(b []byte, enc string) int {
	n := nonASCIIRunes(b, enc)
	for _, c := range b {
		if c < 0x80 {
			n++
		}
	}
	return n
}

// cutUTF8 reports whether the one sequence of b that is not UTF-8 is a
// lead byte at the end of b with fewer continuation bytes than it needs
// (a UTF-8 character cut short, lost bytes, where a legacy character
// makes two such sequences, or one that starts with no lead byte, A9 4D
// for 和 in Big5, or one followed by more, CF for 选 of 选项） in GBK,
// D1 A1 CF EE A3 A9, whose bytes around it are valid UTF-8 by chance).
func cutUTF8(b []byte) bool {
	n, cut := 0, false
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			n++
			size, cut = utf8x.MaximalSubpart(b[i:])
			cut = cut && i+size == len(b)
		}
		i += size
	}
	return n == 1 && cut
}
