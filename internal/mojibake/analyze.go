package mojibake

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
)

// Minimum log-probability gain (nats) of a repair over the garbled text.
const (
	minShiftGain = 5.0
)

// Find returns the mojibake spans of text, sorted by Start and not
// overlapping. Text must be valid UTF-8 (invalid bytes are skipped). It is
// safe for concurrent use.
func Find(text string) []Span {
	spans, rejected, ev := findAll(text, nil, nil)
	defer ev.release()
	// Idempotence: the repaired text must not offer new repairs. A repair
	// next to a garbled sequence can complete a new one (as in ÃÂ¯): the
	// spans whose repair would do so are reported instead. And a run that
	// gained too little can pass once the document around it reads better
	// (its own repairs add to the evidence): such runs, searched again on
	// the repaired text, are repaired now rather than by a second cleaning.
	for iter := 0; iter < 4; iter++ {
		any := false
		for _, sp := range spans {
			any = any || sp.Repairable
		}
		if !any {
			break
		}
		out, starts := applyMapped(text, spans)
		// The evidence of the repaired text, and its script counts
		// when the analysis asks for them, follow from those of text,
		// without a pass over all of it.
		rev := ev.repaired(out, spans, starts)
		near := repairWindows(starts, spans)
		for _, q := range rejected {
			if at, ok := mapForward(q, starts, spans); ok {
				near = append(near, window{at, at})
			}
		}
		sort.Slice(near, func(i, j int) bool { return near[i].lo < near[j].lo })
		var conflict bool
		// The spans to add and those they supersede, applied after the
		// loop: mapBack reads spans against starts.
		var adds []Span
		var superseded []bool
		for _, r := range findNear(out, near, rev) {
			if !r.Repairable {
				continue
			}
			a, b := mapBack(r.Start, starts, spans, text), mapBack(r.End, starts, spans, text)
			// met: r meets a span; reportsOnly: all it meets are reports
			// (nothing applied) inside it, which r, a repair of the text
			// around them, supersedes (a U+FFFD whose byte r restores).
			met, reportsOnly := false, true
			for i := range spans {
				sp := &spans[i]
				if sp.Start <= b && a <= sp.End {
					met = true
					reportsOnly = reportsOnly && !sp.Repairable && a <= sp.Start && sp.End <= b
					if sp.Repairable {
						sp.Repairable, sp.Repair = false, ""
						sp.Reason += "; not applied: the repaired text would offer a further repair here"
						conflict = true
					}
				}
			}
			if (!met || reportsOnly) && b-a == r.End-r.Start && text[a:b] == r.Garbled {
				if met {
					if superseded == nil {
						superseded = make([]bool, len(spans))
					}
					for i, sp := range spans {
						superseded[i] = superseded[i] || sp.Start <= b && a <= sp.End
					}
				}
				r.Start, r.End = a, b
				r.Reason += "; found once the rest of the document was repaired"
				adds = append(adds, r)
			}
		}
		rev.release()
		added := len(adds) > 0
		if added {
			if superseded != nil {
				kept := spans[:0]
				for i, sp := range spans {
					if !superseded[i] {
						kept = append(kept, sp)
					}
				}
				spans = kept
			}
			spans = append(spans, adds...)
			sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
			rejected = nil
		}
		if !conflict && !added {
			break
		}
	}
	return spans
}

// mapForward maps offset q of the input, outside the spans, to the output
// of applyMapped.
func mapForward(q int, starts []int, spans []Span) (int, bool) {
	delta := 0
	for i, s := range spans {
		if q >= s.Start && q < s.End {
			return 0, false
		}
		if s.End > q {
			break
		}
		if starts[i] >= 0 {
			delta = starts[i] + len(s.Repair) - s.End
		}
	}
	return q + delta, true
}

func find(text string) []Span {
	return findNear(text, nil, nil)
}

// findAll is find that also returns the '?' whose best repair gained too
// little (see Find).
//
// When ev is not nil, it is the evidence of text, as collectEvidence
// finds it, which the analysis takes instead of collecting it (Find
// derives that of a repaired text, evidence.repaired). findAll also
// returns the evidence it took (nil for text without anything
// suspicious).
func findAll(text string, near []window, ev *evidence) ([]Span, []int, *evidence) {
	if !Suspicious(text) {
		return nil, nil, nil
	}
	if ev == nil {
		ev = collectEvidence(text)
	}
	a := newAnalyzer(text, near)
	a.sc.ev = ev
	a.run()
	a.sc.release()
	if a.unsure {
		return findAll(text, nil, ev) // see shiftRuns
	}
	return a.spans, a.rejected, ev
}

