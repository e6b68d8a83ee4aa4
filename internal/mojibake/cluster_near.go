package mojibake

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// nearClusters is clusters for findNear: the regions that meet its
// windows, and perhaps others, found by scanning the text from a quiet
// start before each window to past the last region that can reach it,
// instead of all of it (the repaired text of a long document has a few
// dozen windows).
func (a *analyzer) nearClusters(cov *coverCursor) []cluster {
	var out []cluster
	done := 0 // where the last scan stopped: no region reaches over it
	for _, w := range a.near {
		out, done = a.scanClusters(cov, out, a.quietStart(cov.spans, w.lo, done), w.hi)
	}
	return out
}

// quietStart returns an offset at or before lo, and not before done (an
// offset where the last scan stopped), from which a scan of the regions
// finds those of the rest of the text as the scan of the whole text does:
// done, or an offset the whole scan steps on with no suspicious rune or
// U+FFFD that it reads in the 2*clusterPad+8 bytes before it
// (quietBefore), so that no region reaches over it.
//
// The whole scan steps on every newline, which no span, reading or rune
// contains; and, in the valid text that quiet bytes are, on every rune
// start that no span (of spans, the text's in order) or reading contains
// (quietAt). quietStart tries the rune at lo first, and then the starts of
// the lines before it: scanning from lo, rather than from the start of
// its line, spares the scan of the line before it.
func (a *analyzer) quietStart(spans []Span, lo, done int) int {
	text := a.text
	p := runeStart(text, lo)
	if p <= done {
		return done
	}
	if a.quietAt(spans, p) {
		return p
	}
	for {
		// A newline before done would return done: the search stops
		// there (-1 then gives done too).
		p = done + strings.LastIndexByte(text[done:p], '\n') + 1
		if p <= done {
			return done
		}
		if a.quietBefore(p) {
			return p
		}
		p-- // before the newline: the line before
	}
}

// quietAt reports whether the whole scan of the regions steps on p, a rune
// start, with no region that reaches over it: no span (of spans, in order)
// meets p or the 2*clusterPad+8 bytes before it, no reading contains p,
// and the bytes are quiet (quietBefore). Quiet bytes are valid text, on
// the start of each of whose runes that no span or reading contains the
// whole scan steps (a reading ends after its ")").
func (a *analyzer) quietAt(spans []Span, p int) bool {
	from := runeStart(a.text, p-2*clusterPad-8)
	if k := sort.Search(len(spans), func(k int) bool { return spans[k].End > from }); k < len(spans) && spans[k].Start <= p {
		return false
	}
	parens := a.sc.ev.parens
	if k := sort.Search(len(parens), func(k int) bool { return parens[k].lo >= p }); k > 0 && parens[k-1].hi > p {
		return false
	}
	return a.quietBefore(p)
}

// quietBefore reports whether the 2*clusterPad+8 bytes before p, a rune
// start that no reading contains, are quiet where the whole scan of the
// regions reads them: it steps over the readings that start there (the
// pinyin of annotated text, whose tone letters are suspicious runes), on
// whose "(" it steps, as on the start of every rune before them. Runes the
// whole scan skips otherwise (in spans, and in a reading that starts
// before the bytes) count as suspicious here; that only moves the start
// further back.
func (a *analyzer) quietBefore(p int) bool {
	text := a.text
	from := runeStart(text, p-2*clusterPad-8)
	parens := a.sc.ev.parens
	for k := sort.Search(len(parens), func(k int) bool { return parens[k].lo >= from }); k < len(parens) && parens[k].lo < p; k++ {
		if !quiet(text[from:parens[k].lo]) {
			return false
		}
		from = parens[k].hi
	}
	return quiet(text[from:p])
}

// quiet reports whether s has no suspicious rune and no U+FFFD (an
// invalid byte counts as one).
func quiet(s string) bool {
	for i := 0; i < len(s); {
		r, n := decodeRune(s, i)
		if suspiciousRune(r) || r == utf8.RuneError {
			return false
		}
		i += n
	}
	return true
}
