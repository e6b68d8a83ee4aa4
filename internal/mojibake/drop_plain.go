package mojibake

import (
	"cmp"
	"math"
	"slices"
	"unsafe"

	"github.com/hanfix/hanfix/internal/lm"
)

// dropPlain is the part of the dropped-pair choices for a state byte ha
// and a first byte u (dropChoices) that no document changes: the first
// characters c1 = (a, x) in the order of the loop over dropTrail and
// leads, and for each the likeliest second characters (y, u) with their
// score after c1 for each script a document can have. dropChoicesOf adds
// the document's annotations and its words after c1.
type dropPlain struct {
	groups []dropPlainGroup
	ents   []dropPlainEnt
	// byBound[s] lists the groups by decreasing bound[s], the earlier
	// first among equals.
	byBound [3][]uint16
}

// dropPlainGroup is one first character c1 = (a, x) and its second
// characters ents[lo:hi]; gmax[s] is the largest g[s] of them (-Inf when
// there are none), and order[s] their places lo+order[s][i] by g[s],
// largest first (the earlier first among equals), so that dropStep can
// stop at the first one that cannot be kept.
//
// bound[s] is at least what any of them scores with c1 after any
// character (charLP of c1, with the lead prior for a lost lead, plus g[s])
// in a document of script s-1: c1's charLP with its bigram at 0, the
// largest a log-probability can be, and without the 6 that an annotation
// takes off, plus gmax[s]. Rounding is monotonic, so the terms added in
// dropStep's order to a smaller bigram sum to no more. A selection that
// is full skips the group, without scoring c1, when its bound does not
// reach the last choice kept.
type dropPlainGroup struct {
	a, x   byte
	c1     rune
	lo, hi int32
	gmax   [3]float64
	bound  [3]float64
	order  [3][dropK]uint8
}

// dropPlainEnt is one second character c2 = (y, u): g[s] is charLP(c1,
// c2, true) of the default model in a document of script s-1 (see
// docScript) that does not annotate c2. Annotating c2 takes 6 more, in
// the last addition of charLP, so the document's score is g[s] or
// g[s]-6.
type dropPlainEnt struct {
	y  byte
	c2 rune
	g  [3]float64
}

// scriptEvidence holds, for each script s-1 a document can have (see
// docScript), evidence that has that script and no annotations, for the
// scores of dropPlainEnt.
var scriptEvidence = func() (evs [3]*evidence) {
	for i := range evs {
		e := new(evidence)
		e.scriptOnce.Do(func() { e.script = i - 1 })
		evs[i] = e
	}
	return evs
}()

// scriptIndex returns the index of dropPlainEnt.g for the scorer's
// document: its script + 1, 1 without evidence.
func (s *shiftScorer) scriptIndex() int {
	s.settleScript()
	return s.script + 1
}

// settleScript sets the scorer's script to its document's, settling the
// evidence's when it is the first to ask, and readies the script table;
// once. It is small enough to be inlined, so that the callers of scriptLP
// pay a test for it.
func (s *shiftScorer) settleScript() {
	if !s.scriptSet {
		s.settleScriptOnce()
	}
}

// settleScriptOnce is settleScript's work, done once.
func (s *shiftScorer) settleScriptOnce() {
	if s.ev != nil {
		s.script = s.ev.settledScript()
	}
	scriptTable()
	s.scriptSet = true
}

// scriptLP is s.ev.scriptLP(s.m, c), the document-script prior of c, read
// from the script table with the script the scorer keeps, instead of
// asking the evidence (a call, its sync.Once and its model test) for
// every character the searches score. The scorer's model must be the
// default model, the one of the table, and its script settled
// (settleScript), which its callers ask before: with the call to settle
// it, scriptLP was too large to be inlined, and the searches ask it of
// every character they score.
func (s *shiftScorer) scriptLP(c rune) float64 {
	if c < 0x4E00 || c > 0x9FFF {
		return 0
	}
	return scriptMismatch(s.script, scriptTab[c-0x4E00])
}