// findNear is find for the idempotence check of Find, which only asks
// whether a repairable span of the repaired text meets one of the repairs
// (near, closed intervals of offsets, sorted by lo; nil for everywhere).
// It reports those spans as find does, and may leave out others:
//
//   - The codec-chain analysis, the larger part of find on long clean
//     text, skips the regions of suspicious text that meet no repair: a
//     region's candidates lie inside it and never overlap another
//     region's, so its findings do not depend on the others.
//   - The misalignment search skips the '?' whose run, at most
//     maxShiftSpan bytes, could not meet a repair (shiftRuns); a skipped
//     search leaves the text after it unsure for maxShiftSpan bytes, since
//     a run found there would have been stepped over.
//
// Should a region that meets a repair touch unsure text, findNear falls
// back to find. Everything else (the document's evidence, the regions) is
// what find computes.
//
// Ev is as for findAll.
func findNear(text string, near []window, ev *evidence) []Span {
	spans, _, _ := findAll(text, near, ev)
	return spans
}

// window is a closed interval [lo, hi] of byte offsets.
type window struct{ lo, hi int }

// repairWindows returns, for the spans applied by applyMapped, where their
// repairs lie in its output, in order. A span r of the output meets span
// i, the way Find maps r back to the input and compares, exactly when
// r.Start ≤ hi and lo ≤ r.End: mapBack sends the window to the span's
// start and end and everything before or after it outside the span.
func repairWindows(starts []int, spans []Span) []window {
	var ws []window
	for i, st := range starts {
		if st >= 0 {
			ws = append(ws, window{st, st + len(spans[i].Repair)})
		}
	}
	return ws
}

// meets reports whether [lo, hi] meets one of the windows (all when ws is
// nil).
func meets(ws []window, lo, hi int) bool {
	if ws == nil {
		return true
	}
	k := sort.Search(len(ws), func(k int) bool { return ws[k].hi >= lo })
	return k < len(ws) && ws[k].lo <= hi
}

// applyMapped applies the repairable spans and returns, for each span, where
// its repair starts in the output (-1 when not applied).
func applyMapped(text string, spans []Span) (string, []int) {
	n := len(text)
	for _, s := range spans {
		if s.Repairable {
			n += len(s.Repair) - (s.End - s.Start)
		}
	}
	var b strings.Builder
	b.Grow(n) // one allocation, no copies as the text grows
	starts := make([]int, len(spans))
	last := 0
	for i, s := range spans {
		starts[i] = -1
		if !s.Repairable {
			continue
		}
		b.WriteString(text[last:s.Start])
		starts[i] = b.Len()
		b.WriteString(s.Repair)
		last = s.End
	}
	b.WriteString(text[last:])
	return b.String(), starts
}

// mapBack maps an offset in the output of applyMapped to the input.
func mapBack(pos int, starts []int, spans []Span, text string) int {
	delta := 0
	for i, s := range spans {
		if starts[i] < 0 {
			continue
		}
		if pos < starts[i] {
			break
		}
		if pos < starts[i]+len(s.Repair) {
			return s.Start
		}
		delta = s.End - (starts[i] + len(s.Repair))
	}
	return min(max(pos+delta, 0), len(text))
}

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

// maxShiftSpan bounds the length of a misaligned run: the "?", a reading
// "pinyin)" of up to 13 bytes, and maxShiftTokens characters of up to 4
// bytes (shiftTokens).
const maxShiftSpan = 14 + 4*maxShiftTokens

