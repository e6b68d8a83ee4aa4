// Dropped pairs: the beam's guesses for the private-use pairs a decoder
// dropped between two tokens.

package mojibake

import "sync"

// dropStep emits (h.a, x) and (y, u) for a dropped private-use pair (x, y),
// keeping the few likeliest choices, for each hypothesis of hs. The
// hypotheses must share h.a (all hypotheses at a token do): the choices
// and the score of the second character are then the same for all of
// them (dropChoicesOf), and only the first character's score depends on
// the hypothesis, which selects among them (dropSelect). The hypotheses
// after hs[j] are in s.dropOut[slot+j].
func (s *shiftScorer) dropStep(hs []shiftHyp, at int, u byte, slot int) [maxDropShare][]shiftHyp {
	var sels [maxDropShare]dropSel
	dc := s.dropChoicesOf(hs[0].a, u)
	si := s.scriptIndex()
	for j := range hs {
		s.dropSelect(&sels[j], dc, hs[j].prev, si)
	}
	var outs [maxDropShare][]shiftHyp
	for j, h := range hs {
		sel := &sels[j]
		out := s.dropOut[slot+j][:0]
		// Choices with the same first character (a, x) emit it alike:
		// the hypothesis after it is made once and shared (its output
		// node too, which nothing changes).
		var firstKeys [dropKeep]uint16
		var firsts [dropKeep]shiftHyp
		nf := 0
		for _, c := range sel.top[:sel.n] {
			key := uint16(c.a)<<8 | uint16(c.x)
			f := 0
			for f < nf && firstKeys[f] != key {
				f++
			}
			if f == nf {
				hh := h
				// c.lp1 is charLP(h.prev, c1, inner), with the lead prior
				// for a lost lead, and c.g is charLP(c1, c2, true):
				// computed once above.
				if h.a == 0 {
					hh.lead = c.a
					hh.emit(c.c1, c.lp1, 0)
				} else {
					hh.emit(c.c1, c.lp1, s.cacheBonus(h.prev, c.c1))
				}
				firstKeys[f], firsts[f] = key, hh
				nf++
			}
			hh := firsts[f]
			hh.drops = h.arena.withDrop(h.drops, shiftDrop{At: at, U: c.x, V: c.y})
			hh.emit(c.c2, c.g+dropAdjust, s.cacheBonus(c.c1, c.c2))
			out = append(out, hh)
		}
		s.dropOut[slot+j], outs[j] = out, out
	}
	return outs
}

// dropSelect makes sel, which must be empty, the selection of dc's
// choices after the character prev, in a document of script index si.
// The selection depends on nothing else, and the hypotheses at the tokens
// of the searches from one '?' (and damage that repeats itself) ask for
// the same again, a quarter of the selections of the damaged devset
// inputs: dc keeps the last few.
func (s *shiftScorer) dropSelect(sel *dropSel, dc *dropChoices, prev rune, si int) {
	for i := range dc.sels {
		if dc.sels[i].prev == prev {
			*sel = dc.sels[i].sel
			return
		}
	}
	ha, p := dc.ha, dc.plain
	// The groups go by decreasing bound, so that the selection is full
	// of good choices early; once it is full and a group's bound does
	// not reach its last choice, the group's plain choices cannot be
	// kept, and its first character is not scored at all. (dropSel ranks
	// the choices alike in any order.) The document's words after a first
	// character are offered whatever the bound, which does not cover
	// their cache bonus.
	for _, gi := range p.byBound[si] {
		gr := &dc.groups[gi]
		if sel.full() && gr.bound < sel.top[dropKeep-1].lp && gr.lo == gr.hi {
			continue
		}
		c1 := gr.c1
		lp, ok := s.bg.lookup(prev, c1) // s.bg.Bigram(prev, c1), inlined
		if !ok {
			lp = s.bg.miss(prev, c1)
		}
		// charLP(prev, c1, ha != 0), its terms of c1 alone computed once
		// with the choices.
		l1 := gr.c1Terms.lp(lp, ha != 0)
		if ha == 0 {
			l1 += leadPrior(c1, gr.x)
		}
		// offerGroup's bound, asked here to save the call for the groups
		// it would skip (most have no document words).
		if sel.full() && l1+gr.gmax < sel.top[dropKeep-1].lp && gr.lo == gr.hi {
			continue
		}
		s.offerGroup(sel, dc, int(gi), l1, si)
	}
	if len(dc.sels) < dropSelMemo {
		dc.sels = append(dc.sels, dropSelAfter{prev, *sel})
	} else {
		dc.sels[dc.nextSel] = dropSelAfter{prev, *sel}
		dc.nextSel = (dc.nextSel + 1) % dropSelMemo
	}
}

