// A dropped pair just before a run's end: before a lost last byte
// (lostDrops) and before an ASCII or euro last byte (finalDrops).

package mojibake

import (
	"math"
	"unsafe"

	"github.com/hanfix/hanfix/internal/lm"
)

// lostDrops holds the choices of a dropped pair before a lost last byte
// for one state byte a and "?" (all hypotheses at a token share a): per
// byte x of dropTrail, the first character c = (a, x) and the last
// characters (y, X) with Bigram(c, (y, X)) and its cache bonus. Only the
// score of c depends on the hypothesis, so the few best hypotheses that
// try a dropped pair score the choices once.
type lostDrops struct {
	a      byte
	pos    int // the offset after the "?"; 0 before the first use
	groups []lostDropGroup
	ents   []lostDropEnt
	// plainEnts are the choices of lostPlain, to which the groups whose
	// choices are the plain ones refer.
	plainEnts []lostDropEnt
}

// lostDropGroup is the first character c = (a, x) of lostDrops and its
// choices ents[lo:hi], or plainEnts[lo:hi] when plain is set. bMax and
// cbMax are the largest b and cb of the choices (-Inf and 0 when there
// are none), which bound them for terminate.
type lostDropGroup struct {
	x           byte
	c           rune
	lo, hi      int
	bMax, cbMax float64
	plain       bool
}

type dropGroup struct {
	x      byte
	c      rune
	lo, hi int // the group's choices in ents
	// max is the largest score of the group's choices after c without c's
	// own (-Inf for none): a selection that is full skips the group when
	// c's score plus max does not beat its last choice.
	max float64
	// script[s] and odd are the terms of charLP(prev, c, true) of c alone
	// but its annotation, in a document of script s-1 (see
	// scriptEvidence).
	script [3]float64
	odd    bool
}

type lostDropEnt struct {
	code  uint16
	b, cb float64
}

// lostDropChoices returns the choices for state byte a and the "?" that
// ends at pos, computing them when they are not those of the last call.
func (s *shiftScorer) lostDropChoices(text string, a byte, pos int) *lostDrops {
	ld := &s.lostDrops
	if ld.pos == pos && ld.a == a {
		return ld
	}
	ld.a, ld.pos, ld.groups, ld.ents = a, pos, ld.groups[:0], ld.ents[:0]
	syl, pe := readPinyinClose(text, pos)
	lp := s.lostPlainOf(a)
	ld.plainEnts = lp.ents
	for _, pg := range lp.groups {
		x, c := pg.x, pg.c
		// The document's pairs after c are its successors: without
		// any, every cache bonus after c is 0.
		succ := s.ev.successors(c)
		if pe <= 0 && len(succ) == 0 {
			// The choices are the plain ones as they are, with their
			// bounds (lostPlainOf takes the maxima in the same order,
			// and every cb is 0): the group refers to them.
			pg.plain = true
			ld.groups = append(ld.groups, pg)
			continue
		}
		gr := lostDropGroup{x: x, c: c, lo: len(ld.ents), bMax: math.Inf(-1)}
		// The last characters after c, found by their reading or among
		// the document's words, are scored in the model's row of c, not
		// through the bigram cache, which they missed about 2,100 times
		// per op of BenchmarkFindDamagedShift (1% of its instructions).
		row := s.m.After(c)
		if pe > 0 {
			for _, code := range withReading(s.g, syl) {
				if y := byte(code >> 8); s.g.isDropped(x, y) {
					c2 := s.g.decode2(y, byte(code))
					ld.add(&gr, lostDropEnt{code: code, b: row.Bigram(c2)}, s, c, c2, succ)
				}
			}
		} else {
			// The characters of dropEnds, scored in the shared table.
			for _, e := range lp.ents[pg.lo:pg.hi] {
				ld.add(&gr, e, s, c, s.g.decode2(byte(e.code>>8), byte(e.code)), succ)
			}
			// Words of the document after c (字符 → 串).
			for _, r2 := range succ {
				if b0, b1, n := s.g.encode(r2); n == 2 && b1 >= 0x80 && s.g.isDropped(x, b0) {
					c2 := s.g.decode2(b0, b1)
					ld.add(&gr, lostDropEnt{code: uint16(b0)<<8 | uint16(b1), b: row.Bigram(c2)}, s, c, c2, succ)
				}
			}
		}
		gr.hi = len(ld.ents)
		ld.groups = append(ld.groups, gr)
	}
	return ld
}

