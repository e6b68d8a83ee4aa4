// Scoring text: the model's log-probability of a run of text, rune by rune,
// as the codec-chain search adds it up.

package mojibake

import (
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/utf8x"
)

// lpText scores s with prev before it and next after it, with the
// scorer's cached Bigram and its document's script prior.
func lpText(sc *shiftScorer, prev rune, s string, next rune) (lp float64, n int) {
	lp, last, n := lpRun(sc, prev, s)
	return lp + sc.bg.Bigram(last, next), n
}

// lpRun is lpText without the junction after s; it also returns the last
// rune of s (prev when s is empty).
func lpRun(sc *shiftScorer, prev rune, s string) (lp float64, last rune, n int) {
	return lpAdd(sc, 0, prev, s, nil)
}

// lpAdd is lpRun continued: it adds the scores of the runes of s, one by
// one, to lp, and appends each to *terms (unless terms is nil), so that
// they can be added up again in the same order.
//
// A rune's score is its Bigram after the rune before it plus
// sc.ev.scriptLP(sc.m, r), read as sc.scriptLP reads it, inline: the
// script is settled at the first rune of U+4E00–U+9FFF, where scriptLP
// asks for it, and then kept for the others.
func lpAdd(sc *shiftScorer, lp float64, prev rune, s string, terms *[]float64) (float64, rune, int) {
	bg := sc.bg
	script, settled := sc.script, sc.scriptSet
	p, n := prev, 0
	for i := 0; i < len(s); {
		// The runes of s as ranging over it reads them, with the
		// three-byte runes of Chinese text and the two-byte runes of
		// Latin-1 mojibake decoded inline.
		r, w := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			if r3, ok := utf8x.Decode3(s, i); ok {
				r, w = r3, 3
			} else if r2, ok := utf8x.Decode2(s, i); ok {
				r, w = r2, 2
			} else {
				r, w = decodeRune(s, i)
			}
		}
		i += w
		t, ok := bg.lookup(p, r) // bg.Bigram(p, r), inlined
		if !ok {
			t = bg.miss(p, r)
		}
		x := 0.0 // sc.scriptLP(r)
		if r >= 0x4E00 && r <= 0x9FFF {
			if !settled {
				sc.settleScript()
				script, settled = sc.script, true
			}
			if script != 0 {
				x = scriptMismatch(script, scriptTab[r-0x4E00])
			}
		}
		t += x
		lp += t
		if terms != nil {
			*terms = append(*terms, t)
		}
		p = r
		n++
	}
	return lp, p, n
}
