// How a misaligned run ends: the terminators tried at a token and the
// complete repairs they make.

package mojibake

import (
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/pinyin"
)

// shiftEnds collects the complete repairs of one search (search) of the
// run at q: the best, and the rank gain of the best other one.
type shiftEnds struct {
	s        *shiftScorer
	text     string
	q        int
	prev     rune // the character before the run
	best     *shiftCand
	runnerUp float64
	// glps memoises the garbled text's log-probability and the rune
	// after the repair by end offset.
	glps []glpAt
}

// glpAt is the garbled text's log-probability up to end, with the rune
// next after it.
type glpAt struct {
	end  int
	lp   float64
	next rune
}

// consider offers the repair that h makes, ending the run with end (and
// last and consumed for endLost) and the extra rune after h's characters,
// if any, at endPos. h is read, never kept.
func (e *shiftEnds) consider(h *shiftHyp, end shiftEnd, last, consumed byte, extra rune, endPos int) {
	glp, next, ok := 0.0, rune(0), false
	for _, g := range e.glps {
		if g.end == endPos {
			glp, next, ok = g.lp, g.next, true
			break
		}
	}
	if !ok {
		next, _ = utf8.DecodeRuneInString(e.text[endPos:])
		if endPos >= len(e.text) {
			next = '\n'
		}
		glp = e.s.lpJoin(e.prev, e.text[e.q:endPos], next)
		e.glps = append(e.glps, glpAt{endPos, glp, next})
	}
	// The bigrams of the tail below are log-probabilities, never
	// above 0 (the class rules' bonuses for runs of kana or Hangul
	// leave them below it too), so rank ends at most at h.rank
	// (rounding is monotonic): a hypothesis that the check after
	// them would turn away is turned away before they are asked.
	if e.best != nil && h.rank-glp <= e.runnerUp {
		return
	}
	score, rank := h.score, h.rank
	var tailBuf [2]rune
	tail := tailBuf[:0]
	if extra != 0 {
		tail = append(tail, extra)
	}
	if consumed != 0 {
		tail = append(tail, rune(consumed))
	}
	p := h.prev
	for _, r := range tail {
		lp := e.s.bg.Bigram(p, r)
		score, rank = score+lp, rank+lp
		p = r
	}
	lp := e.s.bg.Bigram(p, next)
	score, rank = score+lp, rank+lp
	gain := score - glp
	if e.best != nil && rank-glp <= e.runnerUp {
		return
	}
	// Whether the repair is the best one's is read off the nodes; it is
	// made a string only to become the best.
	same := e.best != nil && endPos == e.best.end && spells(e.best.repair, h.out, tail)
	if e.best != nil && rank-glp <= e.best.rankGain {
		if !same {
			e.runnerUp = rank - glp
		}
		return
	}
	if e.best != nil && !same {
		e.runnerUp = e.best.rankGain
	}
	rs := make([]rune, 0, h.nOut+len(tail))
	for n := h.out; n != nil; n = n.parent {
		rs = append(rs, n.r)
	}
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	rs = append(rs, tail...)
	e.best = &shiftCand{end: endPos, repair: string(rs), score: score, gain: gain, rankGain: rank - glp,
		plan: ShiftPlan{Lead: h.lead, Straddle: h.straddle, Drops: append([]shiftDrop(nil), h.drops...),
			End: end, Last: last, Consumed: consumed}}
}

// spells reports whether s is string(rs) for rs the runes of the output
// nodes up to out, the first first, and then tail: what search's repair
// of a hypothesis would be, without making it.
func spells(s string, out *outNode, tail []rune) bool {
	// As string(rs) writes them: an invalid rune as U+FFFD.
	match := func(r rune) bool {
		if !utf8.ValidRune(r) {
			r = utf8.RuneError
		}
		c, n := utf8.DecodeLastRuneInString(s)
		if n == 0 || c != r {
			return false
		}
		s = s[:len(s)-n]
		return true
	}
	for i := len(tail) - 1; i >= 0; i-- {
		if !match(tail[i]) {
			return false
		}
	}
	for n := out; n != nil; n = n.parent {
		if !match(n.r) {
			return false
		}
	}
	return s == ""
}

