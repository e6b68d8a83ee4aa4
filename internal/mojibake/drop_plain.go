package mojibake

import (
	"unsafe"

	"github.com/hanfix/hanfix/internal/lm"
)

// dropPlain is the part of the dropped-pair choices for a state byte ha
// and a first byte u (dropChoices) that no document changes: the first
// characters c1 = (a, x) in the order of the loop over dropTrail and
// leads, and for each the likeliest second characters (y, u) with their
// Bigram after c1 and their class. dropChoicesOf adds the document's
// terms (script, annotations) and its words after c1.
type dropPlain struct {
	groups []dropPlainGroup
	ents   []dropPlainEnt
}

// dropPlainGroup is one first character c1 = (a, x) and its second
// characters ents[lo:hi].
type dropPlainGroup struct {
	a, x   byte
	c1     rune
	lo, hi int32
}

// dropPlainEnt is one second character c2 = (y, u): bigram is
// Bigram(c1, c2) of the default model and odd is oddClass(c2).
type dropPlainEnt struct {
	y      byte
	odd    bool
	c2     rune
	bigram float64
}

// dropPlains holds the dropPlain of the (ha, u) asked so far: the
// misalignment searches of every document ask for the same few hundred,
// which each analysis used to build again (half of the cost of building
// its dropped-pair choices was charLP, most of it the Bigram of each
// pair). Every (ha, u) a search can ask would take over 20 MB, the
// damaged devset inputs take 350 KB.
var dropPlains = &byteKeyed[dropPlain]{limit: 4 << 20}

// dropPlainOf returns the dropPlain of (ha, u) for the scorer's tables;
// the scorer's model must be the default model.
func (s *shiftScorer) dropPlainOf(ha, u byte) *dropPlain {
	if p := dropPlains.load(ha, u); p != nil {
		return p
	}
	p := s.buildDropPlain(ha, u)
	dropPlains.keep(ha, u, p, int64(cap(p.groups))*int64(unsafe.Sizeof(dropPlainGroup{}))+int64(cap(p.ents))*int64(unsafe.Sizeof(dropPlainEnt{})))
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
			for _, y := range s.tab.dropLeads[k][u] {
				c2 := s.g.decode2(y, u)
				if m.Unigram(c2) < rareOriginal {
					break // sorted by unigram
				}
				p.ents = append(p.ents, dropPlainEnt{y: y, odd: oddClass(c2), c2: c2, bigram: m.Bigram(c1, c2)})
			}
			p.groups = append(p.groups, dropPlainGroup{a: a, x: x, c1: c1, lo: lo, hi: int32(len(p.ents))})
		}
	}
	return p
}
