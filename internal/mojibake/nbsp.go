package mojibake

import (
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
// either side reads as no Chinese writer writes it.

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
		if lm.Class(before) == lm.Han || lm.Class(after) == lm.Han || a.covered(start, end) {
			continue
		}
		n := (end - start) / w
		a.spans = append(a.spans, Span{Start: start, End: end, Kind: KindUTF8GBK, Garbled: text[start:end],
			Repair: strings.Repeat("\u00a0", n), Plan: plan, Confidence: SureConfidence, Repairable: true,
			Reason: "UTF-8 no-break space decoded as GBK (聽), with no Chinese text next to it, in a document whose UTF-8 read as GBK is repaired; re-encoded and decoded (" + plan + ")"})
	}
}