// add appends e, the choice of last character c2 after c, to ld and its
// group gr, with the cache bonus of (c, c2) when c has successors succ.
func (ld *lostDrops) add(gr *lostDropGroup, e lostDropEnt, s *shiftScorer, c, c2 rune, succ []rune) {
	if len(succ) > 0 {
		e.cb = s.cacheBonus(c, c2)
	}
	// Comparisons keep the maxima as max does, without its tests for
	// NaN and the sign of zero, which a bound does not need.
	if e.b > gr.bMax {
		gr.bMax = e.b
	}
	if e.cb > gr.cbMax {
		gr.cbMax = e.cb
	}
	ld.ents = append(ld.ents, e)
}

// lostPlain is the part of lostDrops for a state byte a that no document
// changes: per byte x of dropTrail that makes a character c = (a, x),
// in that order, the characters of dropEnds that can follow the dropped
// pair, with their Bigram after c (cb is 0).
type lostPlain struct {
	groups []lostDropGroup
	ents   []lostDropEnt
}

// lostPlains holds the lostPlain of the state bytes asked so far (830 KB
// for all of them).
var lostPlains = &byteKeyed[lostPlain]{limit: 1 << 20}

// lostPlainOf returns the lostPlain of state byte a for the scorer's
// tables; the scorer's model must be the default model.
func (s *shiftScorer) lostPlainOf(a byte) *lostPlain {
	if lp := lostPlains.load(a, 0); lp != nil {
		return lp
	}
	m := lm.Default()
	lp := &lostPlain{}
	for k, x := range s.tab.dropTrail {
		c := s.g.decode2(a, x)
		if c == 0 || s.g.isPUA(c) {
			continue
		}
		gr := lostDropGroup{x: x, c: c, lo: len(lp.ents), bMax: math.Inf(-1)}
		for _, code := range s.tab.dropEnds[k] {
			y := byte(code >> 8)
			if !s.g.isDropped(x, y) {
				continue
			}
			b := m.Bigram(c, s.g.decode2(y, byte(code)))
			gr.bMax = max(gr.bMax, b)
			lp.ents = append(lp.ents, lostDropEnt{code: code, b: b})
		}
		// The likeliest words c starts whose second character can follow
		// the dropped pair (字符 → 串): dropEnds holds the commonest
		// characters, whatever comes before them.
		var top [dropSuccK]lostDropEnt
		n := 0
		for c2, b := range m.Successors(c) {
			y, X, sz := s.g.encode(c2)
			if sz != 2 || X < 0x80 || s.g.isPUA(c2) || !s.g.isDropped(x, y) {
				continue
			}
			if n == len(top) && b <= top[n-1].b {
				continue
			}
			if n < len(top) {
				n++
			}
			top[n-1] = lostDropEnt{code: uint16(y)<<8 | uint16(X), b: b}
			for j := n - 1; j > 0 && top[j].b > top[j-1].b; j-- {
				top[j], top[j-1] = top[j-1], top[j]
			}
		}
	succ:
		for _, e := range top[:n] {
			for _, o := range lp.ents[gr.lo:] {
				if o.code == e.code {
					continue succ
				}
			}
			gr.bMax = max(gr.bMax, e.b)
			lp.ents = append(lp.ents, e)
		}
		gr.hi = len(lp.ents)
		lp.groups = append(lp.groups, gr)
	}
	lostPlains.keep(a, 0, lp, int64(cap(lp.groups))*int64(unsafe.Sizeof(lostDropGroup{}))+int64(cap(lp.ents))*int64(unsafe.Sizeof(lostDropEnt{})))
	return lp
}

// finalDrops holds the choices of dropStepFinal for one state byte a and
// last byte (all hypotheses at a token share a), like lostDrops: per byte
// x of dropTrail the first character (a, x), and the characters (y, last)
// with their bigram after it. It is never changed once made.
type finalDrops struct {
	groups []dropGroup
	ents   []finalDropEnt
}

type finalDropEnt struct {
	y  byte
	c2 rune
	b  float64
}

func (s *shiftScorer) finalDropChoices(a, last byte) *finalDrops {
	if fd := finalDropTabs.load(a, last); fd != nil {
		return fd
	}
	fd := &finalDrops{}
	for k, x := range s.tab.dropTrail {
		c1 := s.g.decode2(a, x)
		if c1 == 0 || s.g.isPUA(c1) {
			continue
		}
		lo, bmax := len(fd.ents), math.Inf(-1)
		for _, y := range s.tab.dropLeads[k][last] {
			c2 := s.g.decode2(y, last)
			b := s.bg.Bigram(c1, c2)
			bmax = max(bmax, b)
			fd.ents = append(fd.ents, finalDropEnt{y, c2, b})
		}
		gr := dropGroup{x: x, c: c1, lo: lo, hi: len(fd.ents), max: bmax, odd: oddClass(c1)}
		for i, ev := range scriptEvidence {
			gr.script[i] = ev.scriptLP(s.m, c1)
		}
		fd.groups = append(fd.groups, gr)
	}
	finalDropTabs.keep(a, last, fd, int64(cap(fd.groups))*int64(unsafe.Sizeof(dropGroup{}))+int64(cap(fd.ents))*int64(unsafe.Sizeof(finalDropEnt{})))
	return fd
}

