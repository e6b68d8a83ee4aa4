// Finding the spans that a span of the repaired text meets, for Find's
// check of its repairs, without looking at every span.

package mojibake

import "sort"

// spanIndex finds, for a span that the analysis of the repaired text
// (applyMapped's output) found, the spans it can overlap (see overlaps)
// and where it lies in the input (mapBack), in time logarithmic in the
// spans: a long line of dense damage has thousands of spans, and the
// repaired text as many findings. The applied spans are looked up by
// where their repairs lie in the output (wins), the reports by where they
// lie in the input; both lie in order and apart, which newSpanIndex
// checks (sorted is false otherwise, and every span is looked at, as the
// linear functions do).
type spanIndex struct {
	starts  []int    // applyMapped's starts
	wins    []window // where each applied repair lies in the output, taken before any is withdrawn
	applied []int    // the spans applied, in order
	reports []int    // the others, in order
	sorted  bool
}

// newSpanIndex indexes spans, applied at starts with their repairs at
// wins.
func newSpanIndex(spans []Span, starts []int, wins []window) *spanIndex {
	x := &spanIndex{starts: starts, wins: wins, sorted: true}
	for i := range spans {
		if starts[i] >= 0 {
			if n := len(x.applied); n > 0 {
				if w, v := wins[x.applied[n-1]], wins[i]; v.lo < w.hi || v.hi < v.lo {
					x.sorted = false
				}
			}
			x.applied = append(x.applied, i)
			continue
		}
		if n := len(x.reports); n > 0 {
			if s, t := &spans[x.reports[n-1]], &spans[i]; t.Start < s.End || t.End < t.Start {
				x.sorted = false
			}
		}
		x.reports = append(x.reports, i)
	}
	return x
}

// meeting appends to dst, in increasing order, the indexes of the spans
// that r, found in the output and mapped back to [a, b) of the input,
// overlaps: those for which overlaps(r, &spans[i], wins[i], a, b) holds.
// Unless sorted, every index.
func (x *spanIndex) meeting(dst []int, spans []Span, r *Span, a, b int) []int {
	if !x.sorted {
		for i := range spans {
			dst = append(dst, i)
		}
		return dst
	}
	n := len(dst)
	// The applied repairs that end after r starts and start before it
	// ends, in the output.
	k := sort.Search(len(x.applied), func(k int) bool { return x.wins[x.applied[k]].hi > r.Start })
	for ; k < len(x.applied) && x.wins[x.applied[k]].lo < r.End; k++ {
		dst = append(dst, x.applied[k])
	}
	// The reports that end after a and start before b, in the input.
	k = sort.Search(len(x.reports), func(k int) bool { return spans[x.reports[k]].End > a })
	for ; k < len(x.reports) && spans[x.reports[k]].Start < b; k++ {
		dst = append(dst, x.reports[k])
	}
	if m := dst[n:]; len(m) > 1 {
		sort.Ints(m)
	}
	return dst
}

// meetsApplied reports whether [lo, hi) of the output overlaps the
// repair of an applied span (as foundWithoutPrior asks).
func (x *spanIndex) meetsApplied(lo, hi int) bool {
	if !x.sorted {
		for _, i := range x.applied {
			if w := x.wins[i]; lo < w.hi && w.lo < hi {
				return true
			}
		}
		return false
	}
	k := sort.Search(len(x.applied), func(k int) bool { return x.wins[x.applied[k]].hi > lo })
	return k < len(x.applied) && x.wins[x.applied[k]].lo < hi
}

// back is mapBack(pos, starts, spans, text), spans as they are now (a
// repair withdrawn since the index was made, its Repair empty, holds no
// offset).
func (x *spanIndex) back(pos int, spans []Span, text string) int {
	if !x.sorted {
		return mapBack(pos, x.starts, spans, text)
	}
	// mapBack walks the applied spans that start at pos or before; the
	// first whose repair holds pos gives its start, and otherwise the
	// last gives the shift. The repairs lie apart in the output (a
	// withdrawn one, its Repair now empty, holds nothing), so only the
	// last can hold pos.
	n := sort.Search(len(x.applied), func(k int) bool { return x.starts[x.applied[k]] > pos })
	if n == 0 {
		return min(max(pos, 0), len(text))
	}
	last := x.applied[n-1]
	if pos < x.starts[last]+len(spans[last].Repair) {
		return spans[last].Start
	}
	delta := spans[last].End - (x.starts[last] + len(spans[last].Repair))
	return min(max(pos+delta, 0), len(text))
}
