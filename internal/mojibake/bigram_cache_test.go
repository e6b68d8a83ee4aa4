package mojibake

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/hanfix/hanfix/internal/lm"
)

// bigramCacheRunes are runes of every class the model scores differently:
// ASCII, Latin-1 and windows-1252 mojibake, common and rare Han, marks,
// kana, Hangul, private use, U+FFFD, surrogates, beyond the BMP and the
// negative "no rune" of the searches.
var bigramCacheRunes = []rune{
	-1, 0, '\n', ' ', 'a', 'Z', '7', '?', 0x80, 0xA0, 'Ã', '©', '¤', 'æ', '€', '™',
	'的', '中', '国', '鍙', '浜', '龘', '。', '，', '「', '（', 'ア', 'の', '한',
	0xE000, 0xF8FF, utf8.RuneError, 0xD800, 0xDFFF, 0xFFFF, 0x10000, 0x20000, 0x2A6D6, utf8.MaxRune,
}

// TestBigramCacheExact checks that the cache returns the model's Bigram
// bit for bit, when it scores a pair and when it holds it, for pairs it
// keeps and pairs it cannot (beyond the BMP, scores a float32 would round).
func TestBigramCacheExact(t *testing.T) {
	m := lm.Default()
	// The empty entries hold the score of a pair of surrogates, which
	// must survive the float32.
	v := m.Bigram(0xD800, 0xD800)
	require.Equal(t, v, float64(float32(v)))
	c := getBigramCache(m)
	defer putBigramCache(c)
	for pass := range 2 {
		for _, a := range bigramCacheRunes {
			for _, b := range bigramCacheRunes {
				want := m.Bigram(a, b)
				assert.Equal(t, want, c.Bigram(a, b), "pass %d: Bigram(%U, %U)", pass, a, b)
				if lp, ok := c.lookup(a, b); ok {
					assert.Equal(t, want, lp, "pass %d: lookup(%U, %U)", pass, a, b)
				}
			}
		}
	}
}

// TestBigramCacheKeeps checks that the cache keeps the pairs it can: on
// the second ask a pair of BMP runes with a float32 score is a hit, and a
// pair beyond the BMP never is.
func TestBigramCacheKeeps(t *testing.T) {
	m := lm.Default()
	c := getBigramCache(m)
	defer putBigramCache(c)
	tests := []struct {
		a, b rune
		keep bool
	}{
		{'中', '国', true},
		{'的', '。', true},
		{'a', 'b', true},
		{-1, '中', false},
		{'中', 0x20000, false},
		{0x20000, '中', false},
	}
	for _, tt := range tests {
		c.Bigram(tt.a, tt.b)
		_, ok := c.lookup(tt.a, tt.b)
		assert.Equal(t, tt.keep, ok, "%U %U", tt.a, tt.b)
	}
}

// FuzzBigramCache checks the cache against the model on the pairs of
// runes of any text, asked twice.
func FuzzBigramCache(f *testing.F) {
	for _, s := range []string{"中国人民", "cafÃ©", "鍙戝睍", "ア한\U00020000\uFFFD\uE000"} {
		f.Add(s)
	}
	m := lm.Default()
	f.Fuzz(func(t *testing.T, s string) {
		c := getBigramCache(m)
		defer putBigramCache(c)
		for pass := range 2 {
			prev := rune(-1)
			for _, r := range s {
				if got, want := c.Bigram(prev, r), m.Bigram(prev, r); got != want {
					t.Fatalf("pass %d: Bigram(%U, %U) = %v, model %v", pass, prev, r, got, want)
				}
				prev = r
			}
		}
	})
}
