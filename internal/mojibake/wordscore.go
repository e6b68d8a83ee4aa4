package mojibake

import "unicode/utf8"

// Document evidence in the acceptance of a misalignment repair.
//
// The search ranks repairs by their character-model score plus, among
// other evidence, a cache bonus for each character pair that the document
// uses elsewhere (cacheBonus, leadCache). Acceptance used to look at the character model
// alone, so a short repair whose words the document uses throughout
// (特殊字符?CQ必須 → 。名稱, with 名稱 eighteen times in the document)
// could fall short of the threshold. A document cache model raises the
// probability of the repair and of the garbled text alike; both are
// counted, the garbled text's pairs without the occurrence at hand, and
// part of the difference (docEvidenceShare, at most maxDocEvidence nats)
// counts towards the threshold.

const (
	docEvidenceShare = 0.5
	maxDocEvidence   = 2.0
)

// acceptGain returns gain, the character-model gain of repair c of the run
// text[q:c.end], adjusted by the document's evidence for the repair
// against its evidence for the garbled text.
func (s *shiftScorer) acceptGain(text string, q int, c *shiftCand, gain float64) float64 {
	if s.ev == nil {
		return gain
	}
	ev := s.repairCache(text, q, c.repair) - s.garbledCache(text, q, c.end)
	if ev <= 0 {
		return gain
	}
	return gain + min(maxDocEvidence, docEvidenceShare*ev)
}

// repairCache is the cache bonus that the search gives repair at q for
// the document's other uses of its character pairs (leadCache for the
// first character, cacheBonus for the others). It is recomputed here
// because the ranking also holds other evidence (word model, punctuation
// priors) that must not lower the acceptance threshold.
func (s *shiftScorer) repairCache(text string, q int, repair string) float64 {
	prev, _ := utf8.DecodeLastRuneInString(text[:q])
	b := 0.0
	for i, r := range repair {
		if i == 0 {
			b += s.leadCache(prev, r)
		} else {
			b += s.cacheBonus(prev, r)
		}
		prev = r
	}
	return b
}

// garbledCache is the cache bonus the garbled run text[q:end] (with the
// rune before it) would get from the document's other occurrences of its
// character pairs.
func (s *shiftScorer) garbledCache(text string, q, end int) float64 {
	prev, _ := utf8.DecodeLastRuneInString(text[:q])
	b := 0.0
	for _, r := range text[q:end] {
		if isHan(r) && isHan(prev) {
			if n := s.ev.pairCount(prev, r) - 1; n > 0 {
				b += pairBonus(uint64(n))
			}
		}
		prev = r
	}
	return b
}
