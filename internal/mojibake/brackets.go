// Brackets: the paired punctuation marks left open on a line, and what they
// say of the next mark.

package mojibake

import (
	"strings"
	"unicode/utf8"

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

// What the rest of a line says of an opening mark. In running text an
// opening mark's closing mark nearly always follows on the same line,
// before another opening mark of its kind: in the 21 MB of prose of
// scripts/debian-corpus.sh, 95% of the openers (“ 94%, （ 89%, 「 99%)
// against 0.2% of the other marks (，。、：；！？ and the other
// brackets) for the same kind (“ 1.0%, （ 1.0%). A lost byte that may
// complete “ or ‘, （ or ：, is often followed by the closing mark
// (“%s”, （%s）), intact because a byte before a Han character is seldom
// lost.

// bracketAhead is what (nats) a closing mark of its kind ahead on the
// line says of an opening mark: log(0.89/0.0098) = 4.5 for （, the
// least of the common ones (“ 4.6, 「 6.4).
const bracketAhead = 4.5

// bracketNotAhead is what the line read to its end without a closing
// mark of its kind says of an opening mark: log(0.11/0.99) = -2.2 for
// （, the least of the common ones (“ -2.8, 「 -4.9).
const bracketNotAhead = -2.2

// maxAhead is how many bytes after the restored ones aheadOf reads: a
// line of Chinese prose is rarely longer.
const maxAhead = 300

// bracketsAhead is what aheadOf found on the rest of a line: the kinds
// (bits, by index in bracketPairs) whose closing mark comes before any
// opening mark of the kind, and whether the line was read to its end
// without a byte it could not read (sure).
type bracketsAhead struct {
	closers uint16
	sure    bool
}

// aheadOf reads the rest of the line from byte j of bs with orig, and on
// past the end of bs in text (the text after the stretch), for the
// closing marks that come before their opening marks. A byte that does
// not read (another lost byte, say, which may be a closing mark) leaves
// it unsure.
func aheadOf(orig codec, bs []byte, j int, text string) bracketsAhead {
	a := bracketsAhead{sure: true}
	var opened uint16
	see := func(r rune) bool {
		if r == '\n' || r == '\r' {
			return false
		}
		if r == utf8.RuneError {
			a.sure = false
		} else if k, opens := bracketOf(r); k >= 0 {
			if opens {
				opened |= 1 << k
			} else if opened&(1<<k) == 0 {
				a.closers |= 1 << k
			}
		}
		return true
	}
	n := 0
	for j < len(bs) {
		if n >= maxAhead {
			a.sure = false
			return a
		}
		r, size := orig.decode(bs[j:])
		if size == 0 {
			r, size = utf8.RuneError, 1
		}
		if !see(r) {
			return a
		}
		j += size
		n += size
	}
	for _, r := range text {
		if n >= maxAhead {
			a.sure = false
			return a
		}
		if !see(r) {
			return a
		}
		n += utf8.RuneLen(r)
	}
	return a
}

// openerLP returns what a says of r: bracketAhead for an opening mark
// whose closing mark comes ahead, bracketNotAhead for one whose closing
// mark the whole rest of the line does not hold, 0 otherwise.
func (a *bracketsAhead) openerLP(r rune) float64 {
	k, opens := bracketOf(r)
	switch {
	case k < 0 || !opens:
		return 0
	case a.closers&(1<<k) != 0:
		return bracketAhead
	case a.sure:
		return bracketNotAhead
	}
	return 0
}
