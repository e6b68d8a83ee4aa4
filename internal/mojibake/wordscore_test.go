package mojibake

import (
	"strings"
	"testing"
)

// A short repair that the character model alone finds only slightly more
// probable than the garbled text is accepted when the document uses its
// character pairs elsewhere, and not otherwise.
func TestAcceptDocEvidence(t *testing.T) {
	const run = "可以使用字母和數字?CQ必須以字母開頭。\n"
	alone := run
	withDoc := strings.Repeat("每個名稱都是唯一的。名稱不能重複。\n", 3) + run
	repaired := func(text string) bool {
		for _, sp := range Find(text) {
			if sp.Kind == KindGBKShift && sp.Garbled == "?CQ" && sp.Repairable && sp.Repair == "。名稱" {
				return true
			}
		}
		return false
	}
	if repaired(alone) {
		t.Errorf("repaired without document evidence: the test no longer shows the evidence at work")
	}
	if !repaired(withDoc) {
		t.Errorf("not repaired although the document uses 名稱 throughout")
	}
}

// The garbled text's own pairs count for it only from their other
// occurrences: a run that occurs twice gets no evidence from itself.
func TestGarbledCacheExcludesItself(t *testing.T) {
	text := "文件?!秾嵤┮庖姟穼ψセ鶎狱h建"
	s := &shiftScorer{ev: collectEvidence(text)}
	if b := s.garbledCache(text, strings.Index(text, "?"), len(text)); b != 0 {
		t.Errorf("single run: garbled cache %.1f, want 0", b)
	}
	twice := text + "\n" + text
	s = &shiftScorer{ev: collectEvidence(twice)}
	if b := s.garbledCache(twice, strings.Index(twice, "?"), len(text)); b == 0 {
		t.Errorf("repeated run: garbled cache 0, want > 0")
	}
}