// shiftRuns finds the misaligned runs, each at a '?'.
func (a *analyzer) shiftRuns() {
	text := a.text
	budget := 200 + len(text)/256
	// findNear searches only the '?' whose runs could meet its windows,
	// when the budget cannot run out (it counts the searches, which
	// depend on the runs found). A skipped search at q leaves the '?' up
	// to q+maxShiftSpan unsure: a run found at q would have covered them.
	// Unsure '?' are skipped too when their runs cannot meet a window;
	// one that can sends the loop back to the first skipped search, to
	// search everything up to it as find does.
	lazy := false
	if a.near != nil {
		n := 0
		for i := 0; i < len(text) && n <= budget; i++ {
			if i = nextQuestion(text, i); i < 0 {
				break
			}
			if i == 0 || text[i-1] != '?' {
				if a.worthSearching(i) {
					n++
				}
			}
		}
		lazy = n <= budget
	}
	pending, last, force := -1, 0, -1 // first and last skipped search of the unsure stretch; replay up to force
	for i := 0; i < len(text); i++ {
		if i = nextQuestion(text, i); i < 0 {
			break
		}
		if i > 0 && text[i-1] == '?' {
			continue // a run starts after an intact character, not inside ???
		}
		if !a.worthSearching(i) {
			continue
		}
		switch {
		case !lazy:
			// A budget keeps adversarial input (thousands of '?' before
			// rare characters) linear with a small constant: real
			// documents have a few dozen runs.
			if budget--; budget < 0 {
				return
			}
		case i > force:
			if pending >= 0 && i > last+maxShiftSpan {
				a.zones = append(a.zones, window{pending, last + maxShiftSpan})
				pending = -1
			}
			if !meets(a.near, i, i+maxShiftSpan) {
				if pending < 0 {
					pending = i
				}
				last = i
				continue
			}
			if pending >= 0 {
				force, i, pending = i, pending-1, -1
				continue
			}
		}
		if sp, ok := a.shiftSpan(i); ok {
			a.spans = append(a.spans, sp)
			i = sp.End - 1
		}
	}
	if pending >= 0 {
		a.zones = append(a.zones, window{pending, last + maxShiftSpan})
	}
}

// nextQuestion returns the offset of the first '?' of text at or after i,
// or -1 (IndexByte scans many bytes at a time).
func nextQuestion(text string, i int) int {
	if d := strings.IndexByte(text[i:], '?'); d >= 0 {
		return i + d
	}
	return -1
}

// lpJoin scores prev + s + next with the document's script prior.
func (s *shiftScorer) lpJoin(prev rune, str string, next rune) float64 {
	lp := 0.0
	p := prev
	for _, r := range str {
		lp += s.bg.Bigram(p, r) + s.ev.scriptLP(s.m, r)
		p = r
	}
	return lp + s.bg.Bigram(p, next)
}

