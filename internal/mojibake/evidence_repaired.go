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
	// Room for e's parens and, per repair, for those of its "(" and one
	// more: a "(" after a garbled character that the repair makes Han
	// becomes a reading's.
	room := len(e.parens)
	for i, sp := range spans {
		if starts[i] >= 0 {
			room += strings.Count(sp.Repair, "(") + 1
		}
	}
	r := &evidence{text: out, from: &repairOrigin{e, spans, starts}, misaligned: e.misaligned || hasOddRun(spans)}
	if room > 0 {
		r.parens = parenPool.get(room)[:0]
	}
	// changed are the characters whose readings the repairs take away or
	// add.
	var changed []readingChange
	change := func(c rune) *readingChange {
		for k := range changed {
			if changed[k].r == c {
				return &changed[k]
			}
		}
		changed = append(changed, readingChange{r: c, same: true})
		return &changed[len(changed)-1]
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
				ch := change(c)
				ch.added = syl
				ch.same = ch.same && e.readings[c] == syl
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
				change(c).dropped = true
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
	r.relook(changed)
	return r
}

// repairOrigin is the text a repaired text was made of, by its evidence
// ev, and the spans and starts of applyMapped.
type repairOrigin struct {
	ev     *evidence
	spans  []Span
	starts []int
}

// readingChange is what the repairs of repaired do to the readings of
// character r: whether they take one away (dropped), the last they add
// (added, "" for none), and whether every one they add is the document's
// reading of r before them (same).
type readingChange struct {
	r       rune
	dropped bool
	added   string
	same    bool
}

// relook updates the readings of the repaired text, which e shares with
// the text before the repairs until then, for the changes of repaired.
// A character whose readings the repairs only add keeps its reading when
// they add it again, and takes the last one they add when it had none;
// for the others, the last reading of e's parens is looked up.
func (e *evidence) relook(changes []readingChange) {
	var m map[rune]string
	var bits []uint64
	set := func(c rune, syl string, ok bool) {
		if m == nil {
			m = maps.Clone(e.readings)
			if m == nil {
				m = map[rune]string{}
			}
			b := bitmapPool.Get().(*[0x10000 / 64]uint64)
			if e.annBits != nil {
				copy(b[:], e.annBits)
			} else {
				clear(b[:])
			}
			bits = b[:]
		}
		delete(m, c)
		if ok {
			m[c] = syl
		}
		if c >= 0 && c < 0x10000 {
			bits[c>>6] &^= 1 << (c & 63)
			if ok {
				bits[c>>6] |= 1 << (c & 63)
			}
		}
	}
	// The characters to look up, with their UTF-8.
	var pending []rune
	var encs []string
	for _, ch := range changes {
		_, had := e.readings[ch.r]
		switch {
		case !ch.dropped && ch.same:
		case !ch.dropped && !had:
			set(ch.r, ch.added, true)
		default:
			pending = append(pending, ch.r)
			encs = append(encs, string(ch.r))
		}
	}
	// From the end of the parens, the first reading of each character
	// pending is its last. A paren follows c exactly when the text before
	// it ends with the UTF-8 of c (runeBefore), which is valid: c is Han.
	for k := len(e.parens) - 1; k >= 0 && len(pending) > 0; k-- {
		p := e.parens[k]
		for j, enc := range encs {
			if !strings.HasSuffix(e.text[:p.lo], enc) {
				continue
			}
			c := pending[j]
			if syl := e.text[p.lo+1 : p.hi-1]; pinyin.HasReading(c, syl) {
				set(c, syl, true)
				pending = slices.Delete(pending, j, j+1)
				encs = slices.Delete(encs, j, j+1)
			}
			break
		}
	}
	for _, c := range pending {
		set(c, "", false)
	}
	if m != nil {
		e.readings, e.annBits, e.ownBits = m, bits, true
		if len(m) == 0 {
			bitmapPool.Put((*[0x10000 / 64]uint64)(bits))
			e.readings, e.annBits, e.ownBits = nil, nil, false
		}
	}
}

// showsMisalignment reports whether the text this evidence was repaired
// from held a repaired misaligned run that is not thin (hasOddRun): the
// backing a thin run that gains little needs (thinRunGain).
func (e *evidence) showsMisalignment() bool {
	return e != nil && e.misaligned
}