// dropSelMemo is how many selections, after different characters, a
// dropChoices keeps (dropSelect).
const dropSelMemo = 4

// dropSelAfter is the selection of dropSelect after the character prev.
type dropSelAfter struct {
	prev rune
	sel  dropSel
}

// offerGroup offers sel the choices of group gi of dc whose first
// character scores l1 after the hypothesis, in a document of script
// index si.
func (s *shiftScorer) offerGroup(sel *dropSel, dc *dropChoices, gi int, l1 float64, si int) {
	p := dc.plain
	pg, gr := &p.groups[gi], &dc.groups[gi]
	a, x, c1 := pg.a, pg.x, pg.c1
	seq := uint32(gi) << 16
	// A full selection keeps none of the group's plain choices when even
	// the best of them (gmax, their best before the document's
	// annotations take any 6 off) scores less than its last one:
	// rounding is monotonic, so lp1+g ≤ lp1+gmax. (An equal score may
	// still rank before the last by its place.)
	if !sel.full() || l1+pg.gmax[si] >= sel.top[dropKeep-1].lp {
		// The plain choices best first (order), so that the first one
		// that cannot be kept ends the loop: the rest score no more,
		// before annotations as after.
		annotates := s.ev != nil && s.ev.annBits != nil
		lo := int(pg.lo)
		for _, o := range pg.order[si][:int(pg.hi)-lo] {
			e := &p.ents[lo+int(o)]
			g := e.g[si]
			if sel.full() && l1+g < sel.top[dropKeep-1].lp {
				break
			}
			if annotates && s.ev.annotated(e.c2) {
				g -= 6 // charLP's last term
			}
			sel.offer(dropCand{a, x, e.y, c1, e.c2, l1, g, l1 + g, seq | uint32(o)})
		}
	}
	for k := gr.lo; k < gr.hi; k++ {
		e := &dc.ents[k]
		sel.offer(dropCand{a, x, e.y, c1, e.c2, l1, e.g, l1 + e.g + e.cb, seq | uint32(dropK+k-gr.lo)})
	}
}

// dropChoices holds the choices of dropStep for one state byte ha and
// first byte u, in the order of the plain loop over dropTrail, leads and
// second characters: per first character c1 = (a, x) the likeliest
// second characters (y, u) of plain, with charLP(c1, c2, true) by the
// document's script, and the document's words after c1 with their
// charLP and cache bonus. None of it depends on the hypothesis; the
// searches from the starts of one '?' go over the same tokens, and damage
// repeats itself, so about half the dropSteps of a damaged document find
// their choices here.
type dropChoices struct {
	ha, u  byte
	used   bool
	plain  *dropPlain
	groups []dropChoiceGroup // those of plain, in its order
	ents   []dropChoiceEnt
	// sels are the selections after the last characters asked
	// (dropSelect), up to dropSelMemo, sels[nextSel] the next replaced.
	sels    []dropSelAfter
	nextSel int
}

// dropChoiceGroup is the document's part of the choices of one first
// character c1 = (a, x) of plain: the terms of c1's charLP and the
// document's words after c1 in ents[lo:hi]. (Whether the document
// annotates a second character of plain, which then takes 6 off its
// score, dropStep asks of the few it looks at.) c1, and gmax and bound,
// the plain group's in the document's script, are copied from plain, so
// that dropStep's loop over the groups reads this compact array alone.
type dropChoiceGroup struct {
	x       byte // c1's second byte
	c1      rune
	c1Terms charTerms
	gmax    float64
	bound   float64 // the plain group's bound in the document's script
	lo, hi  int
}

type dropChoiceEnt struct {
	y     byte
	c2    rune
	g, cb float64
}

// dropChoiceSlots is the size of the scorer's direct-mapped cache of
// dropChoices, which bounds its memory (a few KB a slot used). The damaged
// devset inputs ask for 173 different choices: with 64 slots, a tenth of
// the look-ups missed for a conflict, which 256 slots all but avoid.
const dropChoiceSlots = 256

// dropCachePool keeps the caches of finished analyses, with the memory of
// their choices, for the next.
var dropCachePool = sync.Pool{New: func() any { return new([dropChoiceSlots]dropChoices) }}