func (a *analyzer) shiftSpan(q int) (Span, bool) {
	c := a.sc.shiftAt(a.text, q)
	if c == nil {
		return Span{}, false
	}
	prev, _ := utf8.DecodeLastRuneInString(a.text[:q])
	if q == 0 {
		prev = '\n'
	}
	next, _ := utf8.DecodeRuneInString(a.text[c.end:])
	if c.end >= len(a.text) {
		next = '\n'
	}
	garbled := a.text[q:c.end]
	// A run of ASCII only (?,F  ?_@) is evidence only inside Chinese text:
	// after a Han character or CJK punctuation. Prompts, code and patterns
	// ([y,n,?]?  <?>  ??:??) are not.
	if isASCII(garbled) {
		if cl := lm.Class(prev); prev < 0x80 || cl != lm.Han && cl != lm.Punct {
			return Span{}, false
		}
		if strings.Trim(garbled, "?") == "" {
			return Span{}, false
		}
	}
	glp := a.sc.lpJoin(prev, garbled, next)
	gain := a.sc.acceptGain(a.text, q, c, c.score-glp)
	need := shiftNeed(c.plan)
	if debugShift {
		fmt.Printf("shift %q -> %q plan=%s gain=%.1f need=%.0f rep=%.1f garb=%.1f margin=%.1f\n", garbled, c.repair, c.plan, gain, need, c.score, glp, c.rankGain-c.runnerUp)
	}
	if gain < need {
		if gain > 0 {
			// With more of the document repaired, its evidence may tip
			// the balance: Find searches here again on the repaired text.
			a.rejected = append(a.rejected, q)
		}
		return Span{}, false
	}
	var veto string
	switch {
	case !isolatedRun(a.text, q, c.end):
		veto = "a question mark or U+FFFD inside or right after the run stands for further lost bytes"
	case afterGarbled(a.sc.m, beforeReading(a.text, q)):
		veto = "the character before the run is itself garbled or very rare, so its first byte is no lost byte after clean text"
	case !plausibleShiftRepair(beforeReading(a.text, q), c.repair):
		veto = fmt.Sprintf("the repair %q reads as no Chinese text does (two clause marks in a row, or a short run after non-Chinese text)", c.repair)
	}
	if veto != "" {
		return Span{Start: q, End: c.end, Kind: KindGBKShift, Garbled: garbled, Confidence: 0.5,
			Reason: "looks like GBK text decoded one byte out of phase; not repaired: " + veto}, true
	}
	// A character that two dropped pairs hid is looked for in accepted
	// repairs only; it must leave the repair accepted.
	hidden, declined := a.sc.restoreHidden(c, garbled, func(alt *shiftCand) bool {
		g := a.sc.acceptGain(a.text, q, alt, alt.score-glp)
		if g < shiftNeed(alt.plan) {
			return false
		}
		gain = g
		return true
	})
	// The confidence is the lesser of what the gain over the garbled text
	// and the lead over the runner-up repair say: a repair whose guessed
	// bytes (first, dropped, last) nearly tie with others is likely but
	// not sure, and Conservative callers leave it alone.
	margin := c.rankGain - c.runnerUp
	marginConf := 1 / (1 + math.Exp(-margin))
	conf := min(1-math.Exp(-gain/10), marginConf)
	reason := "GBK text decoded one byte out of phase; re-encoded and decoded in phase (" + c.plan.String() + ")"
	switch {
	case declined > 0:
		reason += fmt.Sprintf("; a close call: with a character that two dropped pairs may have hidden, the repair would read %.1f nats better, but that is too little to restore it on a guess or leaves the repair short of acceptance", declined)
	case marginConf < SureConfidence:
		reason += fmt.Sprintf("; a close call: the next best repair is %.1f nats behind", margin)
	case hidden:
		conf = min(conf, unsureConfidence)
		reason += "; not sure: a character that two dropped pairs hid is guessed"
	case guessedEndAndDrop(c.plan):
		conf = min(conf, unsureConfidence)
		reason += "; not sure: both the lost last byte and a dropped pair are guessed, and the search weighs too few of their combinations to say how clear the choice is"
	}
	return Span{Start: q, End: c.end, Kind: KindGBKShift, Garbled: garbled, Repair: c.repair,
		Plan: c.plan.String(), Confidence: conf, Repairable: true, Reason: reason}, true
}

// shiftNeed is the gain over the garbled text that a repair under p needs
// to be accepted: more for each guessed dropped pair, and for a guessed
// lost last byte, unless the reading after it names the character
// ("?dòng)": the "(" was swallowed with it).
func shiftNeed(p ShiftPlan) float64 {
	need := minShiftGain + 2*float64(len(p.Drops))
	if p.End == endLost && p.Consumed != '(' {
		need += 3
		if p.Consumed != 0 {
			need++
		}
	}
	return need
}

// guessedEndAndDrop reports whether plan guesses both a lost last byte (not
// named by the reading after it) and a dropped pair. The search tries a
// dropped pair before the lost byte only for its best hypothesis and a few
// choices, so the runner-up it meets says little of how clear the choice
// is: on the held-out runs of scripts/shift-heldout.sh, 65 of the 92 such
// repairs that the margin called sure were wrong, against 66 of the other
// 356.
func guessedEndAndDrop(p ShiftPlan) bool {
	return p.End == endLost && p.Consumed != '(' && len(p.Drops) > 0
}

// unsureConfidence is the confidence of a repair whose guessed bytes are
// likely but not a clear choice: below SureConfidence.
const unsureConfidence = 0.9

// SureConfidence is the confidence from which a repair's guessed bytes are
// clear choices (a lead of about 3 nats, twenty times more likely, over
// every other repair the search met); below it the reason calls the
// repair a close call, and callers that must not guess report the span
// instead of applying it.
const SureConfidence = 0.95

var debugShift = false