// finalDropTabs keeps the finalDrops of the (a, last) asked so far: they
// depend on the model alone (every pair would take about 100 MB, the
// damaged devset inputs take 140 KB).
var finalDropTabs = &byteKeyed[finalDrops]{limit: 2 << 20}

// dropStepFinal emits (h.a, x) for a dropped pair (x, y) just before the
// terminator; the new state is y. The hypotheses are in s.finalOut.
func (s *shiftScorer) dropStepFinal(h shiftHyp, at int, last byte) []shiftHyp {
	type cand struct {
		x, y    byte
		c1, c2  rune
		lp1, lp float64
	}
	const keep = 4
	var top [keep]cand
	n := 0
	fd := s.finalDropChoices(h.a, last)
	si := s.scriptIndex()
	for gi := range fd.groups {
		gr := &fd.groups[gi]
		c1 := gr.c
		b, ok := s.bg.lookup(h.prev, c1) // s.bg.Bigram(h.prev, c1), inlined
		if !ok {
			b = s.bg.miss(h.prev, c1)
		}
		// charLP(h.prev, c1, true), its terms of c1 alone but the
		// annotation made with the choices.
		lp1 := charTerms{gr.script[si], gr.odd, s.ev != nil && s.ev.annotated(c1)}.lp(b, true)
		// A full top keeps none of the group's choices when even the best
		// (gr.max) does not beat its last: rounding is monotonic, so
		// lp1+e.b ≤ lp1+gr.max.
		if n == keep && lp1+gr.max <= top[keep-1].lp {
			continue
		}
		for _, e := range fd.ents[gr.lo:gr.hi] {
			// The choice goes after the kept ones that score as much
			// (the earlier first among equals), in place of the last
			// of a full top.
			lp := lp1 + e.b
			j := n
			if n < keep {
				n++
			} else if lp > top[keep-1].lp {
				j--
			} else {
				continue
			}
			for ; j > 0 && lp > top[j-1].lp; j-- {
				top[j] = top[j-1]
			}
			top[j] = cand{gr.x, e.y, c1, e.c2, lp1, lp}
		}
	}
	out := s.finalOut[:0]
	for _, cd := range top[:n] {
		hh := h
		hh.drops = h.arena.withDrop(h.drops, shiftDrop{At: at, U: cd.x, V: cd.y})
		hh.emit(cd.c1, cd.lp1+dropAdjust, s.cacheBonus(h.prev, cd.c1))
		hh.a = cd.y
		out = append(out, hh)
	}
	s.finalOut = out
	return out
}

// dropStepReading is dropStepFinal for a last character (y, last) that
// has the reading syl: it emits (h.a, x) for the dropped pair (x, y), for
// the characters with that reading, which dropStepFinal's choices by the
// model alone may leave out; the new state is y. The hypotheses are in
// s.finalOut.
func (s *shiftScorer) dropStepReading(h shiftHyp, at int, last byte, syl string) []shiftHyp {
	g := s.g
	out := s.finalOut[:0]
	for _, code := range withReading(g, syl) {
		if byte(code) != last {
			continue
		}
		y, c2 := byte(code>>8), g.decode2(byte(code>>8), last)
		// The best first character (h.a, x) of a pair (x, y) dropped.
		best, bx, bc := math.Inf(-1), byte(0), rune(0)
		for _, x := range s.tab.dropTrail {
			if !g.isDropped(x, y) {
				continue
			}
			c1 := g.decode2(h.a, x)
			if c1 == 0 || g.isPUA(c1) {
				continue
			}
			if lp := s.charLP(h.prev, c1, true) + s.bg.Bigram(c1, c2); lp > best {
				best, bx, bc = lp, x, c1
			}
		}
		if bc == 0 {
			continue
		}
		hh := h
		hh.drops = h.arena.withDrop(h.drops, shiftDrop{At: at, U: bx, V: y})
		hh.emit(bc, s.charLP(h.prev, bc, true)+dropAdjust, s.cacheBonus(h.prev, bc))
		hh.a = y
		out = append(out, hh)
	}
	s.finalOut = out
	return out
}
