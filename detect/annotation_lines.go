package detect

import (
	"strings"
	"unicode/utf8"
)

// fitOnAnnotatedLines lets a strong candidate of a systematic document fit
// its character when the character is annotated at half or more of its
// occurrences on the lines that hold annotations, though not at half of
// all of them (judge's test). A page's ruby covers its article; the
// breadcrumb, the title bar, the related links and the footer around it
// are written bare, and they repeat the article's words (每個 of the
// title in 此分類上一篇：每個變量…, 個 of 個人分類). Counted on the whole
// text, a character the article annotates once or twice looked written
// bare most of the time, and its reading stayed, reported as one that
// does not fit. Counted on the lines that hold a strong candidate with
// the document's reading, the bare furniture is left out.
//
// Only the test of each character changes, and only in a document that is
// systematic on the whole text's counts: coverage, consistency and the
// document's confidence are what judge computed. A vocabulary list that
// gives each character its reading once, far from the text that uses
// them, stays what judge made of it.
func fitOnAnnotatedLines(s string, cands []annCand, stats *charStats) {
	needy := func(c *annCand) bool { return c.strong && !c.fits && c.readingFits }
	k := 0
	for k < len(cands) && !needy(&cands[k]) {
		k++
	}
	if k == len(cands) {
		return // every character passed judge's test: nothing to count
	}
	// The characters whose reading fits but whose occurrences are
	// mostly bare: counts[x] counts those of the character of stats.list[x]
	// on the annotated lines, -1 for the others.
	counts := make([]int32, len(stats.list))
	for x := range counts {
		counts[x] = -1
	}
	for k := range cands {
		if c := &cands[k]; needy(c) {
			counts[stats.lookupIndex(c.base)] = 0
		}
	}
	end := -1 // the end of the last line counted
	for k := range cands {
		c := &cands[k]
		if !c.strong || !c.readingFits || c.start < end {
			continue
		}
		ls := strings.LastIndexByte(s[:c.baseStart], '\n') + 1
		end = len(s)
		if e := strings.IndexByte(s[c.end:], '\n'); e >= 0 {
			end = c.end + e
		}
		for _, r := range s[ls:end] {
			if r < utf8.RuneSelf {
				continue
			}
			if x := stats.lookupIndex(r); x >= 0 && counts[x] >= 0 {
				counts[x]++
			}
		}
	}
	for k := range cands {
		c := &cands[k]
		if !needy(c) {
			continue
		}
		x := stats.lookupIndex(c.base)
		c.fits = 2*stats.list[x].annotated >= int(counts[x])
	}
}