// plausibleShiftRepair rejects repairs that written Chinese rules out,
// whatever the model says of them (it knows nothing of punctuation):
// two clause marks in a row (，。 、。 ；，), which a misaligned run
// that swallowed lost bytes tends to produce; and, after text that is not
// Chinese (ASCII, Latin letters), a repair of fewer than three Han
// characters: a short run of odd characters in Latin text is more often
// other damage than a GBK run cut loose.
func plausibleShiftRepair(prev rune, repair string) bool {
	last := rune(0)
	han := 0
	for _, r := range repair {
		if isClauseMark(r) && isClauseMark(last) {
			return false
		}
		if lm.Class(r) == lm.Han {
			han++
		}
		last = r
	}
	if cl := lm.Class(prev); prev != '\n' && (prev < 0x80 || cl != lm.Han && cl != lm.Punct) && han < 3 {
		return false
	}
	return true
}

// beforeReading returns the rune before q, looking past a pinyin reading
// that ends there (建設(shè)?…): the run then follows Chinese text.
func beforeReading(text string, q int) rune {
	if q == 0 {
		return '\n'
	}
	if text[q-1] == ')' {
		if open := strings.LastIndexByte(text[max(0, q-16):q], '('); open >= 0 {
			open += max(0, q-16)
			if _, end := readPinyinParen(text, open); end == q {
				return lastRune(text[:open])
			}
		}
	}
	return lastRune(text[:q])
}

// afterGarbled reports whether prev, the character before a misaligned
// run, is one that clean text hardly has: a rune that mojibake produces or
// a Han character rarer than rareBefore. A run after it lies inside a
// larger garbled region (Debian's zh_TW iptables(8) has
// 第二?齠絲諍糯笥詰諞桓觶?敲此?腔岜喚換弧, misaligned GBK that was then
// converted to Traditional), and repairing a piece of it helps nobody.
func afterGarbled(m *lm.Model, prev rune) bool {
	return suspiciousRune(prev) || (lm.Class(prev) == lm.Han && m.Unigram(prev) < rareBefore)
}

// rareBefore is the unigram below which afterGarbled calls a Han
// character garbled: 觶 is -14.6; the rarest Han character before a run
// found in the development set and the seeds is 謹, at -11.0.
const rareBefore = -13.0

// isolatedRun reports whether the misaligned run text[q:end] is clear of
// further lost bytes: no '?' inside it (after its leading question marks,
// before its last rune) and no '?' or U+FFFD right after it. A '?' there
// is a byte lost in the middle of the run (a page converted through a
// codec that could not write it), and the bytes around it are then a
// guess; such runs are reported instead.
func isolatedRun(text string, q, end int) bool {
	run := strings.TrimLeft(text[q:end], "?")
	if _, n := utf8.DecodeLastRuneInString(run); n > 0 && strings.Contains(run[:len(run)-n], "?") {
		return false
	}
	rest := text[end:]
	return !strings.HasPrefix(rest, "?") && !strings.HasPrefix(rest, "\uFFFD")
}

// isClauseMark reports whether r is one of the marks that end a clause or
// sentence and never follow one another: ，。、；：.
func isClauseMark(r rune) bool {
	switch r {
	case '，', '。', '、', '；', '：':
		return true
	}
	return false
}

// worthSearching is the cheap test before the search for a misaligned run
// at the '?' at q: what follows must look like one. Misalignment turns
// text into rare characters and symbols; a question mark followed by
// ordinary text is a question mark.
func (a *analyzer) worthSearching(q int) bool {
	text := a.text
	if _, end := readPinyinClose(text, q+1); end > 0 {
		return true // ?pinyin)
	}
	prev := lastRune(text[:q])
	if q == 0 {
		prev = '\n'
	}
	if q+1 < len(text) && text[q+1] > ' ' && text[q+1] < 0x7F {
		if cl := lm.Class(prev); prev >= 0x80 && (cl == lm.Han || cl == lm.Punct) {
			return true // ?,F  ?_@: an ASCII run inside Chinese text
		}
	}
	m := a.sc.m
	for i, k := q+1, 0; i < len(text) && k < 12; k++ {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			return false
		case r >= 0x80:
			if r == '€' || suspiciousRune(r) || m.Unigram(r) < -11 {
				return true
			}
		case r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z':
			if _, end := readPinyinParen(text, i+n); end > 0 {
				return true // F(xiàn)
			}
		}
		i += n
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
