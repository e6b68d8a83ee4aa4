// Clusters: the regions of the text around suspicious runes that the codec
// analysis looks at.

package mojibake

import (
	"sort"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/utf8x"
)

// coverCursor answers, for offsets that mostly increase, whether an offset
// lies in one of spans (sorted, not overlapping) and where that span ends.
type coverCursor struct {
	spans []Span
	k     int // first span that may end after the last offset asked
	last  int
}

func (c *coverCursor) covered(i int) (int, bool) {
	if i < c.last {
		c.k = 0
	}
	c.last = i
	for c.k < len(c.spans) && c.spans[c.k].End <= i {
		c.k++
	}
	if c.k < len(c.spans) && c.spans[c.k].Start <= i {
		return c.spans[c.k].End, true
	}
	return 0, false
}

// cluster is a region of the text around suspicious runes.
type cluster struct {
	start, end int
	n          int // suspicious runes in it
	adj        int // suspicious runes right after another one
}

// clusterPad is how far around suspicious runes a region reaches, and the
// largest gap between two suspicious runes of one region.
const clusterPad = 48

// clusters groups the suspicious runes of the text into regions, so that
// the codec analysis looks only near them: clean text with one rare
// character costs a few dozen bytes of analysis. For findNear, it may
// leave out regions that meet none of its windows (nearClusters).
func (a *analyzer) clusters(cov *coverCursor) []cluster {
	if a.near != nil {
		return a.nearClusters(cov)
	}
	out, _ := a.scanClusters(cov, nil, 0, len(a.text))
	return out
}

// scanClusters appends to out the regions of the suspicious runes from
// offset from on, where the scan of the whole text passes with no region
// open that a later rune could join (0 or a quietStart). It stops at the
// first offset past until from which no region it finds can reach back to
// until, or grow (a region reaches clusterPad bytes, and runeStart up to
// 3 more, before its first suspicious rune and after its last one), and
// returns that offset.
func (a *analyzer) scanClusters(cov *coverCursor, out []cluster, from, until int) ([]cluster, int) {
	text := a.text
	lastSusp := -1 // end of the last suspicious rune
	parens := a.sc.ev.parens
	// parens[0] is the first reading that starts at i or after.
	parens = parens[sort.Search(len(parens), func(k int) bool { return parens[k].lo >= from }):]
	// Nothing before free is inside a span: the spans are in order, and
	// the first that ends after an offset found outside them starts
	// after it (the cursor's next span), so that the runes up to there
	// need no look-up.
	free := from
	for i := from; i < len(text); {
		if i > until+clusterPad+3 && (len(out) == 0 || i > out[len(out)-1].end+clusterPad+3) {
			return out, i
		}
		// ASCII is never suspicious, inside a span or not: only the other
		// runes need the look-up of the spans.
		if text[i] < utf8.RuneSelf {
			// A pinyin reading after a Han character (建設(shè)) is an
			// annotation: its tone letters are no codec's misreading.
			// collectEvidence found them all.
			if text[i] == '(' {
				for len(parens) > 0 && parens[0].lo < i {
					parens = parens[1:]
				}
				if len(parens) > 0 && parens[0].lo == i {
					i = parens[0].hi
					continue
				}
			}
			i++
			continue
		}
		if i >= free {
			if e, ok := cov.covered(i); ok {
				i = e
				continue
			}
			free = len(text)
			if cov.k < len(cov.spans) {
				free = cov.spans[cov.k].Start
			}
		}
		r, n := rune(0), 3
		if r3, ok := utf8x.Decode3(text, i); ok {
			r = r3
		} else if r2, ok := utf8x.Decode2(text, i); ok {
			r, n = r2, 2
		} else {
			r, n = decodeRune(text, i)
		}
		if suspiciousRune(r) || r == utf8.RuneError {
			s := runeStart(text, i-clusterPad)
			k := len(out) - 1
			if k >= 0 && s <= out[k].end {
				out[k].n++
				if i == lastSusp {
					out[k].adj++
				}
			} else {
				out = append(out, cluster{start: s, end: -1, n: 1})
				k++
			}
			// The suspicious runes right after it (Latin-1 mojibake is
			// all of them) are in the same region, which each takes
			// further: the last one decides where it ends.
			i += n
			for i < free && text[i] >= utf8.RuneSelf {
				r, m := rune(0), 2
				if r2, ok := utf8x.Decode2(text, i); ok {
					r = r2
				} else if r3, ok := utf8x.Decode3(text, i); ok {
					r, m = r3, 3
				} else {
					r, m = decodeRune(text, i)
				}
				if !suspiciousRune(r) && r != utf8.RuneError {
					break
				}
				out[k].n++
				out[k].adj++
				i += m
			}
			out[k].end = max(out[k].end, runeStart(text, i+clusterPad))
			lastSusp = i
			continue
		}
		i += n
		// Run on over the clean text before the next span, up to where
		// the loop's first test would stop the scan.
		stop := until + clusterPad + 3
		if k := len(out) - 1; k >= 0 {
			stop = max(stop, out[k].end+clusterPad+3)
		}
		i = skipClean(text, i, min(free, stop+1))
	}
	return out, len(text)
}

// skipClean returns the first offset from i on, before stop, of a rune
// scanClusters must look at: a '(', a rune that is not ASCII or a valid
// three-byte sequence, or one that is suspicious or U+FFFD; or the first
// rune start at stop or after. It is scanClusters' loop over clean
// Chinese text, without the tests that cannot change there.
//
// A three-byte rune is not decoded: its gate word, gateBits[r>>6], is
// indexed by the low bits of its first two bytes and its bit by those of
// the third; U+FFFD is in the gate's set, which newAnalyzer has built.
// (On normalize's BenchmarkPipelineSeedDocs, decoding each rune and
// testing U+FFFD apart took 10M more instructions per op, of 1,079M;
// testing U+FFFD by its bytes after the lookup, 7M more.)
func skipClean(text string, i, stop int) int {
	stop = min(stop, len(text)) // no bounds checks in the loop
	for i < stop {
		c := text[i]
		if c < utf8.RuneSelf {
			if c == '(' {
				return i
			}
			i++
			continue
		}
		// utf8x.Decode3's test, then suspiciousRune's lookup, without its
		// test for runes past U+FFFF that a three-byte rune never is.
		if i+2 >= len(text) {
			return i
		}
		// Both continuation bytes are 10xxxxxx when the top two bits of
		// the first and those of the second, shifted beside them, are
		// 1010.
		t := text[i : i+3]
		c1, c2 := t[1], t[2]
		if c-0xE1 > 0xEF-0xE1 || c == 0xED || c1&0xC0|c2&0xC0>>2 != 0xA0 ||
			gateBits[(uint(c)&0x0F)<<6|uint(c1)&0x3F]&(1<<(c2&0x3F)) != 0 {
			return i
		}
		i += 3
	}
	return i
}

// runeStart clips i to the text and moves it back to a rune boundary.
func runeStart(s string, i int) int {
	if i <= 0 {
		return 0
	}
	if i >= len(s) {
		return len(s)
	}
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}