func (s *shiftScorer) dropChoicesOf(ha, u byte) *dropChoices {
	if s.dropCache == nil {
		s.dropCache = dropCachePool.Get().(*[dropChoiceSlots]dropChoices)
	}
	dc := &s.dropCache[(int(ha)*31+int(u))%dropChoiceSlots]
	if dc.used && dc.ha == ha && dc.u == u {
		return dc
	}
	dc.ha, dc.u, dc.used, dc.groups, dc.ents = ha, u, true, dc.groups[:0], dc.ents[:0]
	dc.sels, dc.nextSel = dc.sels[:0], 0
	p, si := s.dropPlainOf(ha, u), s.scriptIndex()
	dc.plain = p
	for _, pg := range p.groups {
		x, c1 := pg.x, pg.c1
		gr := dropChoiceGroup{x: x, c1: c1, c1Terms: s.termsOf(c1), gmax: pg.gmax[si], bound: pg.bound[si], lo: len(dc.ents)}
		if ha != 0 {
			// Words of the document after c1 (您 → 也).
			for _, c2 := range s.ev.successors(c1) {
				if y, b1, n := s.g.encode(c2); n == 2 && b1 == u && s.g.isDropped(x, y) {
					dc.ents = append(dc.ents, dropChoiceEnt{y, c2, s.charLP(c1, c2, true), s.cacheBonus(c1, c2)})
				}
			}
		}
		gr.hi = len(dc.ents)
		dc.groups = append(dc.groups, gr)
	}
	return dc
}

// maxDropShare is how many hypotheses at a token try dropped pairs (the
// best two).
const maxDropShare = 2

// dropGap is how far behind the best hypothesis at a token one may be and
// still try a dropped pair there (dropStep, and dropStepFinal before an
// ASCII or euro end): the hypotheses at a token share their state byte,
// so they choose among the same pairs, and only the score of the pair's
// first character after their last one differs. The golden dump is the
// same with 8, 6 and 5; a gap of 3 before an end moves a confidence
// across SureConfidence, and one of 2 before tokens changes two repairs.
// With 6 (a factor of 400), BenchmarkFindDamaged runs 2.4% fewer
// instructions than without a gap.
const dropGap = 6.0

// dropCand is a choice of dropStep.
type dropCand struct {
	a, x, y byte
	c1, c2  rune
	lp1, g  float64 // the scores of c1 and c2 as emitted (without cache bonus)
	lp      float64
	// seq is the choice's place in the order of the plain loops over
	// dropTrail, leads and second characters (the group's index in the
	// high half, then the plain choice's place in the group, then the
	// document's words), which decides among equal scores.
	seq uint32
}

// before reports whether c ranks before d: it scores more, or as much and
// comes first in the plain order.
func (c *dropCand) before(d *dropCand) bool {
	return c.lp > d.lp || c.lp == d.lp && c.seq < d.seq
}

// dropSel keeps the dropKeep best choices, the earlier (by seq) first
// among equals, whatever the order they are offered in.
type dropSel struct {
	top [dropKeep]dropCand
	n   int
}

const dropKeep = 6

// full reports whether a choice must rank before the last one kept to be
// kept.
func (t *dropSel) full() bool { return t.n == dropKeep }

// offer keeps c if it ranks among the dropKeep best offered so far.
func (t *dropSel) offer(c dropCand) {
	k := t.n // where c goes before it moves up past the worse ones
	if k < dropKeep {
		t.n++
	} else if c.before(&t.top[dropKeep-1]) {
		k = dropKeep - 1
	} else {
		return
	}
	// Shifting the worse choices down and writing c once places it where
	// swapping it up would (past every choice it beats, after its equals).
	for ; k > 0 && c.before(&t.top[k-1]); k-- {
		t.top[k] = t.top[k-1]
	}
	t.top[k] = c
}

// rareOriginal is the unigram below which a character is not tried as the
// original of a dropped pair: the search has to guess both bytes, and a
// guess that rare would not beat the garbled text anyway. -12 (was -14)
// was measured to change no span, plan or confidence of the golden dump
// (development set, seeds, gold, synthetic runs) and to save 4% of
// BenchmarkFindDamaged's and FindSeed001's instructions. -11 saves 6% and
// changes nothing either, but -10 already loses 串 (unigram -10.6) after
// 字 in three repairs: -12 keeps a nat of headroom for unseen text. The
// characters below -12 are 1.0% of the model's GBK text (below -14: 0.3%).
const rareOriginal = -12.0

// dropAdjust offsets the cost of the extra character a dropped pair
// restores, so that a bigram model does not prefer shorter repairs.
const dropAdjust = 2.0
