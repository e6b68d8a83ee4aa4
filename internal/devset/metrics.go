package devset

import (
	"regexp"
	"strings"
)

// AnnotCount is score.py's annot_stats for one case.
type AnnotCount struct {
	Total, Removed           int // inserted annotations, and how many are gone
	LegitTotal, LegitRemoved int // legitimate parenthesised groups, and how many are gone
}

// Add adds o to a.
func (a *AnnotCount) Add(o AnnotCount) {
	a.Total += o.Total
	a.Removed += o.Removed
	a.LegitTotal += o.LegitTotal
	a.LegitRemoved += o.LegitRemoved
}

// Recall is the share of inserted annotations removed.
func (a AnnotCount) Recall() float64 { return ratio(a.Removed, a.Total) }

// Precision is removed annotations over everything removed.
func (a AnnotCount) Precision() float64 { return ratio(a.Removed, a.Removed+a.LegitRemoved) }

// parenRE is score.py's PAREN_RE. Tests only: not a hot path.
var parenRE = regexp.MustCompile(`[(（][^()（）\n]{1,40}[)）]`)

// AnnotStats counts the annotations of c removed in out, and the
// legitimate parenthesised groups of gold (those also in the input) lost.
func AnnotStats(c Case, in, out, gold string) AnnotCount {
	a := AnnotCount{Total: c.Labels.Annotations}
	rem := 0
	for _, py := range c.Readings {
		rem += max(0, strings.Count(out, py+")")-strings.Count(gold, py+")"))
	}
	a.Removed = a.Total - min(rem, a.Total)
	legit := map[string]int{}
	for _, g := range parenRE.FindAllString(gold, -1) {
		legit[g]++
	}
	for g, n := range legit {
		n = min(n, strings.Count(in, g))
		a.LegitTotal += n
		a.LegitRemoved += max(0, n-strings.Count(out, g))
	}
	return a
}

// SpanStats is score.py's span_stats: of the garbled spans of c that have
// a window for target, how many are fixed in out. A span is fixed when its
// original text with context occurs in out at least as often as in gold,
// or (target keep) when the annotated window occurs in out more often than
// in the input; a whole-document span when out equals the window.
func SpanStats(c Case, in, out, gold, target string) (total, fixed int) {
	for _, sp := range c.Spans {
		w, ok := sp.Win[target]
		if !ok {
			continue
		}
		total++
		if sp.Whole {
			if strings.TrimRight(out, "\n") == strings.TrimRight(w, "\n") {
				fixed++
			}
			continue
		}
		ok = strings.Count(out, w) >= max(1, strings.Count(gold, w))
		if wa := sp.Win["keep_annotated"]; !ok && target == "keep" && wa != "" {
			ok = strings.Count(out, wa) > strings.Count(in, wa)
		}
		if ok {
			fixed++
		}
	}
	return total, fixed
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
