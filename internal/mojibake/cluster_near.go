package mojibake

import (
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
		out, done = a.scanClusters(cov, out, a.quietStart(w.lo, done), w.hi)
	}
	return out
}

// quietStart returns an offset at or before lo, and not before done (an
// offset where the last scan stopped), from which a scan of the regions
// finds those of the rest of the text as the scan of the whole text does:
// done, or the start of a line (the whole scan steps on every newline,
// which no span, reading or rune contains) with no suspicious rune or
// U+FFFD in the 2*clusterPad+8 bytes before it, so that no region reaches
// over it. Runes the whole scan skips (in spans and readings) count as
// suspicious here; that only moves the start further back.
func (a *analyzer) quietStart(lo, done int) int {
	text := a.text
	p := min(lo, len(text))
	for {
		if p <= done {
			return done
		}
		// A newline before done would return done: the search stops
		// there (-1 then gives done too).
		p = done + strings.LastIndexByte(text[done:p], '\n') + 1
		if p <= done {
			return done
		}
		if quiet(text[runeStart(text, p-2*clusterPad-8):p]) {
			return p
		}
		p-- // before the newline: the line before
	}
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