// terminate tries the ways the run can end at token i for h, the
// hypothesis of rank rankInBeam in the beam, behind nats behind the best.
func (s *shiftScorer) terminate(text string, h shiftHyp, rankInBeam int, behind float64, toks []shiftToken, i int, ends *shiftEnds) {
	t := toks[i]
	withDrop := func(last byte, fn func(shiftHyp)) {
		fn(h)
		if h.a == 0 || len(h.drops) >= maxShiftDrops || rankInBeam >= 3 || behind > dropGap {
			return
		}
		for _, hh := range s.dropStepFinal(h, i, last) {
			fn(hh)
		}
	}
	switch {
	case t.r >= 0x40 && t.r < 0x7F:
		withDrop(byte(t.r), func(h shiftHyp) { s.terminateASCII(text, h, t, ends) })
		if syl, e := readPinyinParen(text, t.end); e > 0 && h.a != 0 && len(h.drops) < maxShiftDrops && rankInBeam < 3 && behind <= dropGap {
			// The reading after the letter names the last character: its
			// first byte, which a dropped pair took, is one of the
			// characters with that reading (如果繪(huì): FB C0 dropped
			// before 4C, and 繪 is C0 4C).
			for _, hh := range s.dropStepReading(h, i, byte(t.r), syl) {
				s.terminateASCII(text, hh, t, ends)
			}
		}
	case t.r == '€':
		withDrop(0x80, func(h shiftHyp) {
			if hh, ok := s.finalChar(h, 0x80); ok {
				ends.consider(&hh, endEuro, 0, 0, 0, t.end)
			}
		})
	case t.r == '?':
		if h.a == 0 {
			return
		}
		s.terminateLost(text, h, t, -1, ends)
		// Only the best hypothesis tries a dropped pair before the lost
		// byte (the best three did): the golden dump is the same, with
		// 1% fewer instructions in BenchmarkFindDamaged.
		if len(h.drops) >= maxShiftDrops || rankInBeam >= 1 {
			return
		}
		// A dropped pair just before the lost byte: (a,x), (x,y) dropped,
		// (y,X) the last character.
		// Score the choices cheaply and finish only the best few.
		type cand struct {
			x    byte
			code uint16
			lp   float64
		}
		const keep = 4
		var top [keep]cand
		n := 0
		ld := s.lostDropChoices(text, h.a, t.end)
		for _, gr := range ld.groups {
			lp1 := s.charLP(h.prev, gr.c, true)
			// A full top keeps none of the group's choices when its
			// bound does not beat the last: rounding is monotonic, so
			// lp1+e.b+e.cb ≤ lp1+gr.bMax+gr.cbMax.
			if n == keep && lp1+gr.bMax+gr.cbMax <= top[keep-1].lp {
				continue
			}
			ents := ld.ents
			if gr.plain {
				ents = ld.plainEnts
			}
			for _, e := range ents[gr.lo:gr.hi] {
				cd := cand{gr.x, e.code, lp1 + e.b + e.cb}
				if n < keep {
					top[n] = cd
					n++
				} else if cd.lp > top[keep-1].lp {
					top[keep-1] = cd
				} else {
					continue
				}
				for j := n - 1; j > 0 && top[j].lp > top[j-1].lp; j-- {
					top[j], top[j-1] = top[j-1], top[j]
				}
			}
		}
		for _, cd := range top[:n] {
			c := s.g.decode2(h.a, cd.x)
			h2 := h
			h2.emit(c, s.charLP(h.prev, c, true), s.cacheBonus(h.prev, c))
			y := byte(cd.code >> 8)
			h2.drops = h.arena.withDrop(h.drops, shiftDrop{At: i, U: cd.x, V: y})
			h2.a = y
			s.terminateLost(text, h2, t, int(cd.code&0xFF), ends)
		}
	}
}

// terminateASCII ends h's run at the ASCII token t (0x40–0x7E), the
// second byte of its last character.
func (s *shiftScorer) terminateASCII(text string, h shiftHyp, t shiftToken, ends *shiftEnds) {
	hh, ok := s.finalChar(h, byte(t.r))
	if !ok {
		return
	}
	// A reading after the letter must belong to the character.
	if syl, e := readPinyinParen(text, t.end); e > 0 {
		if pinyin.HasReading(hh.prev, syl) {
			// A reading after a Latin letter is impossible in clean
			// text; after the repaired character it is the document's
			// own annotation.
			hh.add(10)
		} else {
			hh.add(-12)
		}
	}
	ends.consider(&hh, endASCII, 0, 0, 0, t.end)
}

// finalChar emits (h.a, last), reporting false when it is no character.
func (s *shiftScorer) finalChar(h shiftHyp, last byte) (shiftHyp, bool) {
	if h.a == 0 {
		return h, false
	}
	c := s.g.decode2(h.a, last)
	if c == 0 || s.g.isPUA(c) {
		return h, false
	}
	h.emit(c, s.charLP(h.prev, c, false), s.cacheBonus(h.prev, c))
	return h, true
}