// dropPlains holds the dropPlain of the (ha, u) asked so far: the
// misalignment searches of every document ask for the same few hundred,
// which each analysis used to build again (half of the cost of building
// its dropped-pair choices was charLP, most of it the Bigram of each
// pair). Every (ha, u) a search can ask would take over 40 MB, the
// damaged devset inputs take 700 KB.
var dropPlains = &byteKeyed[dropPlain]{limit: 8 << 20}

// dropPlainOf returns the dropPlain of (ha, u) for the scorer's tables;
// the scorer's model must be the default model.
func (s *shiftScorer) dropPlainOf(ha, u byte) *dropPlain {
	if p := dropPlains.load(ha, u); p != nil {
		return p
	}
	p := s.buildDropPlain(ha, u)
	dropPlains.keep(ha, u, p, int64(cap(p.groups))*int64(unsafe.Sizeof(dropPlainGroup{}))+int64(cap(p.ents))*int64(unsafe.Sizeof(dropPlainEnt{}))+
		int64(len(p.byBound))*int64(len(p.groups))*2)
	return p
}

// buildDropPlain makes the dropPlain of (ha, u): the loops of the
// dropped-pair choices without the document.
func (s *shiftScorer) buildDropPlain(ha, u byte) *dropPlain {
	m := lm.Default()
	p := &dropPlain{}
	for k, x := range s.tab.dropTrail {
		leads := []byte{ha}
		if ha == 0 {
			// Two leads, not four: the golden dump is the same (one moves
			// confidences), and the choices are half as many (1.5% of
			// BenchmarkFindDamaged's instructions).
			leads = s.tab.leads[x]
			if len(leads) > 2 {
				leads = leads[:2]
			}
		}
		for _, a := range leads {
			c1 := s.g.decode2(a, x)
			if c1 == 0 || s.g.isPUA(c1) || m.Unigram(c1) < rareOriginal {
				continue
			}
			lo := int32(len(p.ents))
			inf := math.Inf(-1)
			gmax := [3]float64{inf, inf, inf}
			for _, y := range s.tab.dropLeads[k][u] {
				c2 := s.g.decode2(y, u)
				if m.Unigram(c2) < rareOriginal {
					break // sorted by unigram
				}
				e := dropPlainEnt{y: y, c2: c2}
				bigram, odd := m.Bigram(c1, c2), oddClass(c2)
				for i, ev := range scriptEvidence {
					e.g[i] = charTerms{ev.scriptLP(m, c2), odd, false}.lp(bigram, true)
					gmax[i] = max(gmax[i], e.g[i])
				}
				p.ents = append(p.ents, e)
			}
			gr := dropPlainGroup{a: a, x: x, c1: c1, lo: lo, hi: int32(len(p.ents)), gmax: gmax}
			for i, ev := range scriptEvidence {
				b := charTerms{ev.scriptLP(m, c1), oddClass(c1), false}.lp(0, ha != 0)
				if ha == 0 {
					b += leadPrior(c1, x)
				}
				gr.bound[i] = b + gmax[i]
			}
			ents := p.ents[lo:]
			for i := range gr.order {
				ord := gr.order[i][:len(ents)]
				for k := range ord {
					ord[k] = uint8(k)
				}
				slices.SortStableFunc(ord, func(x, y uint8) int { return cmp.Compare(ents[y].g[i], ents[x].g[i]) })
			}
			p.groups = append(p.groups, gr)
		}
	}
	for i := range p.byBound {
		ord := make([]uint16, len(p.groups))
		for k := range ord {
			ord[k] = uint16(k)
		}
		slices.SortStableFunc(ord, func(x, y uint16) int { return cmp.Compare(p.groups[y].bound[i], p.groups[x].bound[i]) })
		p.byBound[i] = ord
	}
	return p
}
