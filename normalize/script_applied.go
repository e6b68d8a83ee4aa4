// Applied runs: the converted text made from the runs and the patches,
// without building the edits.

package normalize

import (
	"slices"
	"sort"
	"strings"

	"github.com/hanfix/hanfix/convert"
	"github.com/hanfix/hanfix/internal/opencc"
)

// appliedRuns is, for valid UTF-8 text, the text that the edits of
// convertedRuns with the patches merged in (applyPatches) and adjacent
// edits merged (mergeRuns) make, and the number of those edits, computed
// from the runs as offsets without building the edits. The runs come from
// the conversion itself (opencc.Converter.ConvertRuns) where it can trace
// them, and otherwise from comparing conv's result with text (findRuns),
// which finds the same runs. ok is false when conv's result does not
// align with text character for character; the edits must then be built.
func appliedRuns(lc *lazyConverter, conv *convert.Converter, text string, allowed func(start, end int) bool, patches []Edit) (string, int, bool) {
	tb := traceBufPool.Get().(*traceBuf)
	defer putTraceBuf(tb)
	out, ok := traceConversion(lc, text, tb)
	if ok && allAllowed(tb.runs, allowed) {
		// Every run is applied, as nearly always: the runs are read as the
		// converter reports them, and only the patches are looked at.
		switch {
		case len(tb.runs) == 0 && len(patches) == 0:
			return text, 0, true
		case len(patches) == 0:
			return strings.Clone(out), len(tb.runs), true // out is tb's buffer
		}
		s, n := patchedRuns(text, out, tb.runs, patches)
		return s, n, true
	}
	bp := runBufPool.Get().(*[]run)
	runs := (*bp)[:0]
	if ok {
		for _, r := range tb.runs {
			runs = append(runs, run{int(r.Start), int(r.End), int(r.OutStart), int(r.OutEnd), !allowed(int(r.Start), int(r.End))})
		}
	} else {
		out = conv.Convert(text)
		if out != text {
			var res int
			if runs, res = findRuns(text, out, allowed, runs, true); res != aligned {
				putRuns(bp, runs)
				return "", 0, false
			}
		}
	}
	defer putRuns(bp, runs)
	if len(runs) == 0 && len(patches) == 0 {
		return text, 0, true
	}
	// The result is out but for the runs that allowed refuses and the
	// patches, a few characters: it is copied from out, and only those are
	// written. Runs are never adjacent, so each applied run is an edit of
	// its own.
	if len(patches) == 0 && !slices.ContainsFunc(runs, func(r run) bool { return r.dropped }) {
		if ok {
			out = strings.Clone(out) // out is tb's buffer
		}
		return out, len(runs), true
	}
	var b strings.Builder
	b.Grow(len(out) + 8*len(patches))
	last, prevEnd, n := 0, -1, 0 // last: the end of what is copied from out
	count := func(start, end int) {
		if start != prevEnd {
			n++ // else mergeRuns joins it to the edit before
		}
		prevEnd = end
	}
	put := func(outStart, outEnd int, after string) {
		b.WriteString(out[last:outStart])
		b.WriteString(after)
		last = outEnd
	}
	k := 0
	delta := 0 // offset in out minus offset in text, after the runs passed
	for _, r := range runs {
		for ; k < len(patches) && patches[k].Start < r.start; k++ {
			p := &patches[k]
			put(p.Start+delta, p.End+delta, p.After)
			count(p.Start, p.End)
		}
		switch {
		case r.dropped:
			// The run stays as in text, but for the patches in it, which
			// are edits of their own.
			b.WriteString(out[last:r.outStart])
			pos := r.start
			for ; k < len(patches) && patches[k].Start < r.end; k++ {
				p := &patches[k]
				b.WriteString(text[pos:p.Start])
				b.WriteString(p.After)
				pos = p.End
				count(p.Start, p.End)
			}
			b.WriteString(text[pos:r.end])
			last = r.outEnd
		case k < len(patches) && patches[k].Start < r.end:
			put(r.outStart, r.outEnd, patchRunes(text[r.start:r.end], out[r.outStart:r.outEnd], r.start, patches, &k))
			count(r.start, r.end)
		default:
			count(r.start, r.end)
		}
		delta = r.outEnd - r.end
	}
	for ; k < len(patches); k++ {
		p := &patches[k]
		put(p.Start+delta, p.End+delta, p.After)
		count(p.Start, p.End)
	}
	b.WriteString(out[last:])
	return b.String(), n, true
}

// allAllowed reports whether allowed accepts every run.
func allAllowed(runs []opencc.Run, allowed func(start, end int) bool) bool {
	for _, r := range runs {
		if !allowed(int(r.Start), int(r.End)) {
			return false
		}
	}
	return true
}

// patchedRuns is the result of appliedRuns when every run is applied and
// there are patches: out, the conversion of text, with the patches
// written over it, and the number of edits. It looks up, for each patch,
// the run it falls in or follows, instead of walking all the runs (a
// machine-converted document has a run every few characters and a patch
// every few hundred): a patch inside a run is merged into the run's
// replacement (patchRunes), a patch outside the runs is an edit of its
// own, joined to the edit before it or after it when it touches it (as
// mergeRuns joins them). Runs never touch each other.
func patchedRuns(text, out string, runs []opencc.Run, patches []Edit) (string, int) {
	var b strings.Builder
	b.Grow(len(out) + 8*len(patches))
	last := 0 // the end of what is copied from out
	put := func(outStart, outEnd int, after string) {
		b.WriteString(out[last:outStart])
		b.WriteString(after)
		last = outEnd
	}
	n := len(runs)
	j := 0        // the first run that ends after the patch
	prevEnd := -1 // the end of the last patch written as an edit of its own
	for k := 0; k < len(patches); {
		p := &patches[k]
		j += sort.Search(len(runs)-j, func(x int) bool { return int(runs[j+x].End) > p.Start })
		if j < len(runs) && int(runs[j].Start) <= p.Start {
			r := runs[j]
			put(int(r.OutStart), int(r.OutEnd), patchRunes(text[r.Start:r.End], out[r.OutStart:r.OutEnd], int(r.Start), patches, &k))
			continue
		}
		delta, before := 0, prevEnd // before: the end of the edit before p
		if j > 0 {
			delta = int(runs[j-1].OutEnd - runs[j-1].End)
			before = max(before, int(runs[j-1].End))
		}
		put(p.Start+delta, p.End+delta, p.After)
		if before != p.Start {
			n++
		}
		if j < len(runs) && int(runs[j].Start) == p.End {
			n-- // the run after p joins it
		}
		prevEnd = p.End
		k++
	}
	b.WriteString(out[last:])
	return b.String(), n
}
