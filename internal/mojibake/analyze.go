package mojibake

import (
	"slices"
	"sort"
	"strings"
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
	// So is the text of the reports whose judgement the repairs change
	// (searchedAgain). A repair that only the document's prior finds in
	// the repaired text withdraws nothing: a second cleaning has no such
	// prior (foundWithoutPrior).
	//
	// The repairs withdrawn so far: the same repair of the same extent is
	// not added again (see below).
	var withdrawn []withdrawal
	// priorSearched tells that the repaired text was searched everywhere
	// with a prior (see codecPrior): once is enough, the rounds after
	// look near the new repairs.
	priorSearched := false
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
		if rev.prior = codecPrior(spans); rev.prior != (recoding{}) {
			rev.repairs = repairWindows(starts, spans)
		}
		near := repairWindows(starts, spans)
		for _, q := range rejected {
			if at, ok := mapForward(q, starts, spans); ok {
				near = append(near, window{at, at})
			}
		}
		near = appendReports(near, starts, spans, withdrawn)
		sort.Slice(near, func(i, j int) bool { return near[i].lo < near[j].lo })
		// With a prior (see codecPrior) a short word anywhere may now
		// pass too.
		everywhere := rev.prior != (recoding{}) && !priorSearched
		priorSearched = priorSearched || everywhere
		if everywhere || rev.settledScript() != ev.settledScript() {
			// The repairs changed the document's script (Big5 read as
			// GBK looks Simplified, and reads Traditional once
			// repaired): the script prior of every region changed, and
			// a short garbled line far from any repair may now pass, as
			// a second cleaning would find. Search everywhere.
			near = nil
		}
		var conflict bool
		// The spans to add and those they supersede, applied after the
		// loop: mapBack reads spans against starts.
		var adds []Span
		var superseded []bool
		// Where each applied repair lies in out (see overlaps), taken
		// before the loop withdraws any.
		wins := make([]window, len(spans))
		for i, st := range starts {
			wins[i] = window{st, st + len(spans[i].Repair)}
		}
		idx := newSpanIndex(spans, starts, wins)
		found := findNear(out, near, rev)
		// The repairs that meet an applied one and that a second
		// cleaning would find too (see foundWithoutPrior), all asked at
		// once: nil when the evidence has no prior.
		offered := foundWithoutPrior(out, found, idx, rev)
		var meet []int // the spans r meets
		for _, r := range found {
			if !r.Repairable {
				continue
			}
			a, b := idx.back(r.Start, spans, text), idx.back(r.End, spans, text)
			// met: r overlaps a span; reportsOnly: all it overlaps are
			// reports (nothing applied) inside it, which r, a repair of
			// the text around them, supersedes (a U+FFFD whose byte r
			// restores), unless r is a repair withdrawn before: with its
			// neighbour applied, it was found to offer a further one;
			// found again once withdrawn, it would come and go (Â¯ÃÂ¯:
			// the last Â¯ read as ¯ makes Ã¯ read as ï). A larger repair
			// over a withdrawn one is added, and checked again, and so is
			// another repair of the same text (ㄛ?Kй祥猁, read ，?K且不要
			// and withdrawn, since ?K then read as 。並, and then found as
			// ，並且不要).
			met, reportsOnly := false, !slices.Contains(withdrawn, withdrawal{window{a, b}, r.Repair})
			meet = idx.meeting(meet[:0], spans, &r, a, b)
			for _, i := range meet {
				sp := &spans[i]
				if overlaps(r, sp, wins[i], a, b) {
					met = true
					// (A report searched again that r only meets goes
					// too: the analysis of the repaired text found r
					// instead, see appendReports; so does a report of
					// lost characters, whose rest is reported again.)
					reportsOnly = reportsOnly && !sp.Repairable && (a <= sp.Start && sp.End <= b || searchedAgain(sp, withdrawn) || sp.Kind == KindLost)
					if sp.Repairable && offeredAgain(offered, &r) {
						withdrawn = append(withdrawn, withdrawal{window{sp.Start, sp.End}, sp.Repair})
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
					for _, i := range meet {
						superseded[i] = superseded[i] || overlaps(r, &spans[i], wins[i], a, b)
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
			if superseded != nil {
				// The lost characters of the reports superseded that
				// the repairs leave (a U+FFFD of a run of them, one
				// inside a withdrawn repair) are reported again.
				spans = reportLost(text, spans)
			}
			sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
			rejected = nil
		}
		if !conflict && !added {
			break
		}
	}
	return spans
}

// offeredAgain reports whether a second cleaning would find the repair
// r, by offered (see foundWithoutPrior): always when offered is nil.
func offeredAgain(offered map[window]string, r *Span) bool {
	if offered == nil {
		return true
	}
	rep, ok := offered[window{r.Start, r.End}]
	return ok && rep == r.Repair
}

// foundWithoutPrior returns, when rev, the evidence of out, has a prior
// (see codecPrior), the repairs of found that meet one of the applied
// repairs (idx.meetsApplied) and that the analysis of
// out finds also without the prior: their repair by their extent. It
// returns nil when rev has no prior.
//
// The prior comes from the repairs of the text out was made of; a second
// cleaning of out, whose repairs these are not, lacks it. A repair found
// only with the prior (a short word read as UTF-8 misread as GBK next to
// a misaligned run: 瑕侀?茶。 repaired as 要進衣 once the run was, which made
// the 。) is offered to no second cleaning, and must not withdraw the
// repair it meets: the second cleaning would make that repair. One
// analysis, of the windows of all such repairs, answers for all.
func foundWithoutPrior(out string, found []Span, idx *spanIndex, rev *evidence) map[window]string {
	if rev.prior == (recoding{}) {
		return nil
	}
	var ws []window
	for _, r := range found {
		if r.Repairable && idx.meetsApplied(r.Start, r.End) {
			ws = append(ws, window{r.Start, r.End})
		}
	}
	offered := make(map[window]string, len(ws))
	if len(ws) == 0 {
		return offered
	}
	sort.Slice(ws, func(i, j int) bool { return ws[i].lo < ws[j].lo })
	prior, repairs := rev.prior, rev.repairs
	rev.prior, rev.repairs = recoding{}, nil
	defer func() { rev.prior, rev.repairs = prior, repairs }()
	for _, s := range findNear(out, ws, rev) {
		if s.Repairable {
			offered[window{s.Start, s.End}] = s.Repair
		}
	}
	return offered
}

// overlaps reports whether span r of the output of applyMapped, which
// maps back to [a, b) of the input, shares text with span sp, whose
// repair lies at w in the output (w.lo is -1 when it was not applied;
// w.hi is then meaningless). An applied repair is compared where it lies
// in the output, since mapBack sends every offset inside it to its
// start; a report, which the output holds unchanged, where it lies in
// the input.
//
// A span that only touches r is not overlapped: r then repairs text next
// to the span, which stays as it was, and applying both is what cleaning
// twice gives (the repaired neighbour is only context that made r clear
// enough). Counting such a touch as a conflict withdrew whole repairs: a
// GBK document read as Big5 is cut at each U+FFFD (the reader failed on
// the lead byte of a character), and the repair of the run from one is
// often found only next to the repaired run before it; then that whole
// run, up to hundreds of characters, was reported instead (13 of the
// 559 held-out gbk_as_big5 documents, scripts/recode-heldout.sh; with
// touches allowed, the mean CER of the 245 whole documents fell from
// 0.044 to 0.028, and 3 of them gained a wrong character: a byte behind
// a U+FFFD at the end of a repair, now applied, restored wrongly).
func overlaps(r Span, sp *Span, w window, a, b int) bool {
	if w.lo >= 0 {
		return r.Start < w.hi && w.lo < r.End
	}
	return sp.Start < b && a < sp.End
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

// findAll is one analysis of text, Find without its idempotence check:
// the spans found, where near (see findNear) lets them be found, and the
// '?' whose best repair gained too little (see Find).
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
	a.prior, a.repairs = ev.prior, ev.repairs
	a.run()
	a.sc.release()
	if a.unsure {
		return findAll(text, nil, ev) // see shiftRuns
	}
	return a.spans, a.rejected, ev
}

// findNear is the analysis for the idempotence check of Find, which only
// asks whether a repairable span of the repaired text meets one of the
// repairs (near, closed intervals of offsets, sorted by lo; nil for
// everywhere). It reports those spans as the analysis of the whole text
// (near nil) does, and may leave out others:
//
//   - The codec-chain analysis, the larger part of the analysis of long clean
//     text, skips the regions of suspicious text that meet no repair: a
//     region's candidates lie inside it and never overlap another
//     region's, so its findings do not depend on the others.
//   - The misalignment search skips the '?' whose run, at most
//     maxShiftSpan bytes, could not meet a repair (shiftRuns); a skipped
//     search leaves the text after it unsure for maxShiftSpan bytes, since
//     a run found there would have been stepped over.
//
// Should a region that meets a repair touch unsure text, findNear falls
// back to the analysis of the whole text. Everything else (the document's
// evidence, the regions) is what that analysis computes.
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

// appendReports appends to near where the reports of spans that Find
// searches again (searchedAgain) lie in the output of applyMapped
// (starts). Whether the analysis finds such a report depends on the
// document's evidence, which the repairs change: in the repaired text it
// may find a repair there that a second cleaning would make (鍥哄畾鍛ㄦ湡0榛樿?熷氨鏄?鐩村,
// UTF-8 read as GBK by a reader that writes '?': 鏄?鐩村 repaired only
// once 固定周期 was). Searched again now, such a repair is made at once.
func appendReports(near []window, starts []int, spans []Span, withdrawn []withdrawal) []window {
	delta := 0
	for i, sp := range spans {
		if starts[i] >= 0 {
			delta = starts[i] + len(sp.Repair) - sp.End
			continue
		}
		if searchedAgain(&sp, withdrawn) {
			near = append(near, window{sp.Start + delta, sp.End + delta})
		}
	}
	return near
}

// searchedAgain reports whether sp is a report that Find searches again
// on the repaired text, and that a repair found there replaces:
//
//   - a misaligned run only reported (the misalignment search may find no
//     run there in the repaired text, and the codec-chain search a repair);
//   - a run read out of step (see outOfStep): whether the reader dropped a
//     byte is judged on the whole stretch, which the repairs made clean,
//     and a second cleaning repairs the stretch's other pieces with it
//     (蝜扢离賸庥挋童皈, of which 庥挋童皈 read out of step, repaired as
//     绻设置了魏沃 once the rest of its line was);
//   - a repair withdrawn because the repaired text offered a further one:
//     once it is withdrawn, the text around it may offer another repair.
func searchedAgain(sp *Span, withdrawn []withdrawal) bool {
	return !sp.Repairable && (sp.Kind == KindGBKShift || sp.step ||
		slices.ContainsFunc(withdrawn, func(w withdrawal) bool { return w.window == window{sp.Start, sp.End} }))
}

// withdrawal is a repair that Find withdrew: its extent in the input and
// what it would have made of it.
type withdrawal struct {
	window
	repair string
}

// reportLost returns spans with the reports of characters lost for good
// (see findLost) that none of them covers added.
func reportLost(text string, spans []Span) []Span {
	a := &analyzer{text: text, spans: spans}
	a.findLost()
	return a.spans
}
