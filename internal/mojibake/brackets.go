// Brackets: the paired punctuation marks left open on a line, and what they
// say of the next mark.

package mojibake

import (
	"strings"

	"github.com/hanfix/hanfix/internal/lm"
)

// bracketPairs are the paired punctuation marks: opening, closing.
var bracketPairs = [...][2]rune{
	{'「', '」'}, {'『', '』'}, {'（', '）'}, {'《', '》'}, {'〈', '〉'},
	{'【', '】'}, {'〔', '〕'}, {'〖', '〗'}, {'“', '”'}, {'‘', '’'},
}

// brackets counts the opening brackets not yet closed on the current line.
type brackets [len(bracketPairs)]int8

// bracketish reports whether r can change the counts or the cost: a line
// end or one of the paired marks (U+2018–U+201D, U+3008–U+3017, （）).
func bracketish(r rune) bool {
	if r > 0x3017 { // most text: Han characters, asked about first
		return r == '（' || r == '）'
	}
	return r == '\n' || r == '\r' || r >= 0x2018 && r <= 0x201D || r >= 0x3008
}

// bracketOf returns the index in bracketPairs of the mark r and whether
// it opens; k is -1 for other runes.
func bracketOf(r rune) (k int, opens bool) {
	switch r {
	case '「':
		return 0, true
	case '」':
		return 0, false
	case '『':
		return 1, true
	case '』':
		return 1, false
	case '（':
		return 2, true
	case '）':
		return 2, false
	case '《':
		return 3, true
	case '》':
		return 3, false
	case '〈':
		return 4, true
	case '〉':
		return 4, false
	case '【':
		return 5, true
	case '】':
		return 5, false
	case '〔':
		return 6, true
	case '〕':
		return 6, false
	case '〖':
		return 7, true
	case '〗':
		return 7, false
	case '“':
		return 8, true
	case '”':
		return 8, false
	case '‘':
		return 9, true
	case '’':
		return 9, false
	}
	return -1, false
}

// add updates the counts for r.
func (b *brackets) add(r rune) {
	if !bracketish(r) {
		return
	}
	if r == '\n' {
		*b = brackets{}
		return
	}
	switch k, opens := bracketOf(r); {
	case k < 0:
	case opens:
		if b[k] < 100 {
			b[k]++
		}
	case b[k] > 0:
		b[k]--
	}
}

// bracketLP is what the brackets open on the line say of r (see
// lm.PunctStats.Brackets): a closing mark closes one opened before it on
// the line, and a line seldom ends with a bracket open. It updates the
// counts.
func (b *brackets) bracketLP(pm *lm.PunctStats, r rune) float64 {
	if !bracketish(r) {
		return 0
	}
	closeOpen, closeUnopened, endOpen := pm.Brackets()
	lp := 0.0
	if r == '\n' || r == '\r' {
		if *b != (brackets{}) {
			lp += endOpen
		}
	} else if k, opens := bracketOf(r); k >= 0 && !opens {
		if b[k] > 0 {
			lp += closeOpen
		} else {
			lp += closeUnopened
		}
	}
	b.add(r)
	return lp
}

// openBrackets returns the brackets left open at the end of s on its last
// line.
func openBrackets(s string) brackets {
	var b brackets
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	for _, r := range s {
		b.add(r)
	}
	return b
}
