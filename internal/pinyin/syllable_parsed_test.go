package pinyin

import "testing"

// TestSyllableOf checks Syllable.Of against HasReading: every toneless
// syllable of the inventory, with each tone number, and strings that are
// no syllable, for every character of U+4E00-U+9FFF (every 7th, with the
// syllables' number) and some others.
func TestSyllableOf(t *testing.T) {
	syls := []string{"", "x", "zhe0", "zhe5", "lǜ", "nü3", "shè", "ma", "hǎo", "abc1", "zhuang9"}
	for _, b := range Syllables() {
		syls = append(syls, b)
		for _, d := range "012345" {
			syls = append(syls, b+string(d))
		}
	}
	runes := []rune{0, 'a', '?', 0x3007, 0xFFFD, 0x20000, -1}
	hits := 0
	for i, syl := range syls {
		s := ParseSyllable(syl)
		for r := rune(0x4E00 + i%7); r <= 0x9FFF; r += 7 {
			got, want := s.Of(r), HasReading(r, syl)
			if got != want {
				t.Fatalf("ParseSyllable(%q).Of(%U) = %v, HasReading %v", syl, r, got, want)
			}
			if got {
				hits++
			}
		}
		for _, r := range runes {
			if got, want := s.Of(r), HasReading(r, syl); got != want {
				t.Fatalf("ParseSyllable(%q).Of(%U) = %v, HasReading %v", syl, r, got, want)
			}
		}
	}
	if hits < 1000 {
		t.Errorf("only %d characters with the syllables asked", hits)
	}
}
