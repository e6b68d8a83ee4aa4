package lm

import (
	"math"
	"testing"
)

// TestRowBigram checks Row.Bigram against Bigram, bit for bit, for pairs
// of modelled characters, of class-rule characters and of both.
func TestRowBigram(t *testing.T) {
	m := Default()
	rs := []rune{'a', 'Z', ' ', '\n', '1', 'é', 'ア', '한', '。', '，', '?', 0xFFFD, 0xE000, 0x20000, -1}
	for k, r := range m.Runes() {
		if k%97 == 0 {
			rs = append(rs, r)
		}
	}
	for _, a := range rs {
		row := m.After(a)
		for _, b := range rs {
			if got, want := row.Bigram(b), m.Bigram(a, b); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("After(%q).Bigram(%q) = %v, want %v", a, b, got, want)
			}
		}
	}
}
