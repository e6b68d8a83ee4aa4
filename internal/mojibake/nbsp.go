package mojibake

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
)

// The no-break space of UTF-8 (C2 A0) read as GBK or GB18030 is 聽, the
// best-known trace of that misreading on Chinese web pages (&nbsp; in
// "1.6.聽Debian"). Alone it is no evidence: 聽 is a common Traditional
// character, and a run of it between ASCII characters is too short for
// the codec analysis to weigh. In a document whose other text is
// repaired as UTF-8 read as GBK, though, a 聽 with no Han character on
// either side reads as no Chinese writer writes it, unless its line is
// written in Traditional characters (那麼, 聽聽 $talking 的聲音吧: listen).

// nbspGarbled is U+00A0 read as GBK.
const nbspGarbled = '聽'

// nbspEvidence is the gain a UTF-8-read-as-GBK repair of the document must
// have for findNBSP to repair the 聽 around it: the gain of a sure repair
// (confidence 0.95 as recodeSpan computes it).
const nbspEvidence = 30.0

// findNBSP adds a span for each run of 聽 outside the spans found so far
// with no Han character right before or after it, when the document has
// a repair of UTF-8 read as GBK with a gain of at least nbspEvidence.
func (a *analyzer) findNBSP() {
	sure := false
	for _, c := range a.recoded {
		if len(c.chain) == 1 && c.chain[0] == (recoding{"utf8", "gbk"}) && c.gain >= nbspEvidence {
			sure = true
			break
		}
	}
	if !sure {
		return
	}
	text := a.text
	const w = len(string(nbspGarbled))
	plan := Plan{Hops: []recoding{{"utf8", "gbk"}}}.String()
	for i := 0; i < len(text); {
		d := strings.IndexRune(text[i:], nbspGarbled)
		if d < 0 {
			return
		}
		start := i + d
		end := start
		for strings.HasPrefix(text[end:], string(nbspGarbled)) {
			end += w
		}
		i = end
		before, _ := utf8.DecodeLastRuneInString(text[:start])
		after, _ := utf8.DecodeRuneInString(text[end:])
		if lm.Class(before) == lm.Han || lm.Class(after) == lm.Han || a.covered(start, end) || a.traditionalLine(start, end) {
			continue
		}
		n := (end - start) / w
		a.spans = append(a.spans, Span{Start: start, End: end, Kind: KindUTF8GBK, Garbled: text[start:end],
			Repair: strings.Repeat("\u00a0", n), Plan: plan, Confidence: SureConfidence, Repairable: true,
			Reason: "UTF-8 no-break space decoded as GBK (聽), with no Chinese text next to it, in a document whose UTF-8 read as GBK is repaired; re-encoded and decoded (" + plan + ")"})
	}
}

// traditionalLine reports whether the line of a.text around [start, end)
// is Traditional text: two Traditional-only characters or more, and more
// than three times the Simplified-only ones (docScript asks three of a
// document), counting its characters outside the spans found so far and
// other than 聽, which itself counts as Traditional. A line with a U+FFFD
// there is damaged beyond the repairs, and its characters tell nothing of
// the writer's script (7聽绔� Debian: 绔 is half of 章): it is not
// Traditional text.
func (a *analyzer) traditionalLine(start, end int) bool {
	text := a.text
	lo := strings.LastIndexByte(text[:start], '\n') + 1
	hi := len(text)
	if k := strings.IndexByte(text[end:], '\n'); k >= 0 {
		hi = end + k
	}
	var in []window
	for _, sp := range a.spans {
		if sp.Start < hi && lo < sp.End {
			in = append(in, window{max(sp.Start, lo), min(sp.End, hi)})
		}
	}
	slices.SortFunc(in, func(x, y window) int { return x.lo - y.lo })
	var simp, trad int
	lost := false
	count := func(s string) {
		lost = lost || strings.ContainsRune(s, utf8.RuneError)
		si, tr := scriptCounts(s)
		simp += si
		trad += tr - strings.Count(s, string(nbspGarbled))
	}
	at := lo
	for _, w := range in {
		if w.lo > at {
			count(text[at:w.lo])
		}
		at = max(at, w.hi)
	}
	if at < hi {
		count(text[at:hi])
	}
	return !lost && trad >= 2 && trad > 3*simp
}
