// The document's codec: short garbled words accepted on the evidence of the
// document's other repairs.

package mojibake

import "sort"

// A document misread between GBK, Big5 and UTF-8 is misread so from end
// to end: its long runs are repaired on their own evidence, and its short
// words (a heading of two characters, 程式 read as 祘Α; a word between
// ASCII words) are garbled the same way but too short to repair on their
// own (acceptRecode asks 3 or 4 runes at least, and 8 nats a rune of the
// short repairs between GBK and Big5, since clean classical verse reads
// as such a repair now and then). Once the document's repairs show the
// misreading (codecPrior), Find searches the repaired text again with
// the document's recoding as prior: every region may be read with the
// CJK codecs, a stretch for its codec needs one CJK rune, and a repair
// of one hop of that recoding is accepted on priorPerRune and
// priorMinGain, outside the repairs made and, for GBK and Big5, outside
// stretches with bytes lost (see priorAt).
//
// The thresholds are the ordinary ones, not tuned: priorPerRune is
// cjkPerRune's rate for long repairs, priorMinGain half of minRecodeGain.
// On scripts/recode-heldout.sh's documents this repairs 3,375 of 3,933
// exactly instead of 3,367 (Big5 read as GBK, whole documents: 220 of
// 227 instead of 216; GBK read as Big5: 127 of 245 instead of 123); 35
// documents come closer to their original and one goes further from it
// (a line of UTF-8 read as GBK once repaired whole is now repaired in
// two pieces, and the U+FFFD of the first stays). Clean text has no
// prior: scripts/noharm.sh is unchanged, and so are the benchmarks on
// clean text. Nor does a misread paragraph at the top of a clean
// document change the rest: recode-heldout.sh puts each of its 594 test
// documents under a paragraph misread by each of the three recodings,
// and none of them comes out otherwise than alone
// (TestPriorLeavesCleanText).

// Thresholds of the prior (see codecPrior).
const (
	// priorRunes is the fewest runes that are not ASCII in the repairs
	// of one recoding that make it the document's prior.
	priorRunes = 30
	// priorPerRune and priorMinGain are the least gain per rune that is
	// not ASCII, and the least gain, of a repair by the prior.
	priorPerRune = 2.5
	priorMinGain = 4.0
)

// codecPrior returns the recoding between GBK, Big5 and UTF-8 that the
// repairable spans show the document was misread with: priorRunes runes
// that are not ASCII in its repairs, and no repair by another of these
// recodings. It returns the zero recoding otherwise.
func codecPrior(spans []Span) recoding {
	var rc recoding
	runes := 0
	for _, sp := range spans {
		if !sp.Repairable {
			continue
		}
		// The one-hop recoding through GBK or Big5 of the span's kind.
		var k recoding
		for _, r := range recodings {
			if r.Wrong != "cp1252" && r.Wrong != "cp950" && kindOf([]recoding{r}) == sp.Kind {
				k = r
			}
		}
		if k == (recoding{}) {
			continue
		}
		if rc != (recoding{}) && k != rc {
			return recoding{}
		}
		rc = k
		runes += nonASCIIRunes(sp.Repair)
	}
	if runes < priorRunes {
		return recoding{}
	}
	return rc
}

// priorAt returns the document's prior for a segment text[start:end] of a
// stretch (lost: the stretch holds a U+FFFD and was GBK or Big5): none
// where the segment overlaps a repair made (a.repairs), nor in a stretch
// with bytes lost. Short words of the repaired text, clean Chinese, can read
// as a repair by the prior too, and the idempotence check of Find then
// withdrew the repair they overlap (a whole page of classical text read
// as Big5). And GBK read as Big5 reads out of step after a lost byte
// until the next: where the byte is not restored, the stretch's pieces
// read in step are garbage that now and then reads as two or three
// common characters (狪鰶 as 厦鞫, 3.5 nats a rune). (UTF-8 keeps in
// step after a lost byte: its lead bytes say where characters start.)
// Nor where the segment is glued to a Han character that no repair
// made: a short word inside clean Chinese is part of that text, not a
// word of the misread one (歙歙 in 人在天下，歙歙焉 read as 均均, in a
// page of clean classical text under a misread paragraph).
func (a *analyzer) priorAt(start, end int, lost bool) recoding {
	if a.prior == (recoding{}) || lost {
		return recoding{}
	}
	k := sort.Search(len(a.repairs), func(k int) bool { return a.repairs[k].hi > start })
	if k < len(a.repairs) && a.repairs[k].lo < end {
		return recoding{}
	}
	if isHan(lastRune(a.text[:start])) && !a.inRepair(start) || isHan(firstRune(a.text[end:])) && !a.inRepair(end) {
		return recoding{}
	}
	return a.prior
}

// inRepair reports whether offset i lies in or at the edge of one of the
// repairs made.
func (a *analyzer) inRepair(i int) bool {
	k := sort.Search(len(a.repairs), func(k int) bool { return a.repairs[k].hi >= i })
	return k < len(a.repairs) && a.repairs[k].lo <= i
}

// minRunes is cjkMinRunes, or 1 for the document's prior (where priorAt
// may still refuse it: a bound, which only spares the work).
func (a *analyzer) minRunes(rc recoding) int {
	if rc == a.prior {
		return 1
	}
	return cjkMinRunes(rc)
}
