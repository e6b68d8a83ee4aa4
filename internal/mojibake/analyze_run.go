// The analyzer: one pass over a text that finds its spans and replays each
// repair from its plan.

package mojibake

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
)

type analyzer struct {
	text  string
	sc    *shiftScorer
	spans []Span
	near  []window // findNear's windows: the analysis looks only where a span could meet them
	// unsure is the text where findNear's skipped searches could have
	// found misaligned runs; unsure is set when a region that meets a
	// window touches it.
	zones  []window
	unsure bool
	// rejected are the '?' whose best repair gained, but not enough.
	rejected []int
	// recoded are the codec-chain repairs made spans, each of which
	// recodeSegment found lossless (reproduces).
	recoded []recodeCand
	// prior is the evidence's prior (see codecPrior), and repairs the
	// windows of the repairs applied, where it does not apply.
	prior   recoding
	repairs []window
}

// newAnalyzer returns an analyzer of text (near as for findNear) with a
// scorer (newShiftScorer: no evidence yet, the scratch memory of an
// earlier analysis), which the caller releases. It builds the gate first:
// the scans read gateBits (suspiciousRune, skipClean) without asking for
// it.
func newAnalyzer(text string, near []window) *analyzer {
	gateTable()
	return &analyzer{text: text, sc: newShiftScorer(), near: near}
}

// covered reports whether text[start:end] overlaps a span found so far
// (a.spans, in any order).
func (a *analyzer) covered(start, end int) bool {
	for _, s := range a.spans {
		if start < s.End && s.Start < end {
			return true
		}
	}
	return false
}

// foundLossless reports whether recodeSegment found the repair of span sp
// lossless with the hops and fills of its plan p: reproduces, a pure
// function, was then true of the same arguments. a.recoded must be sorted
// by start (run sorts it); its candidates do not overlap, so at most one
// starts where sp does, found by binary search rather than by a scan that
// made the replay quadratic in the repairs of a document.
func (a *analyzer) foundLossless(sp *Span, p Plan) bool {
	k, ok := slices.BinarySearchFunc(a.recoded, sp.Start, func(c recodeCand, start int) int {
		return cmp.Compare(c.start, start)
	})
	if !ok {
		return false
	}
	c := &a.recoded[k]
	return c.end == sp.End && c.repair == sp.Repair && slices.Equal(c.chain, p.Hops) && slices.Equal(c.fills, p.Fills)
}

// run finds the spans of a.text: misaligned runs, codec-chain repairs,
// lost characters and no-break spaces. Then it replays every repair from
// its plan, as Plan.Apply would; a repair that does not replay is a bug,
// and its span is then only reported.
func (a *analyzer) run() {
	a.shiftRuns()
	if a.findRecodes(); a.unsure {
		return
	}
	a.findLost()
	a.findNBSP()
	sort.Slice(a.spans, func(i, j int) bool { return a.spans[i].Start < a.spans[j].Start })
	slices.SortFunc(a.recoded, func(x, y recodeCand) int { return cmp.Compare(x.start, y.start) })
	// Every repair must replay from its plan; a mismatch is a bug, and the
	// span is then only reported.
	for i := range a.spans {
		sp := &a.spans[i]
		if !sp.Repairable {
			continue
		}
		p, err := ParsePlan(sp.Plan)
		if err == nil && byteHopPlan(p) && a.foundLossless(sp, p) {
			// recodeSegment found this very repair lossless, which for
			// such a plan proves that undoHops gives sp.Repair (see
			// byteHopPlan): the span is not decoded again.
			continue
		}
		if err == nil {
			// p.Apply, which tests a chain's repair for losslessness
			// unless recodeSegment found this very repair lossless.
			var got string
			if got, err = p.undoHops(sp.Garbled); err == nil && p.Shift == nil &&
				(got != sp.Repair || !a.foundLossless(sp, p)) && !reproduces(got, sp.Garbled, p.Hops, p.Fills) {
				err = ErrNotLossless
			}
			if err == nil && got != sp.Repair {
				err = fmt.Errorf("replay gives %q", got)
			}
		}
		if err != nil {
			sp.Repairable, sp.Repair = false, ""
			sp.Reason += "; not applied: " + err.Error()
		}
	}
}

// byteHopPlan reports whether p is a chain of hops from UTF-8 read one
// byte a rune (utf8<-cp1252, utf8<-latin1) with no lost byte. For such a
// plan, reproduces(rep, garbled, p.Hops, p.Fills) implies that
// p.undoHops(garbled) gives rep, so that run replays a span whose
// candidate recodeSegment found lossless (foundLossless) without
// decoding it again: on the development set's codec-chain inputs the
// replay of such spans took 4% of Find's instructions.
//
// The proof. Each hop's reader reads byte b as the rune D(b)
// (cp1252Dec, or b itself), and its writer, which undoHops uses, writes
// D(b) as b again (TestCP1252RoundTrip); D is one-to-one. reproduces
// (with readsAs1252 for the one hop utf8<-cp1252, invertFilled
// otherwise) has found that reading the UTF-8 of rep through the hops
// from the last, each hop's input valid UTF-8 without U+FFFD, gives
// runes D(b), one a byte b that the first hop read, that are at the
// fills' places (fill k at rune At+k) the fills' bytes B as rune(B)
// (which is D(b) only for b = B: a byte windows-1252 leaves undefined,
// or any byte for ISO-8859-1), and elsewhere, in order, all the runes
// of garbled, each from its own UTF-8. undoHops, from the first hop,
// writes each rune D(b) of garbled as b and fill k's byte before rune
// At, that is at byte At+k: the bytes the first hop read, whose decoding
// it returns as they are valid UTF-8; and so on through every hop up to
// rep.
// (TestByteHopsReplay checks it on random text.)
func byteHopPlan(p Plan) bool {
	if p.Shift != nil || len(p.Hops) == 0 {
		return false
	}
	// Any fill may be a lost byte: recodeSegment lists a stretch's unit
	// fills before its lost ones.
	for _, f := range p.Fills {
		if f.Lost {
			return false
		}
	}
	for _, h := range p.Hops {
		if h != (recoding{"utf8", "cp1252"}) && h != (recoding{"utf8", "latin1"}) {
			return false
		}
	}
	return true
}
