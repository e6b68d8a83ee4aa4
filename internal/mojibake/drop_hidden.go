package mojibake

import (
	"math"
	"slices"
	"sync"
)

// A character hidden by two dropped pairs.
//
// Read one byte out of step, a character's second byte pairs with the
// next character's first. When that pair is a private-use position (a
// second byte of AA–AF or F8–FE before a first byte of A1 or more), the
// decoder drops it, and the search restores it as a dropped pair (x, y):
// x ends the character before, y starts the one after. A character whose
// own first byte also makes such a pair with the byte before it vanishes
// whole: 如果您用 is C8E7 B9FB C4FA D3C3, and read out of step it loses
// both FB C4 and FA D3; what is left reads as 如果用 with the one dropped
// pair FB D3. 您 (FA), 给 (F8) and 它 (FC) end in such bytes: of the
// 1,099 held-out lines of scripts/shift-heldout.sh repaired wrongly, 102
// lost exactly one character in a run repaired with a dropped pair. The
// search does not try two drops in a row;
// hiddenChar tries, at each dropped pair of its best repair, the
// characters that two drops could have hidden there.

// hiddenGain is how much better, in nats, the repair with a hidden
// character must read than the repair without it for the character to be
// restored. Whether restored or not, the other reading counts as a
// runner-up for the repair's confidence.
const hiddenGain = 3.0

// hiddenChar is a character c = (x1, x2) between two dropped pairs in
// place of the dropped pair Drops[drop] = (U, V) of a plan: (U, x1) and
// (x2, V) are dropped. delta is what c adds to the repair's ranking score,
// gain what it adds to its score without the document's cache bonus.
type hiddenChar struct {
	drop        int
	c           rune
	x1, x2      byte
	delta, gain float64
}

// hiddenFloor is how far below the repair without it a reading with a
// hidden character may score and still be looked at: further behind, it
// moves the repair's confidence by less than 0.001.
const hiddenFloor = 8.0

// hiddenChar returns the best character that two dropped pairs could hide
// in place of one of the dropped pairs of the search's repair c of the run
// garbled; ok is false when c has no dropped pair or none could hide a
// character that reads less than hiddenFloor worse, or worse than c's
// runner-up.
func (s *shiftScorer) hiddenChar(c *shiftCand, garbled string) (best hiddenChar, ok bool) {
	if len(c.plan.Drops) == 0 {
		return best, false
	}
	bs, offs, err := c.plan.bytes(garbled)
	if err != nil {
		return best, false
	}
	g := s.g
	floor := max(c.runnerUp-c.rankGain, -hiddenFloor)
	for k, o := range offs {
		// In phase, bs holds pairs from its start up to the terminator:
		// the dropped pair (U, V) at o ends the character bs[o-1:o+1]
		// and starts bs[o+1:o+3].
		if o < 1 || o+2 >= len(bs) || o%2 == 0 {
			continue
		}
		u, v := bs[o], bs[o+1]
		a, b := g.decode2(bs[o-1], u), g.decode2(v, bs[o+2])
		if a == 0 || b == 0 {
			continue
		}
		// The leads x1 that the pair before drops, (u, x1), the likeliest
		// hiddenTries for each second byte, are dropLeads[d]: no list for
		// a byte u that drops no lead.
		d := slices.Index(s.tab.dropTrail, u)
		if d < 0 {
			continue
		}
		base := s.charLP(a, b, true)
		baseCache := s.cacheBonus(a, b)
		// charLP is a log-probability plus penalties, never above 0: a
		// candidate whose first term leaves it below the floor even with
		// the largest cache bonuses is not scored further.
		slack := dropAdjust - base + 2*maxCacheBonus - baseCache
		for _, x2 := range hiddenSeconds(g, v) {
			for _, x1 := range s.tab.dropLeads[d][x2] {
				x := g.decode2(x1, x2)
				lpA := s.charLP(a, x, true)
				if lpA+slack < floor {
					continue
				}
				gain := lpA + s.charLP(x, b, true) + dropAdjust - base
				if gain+2*maxCacheBonus-baseCache < floor {
					continue
				}
				delta := gain + s.cacheBonus(a, x) + s.cacheBonus(x, b) - baseCache
				if delta > floor && (!ok || delta > best.delta) {
					best, ok = hiddenChar{drop: k, c: x, x1: x1, x2: x2, delta: delta, gain: gain}, true
				}
			}
		}
	}
	return best, ok
}

// hiddenSeconds returns the second bytes x such that a decoder drops the
// pair (x, v): those of a character that a dropped pair before v can hide.
func hiddenSeconds(g *gbkTable, v byte) []byte {
	hiddenOnce.Do(func() {
		for v := 0x40; v <= 0xFE; v++ {
			for x := 0x40; x <= 0xFE; x++ {
				if g.isDropped(byte(x), byte(v)) {
					hiddenTab[v] = append(hiddenTab[v], byte(x))
				}
			}
		}
	})
	return hiddenTab[v]
}

var (
	hiddenOnce sync.Once
	hiddenTab  [256][]byte // hiddenSeconds by v
)

// withHidden returns c's plan with the dropped pair h.drop split in two
// around h's character.
func (p ShiftPlan) withHidden(h hiddenChar) ShiftPlan {
	d := p.Drops[h.drop]
	drops := make([]shiftDrop, 0, len(p.Drops)+1)
	drops = append(drops, p.Drops[:h.drop]...)
	drops = append(drops, shiftDrop{At: d.At, U: d.U, V: h.x1}, shiftDrop{At: d.At, U: h.x2, V: d.V})
	drops = append(drops, p.Drops[h.drop+1:]...)
	p.Drops = drops
	return p
}

// restoreHidden looks for a character hidden by two dropped pairs in c, a
// repair of garbled. When one reads clearly better (hiddenGain) and
// accepted takes the repair with it, c becomes that repair and
// restoreHidden reports restored. Otherwise the reading with the
// character is a runner-up of c's ranking, and declined is how much better
// than c it reads (-Inf when there was none to weigh).
func (s *shiftScorer) restoreHidden(c *shiftCand, garbled string, accepted func(*shiftCand) bool) (restored bool, declined float64) {
	h, ok := s.hiddenChar(c, garbled)
	if !ok {
		return false, math.Inf(-1)
	}
	if h.delta >= hiddenGain {
		alt := *c
		alt.plan = c.plan.withHidden(h)
		if repair, err := alt.plan.apply(garbled); err == nil {
			alt.repair = repair
			alt.runnerUp = max(c.runnerUp, c.rankGain)
			alt.score += h.gain
			alt.gain += h.gain
			alt.rankGain += h.delta
			if accepted(&alt) {
				*c = alt
				return true, math.Inf(-1)
			}
		}
	}
	c.runnerUp = max(c.runnerUp, c.rankGain+h.delta)
	return false, h.delta
}
