package lm

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A prepared word gives Before and After to the bit, for words with
// statistics of their own and without, and for characters known and not.
func TestLatinWordPrepared(t *testing.T) {
	s := DefaultLatin()
	words := []string{"", "F9", "Ctrl", "gcc", "perl", "10", "Configure", "Tab", "_x", "zzqqx", "Zzqqx", "12345"}
	for side := range s.words {
		n := 0
		for w := range s.words[side] {
			if n++; n > 200 {
				break
			}
			words = append(words, w)
		}
	}
	runes := []rune{'按', '把', '个', '下', '入', '全', '为', '认', '的', '得', '安', '\U0002A6A5', 'a', '。'}
	for r := range s.chars {
		if len(runes) > 400 {
			break
		}
		runes = append(runes, r)
	}
	for _, word := range words {
		wb, wa := s.WordBefore([]byte(word)), s.WordAfter([]byte(word))
		for _, r := range runes {
			if b, p := s.Before(r, []byte(word)), s.BeforeWord(r, wb); math.Float64bits(b) != math.Float64bits(p) {
				t.Errorf("BeforeWord(%c, %q) = %v, Before %v", r, word, p, b)
			}
			if a, p := s.After([]byte(word), r), s.AfterWord(wa, r); math.Float64bits(a) != math.Float64bits(p) {
				t.Errorf("AfterWord(%q, %c) = %v, After %v", word, r, p, a)
			}
		}
	}
	assert.Panics(t, func() { s.AfterWord(s.WordBefore([]byte("F9")), '按') })
	assert.Zero(t, s.AfterWord(LatinWord{}, '按'))
}
