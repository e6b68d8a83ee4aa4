package mojibake

import (
	"maps"
	"slices"
	"strings"

	"github.com/hanfix/hanfix/internal/pinyin"
)

// The bytes around a "(" that collectEvidence reads to judge it: the rune
// before it (utf8.DecodeLastRuneInString looks up to 4 bytes back) and,
// after it, a reading (readPinyinClose: runes of up to 3 bytes that start
// in the 12 bytes after the "(") and its ")": text[i-parenLookBack :
// i+parenLookAhead] for the "(" at i.
const (
	parenLookBack  = 4
	parenLookAhead = 16
)

// repaired returns the evidence of out, the text that applyMapped made of
// e.text and spans (the repair of span i at starts[i], or none when -1),
// as collectEvidence(out) finds it, without a pass over out.
//
// collectEvidence judges each "(" by the bytes around it alone
// (parenLookBack, parenLookAhead; no reading holds a "(", so its scan
// steps on every one): a "(" whose bytes out has unchanged from text,
// clipped alike at the ends of the texts, is judged as in text. So e's
// parens in the unchanged stretches of text, away from their ends, carry
// over, shifted, and only the "(" of out around the repairs are judged
// anew. The readings are the last that the document gives each character:
// those of the characters of the readings that the repairs take away or
// add are looked up again, from the end of out's parens; the others are
// e's, which the result shares.
func (e *evidence) repaired(out string, spans []Span, starts []int) *evidence {
	text := e.text
	r := &evidence{text: out, parens: make([]window, 0, len(e.parens))}
	// changed are the characters whose readings the repairs take away or
	// add.
	var changed []rune
	note := func(c rune) {
		if !slices.Contains(changed, c) {
			changed = append(changed, c)
		}
	}
	// Judge anew the "(" of out[lo:hi].
	judge := func(lo, hi int) {
		for i := lo; i < hi; i++ {
			d := strings.IndexByte(out[i:hi], '(')
			if d < 0 {
				return
			}
			if i += d; i == 0 {
				continue
			}
			c := runeBefore(out, i)
			syl, end := parenAfter(out, i, c)
			if end < 0 {
				continue
			}
			r.parens = append(r.parens, window{i, end})
			if pinyin.HasReading(c, syl) {
				note(c)
			}
		}
	}
	// Take e's parens before text offset lo away.
	ps := e.parens
	drop := func(lo int) {
		for len(ps) > 0 && ps[0].lo < lo {
			p := ps[0]
			ps = ps[1:]
			if c := runeBefore(text, p.lo); pinyin.HasReading(c, text[p.lo+1:p.hi-1]) {
				note(c)
			}
		}
	}
	fresh := 0 // the offset of out from which its "(" are not yet judged
	// keep carries over e's parens of the unchanged text[lo:hi], at lo+d
	// in out, whose bytes lie in it, and judges the "(" of out before them.
	keep := func(lo, hi, d int) {
		a, b := lo+parenLookBack, hi-parenLookAhead+1 // the "(" whose bytes lie in text[lo:hi]
		// At the ends of both texts the bytes read are clipped alike.
		if lo == 0 && d == 0 {
			a = 0
		}
		if hi == len(text) && hi+d == len(out) {
			b = hi
		}
		if a >= b {
			return
		}
		judge(fresh, a+d)
		drop(a)
		for len(ps) > 0 && ps[0].lo < b {
			r.parens = append(r.parens, window{ps[0].lo + d, ps[0].hi + d})
			ps = ps[1:]
		}
		fresh = b + d
	}
	last, d := 0, 0 // the unchanged text from last on is at last+d in out
	for i, sp := range spans {
		if starts[i] < 0 {
			continue
		}
		keep(last, sp.Start, d)
		last, d = sp.End, starts[i]+len(sp.Repair)-sp.End
	}
	keep(last, len(text), d)
	judge(fresh, len(out))
	drop(len(text))
	r.readings, r.annBits = e.readings, e.annBits
	if len(changed) > 0 {
		r.relook(changed)
	}
	return r
}

// relook sets the readings of the characters changed to the last that e's
// parens give them, for repaired: readings and annBits start as copies of
// those of the text before the repairs, which e shares until then.
func (e *evidence) relook(changed []rune) {
	m := maps.Clone(e.readings)
	if m == nil {
		m = map[rune]string{}
	}
	var bitmap []uint64
	if e.annBits != nil {
		bitmap = slices.Clone(e.annBits)
	} else {
		bitmap = make([]uint64, 0x10000/64)
	}
	for _, c := range changed {
		delete(m, c)
		if c >= 0 && c < 0x10000 {
			bitmap[c>>6] &^= 1 << (c & 63)
		}
	}
	// From the end of the parens, the first reading of each character
	// changed is its last.
	left := len(changed)
	for k := len(e.parens) - 1; k >= 0 && left > 0; k-- {
		p := e.parens[k]
		c := runeBefore(e.text, p.lo)
		if !slices.Contains(changed, c) {
			continue
		}
		if _, ok := m[c]; ok {
			continue
		}
		syl := e.text[p.lo+1 : p.hi-1]
		if !pinyin.HasReading(c, syl) {
			continue
		}
		m[c] = syl
		if c >= 0 && c < 0x10000 {
			bitmap[c>>6] |= 1 << (c & 63)
		}
		left--
	}
	e.readings, e.annBits = m, bitmap
	if len(m) == 0 {
		e.readings, e.annBits = nil, nil
	}
}
