package lm

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTrigram(t *testing.T) {
	m := Default()
	// Running text writes 如果没 and hardly ever 如果然, which the bigram
	// estimate (果然 is a word) has the other way round.
	没, okA := m.Trigram('如', '果', '没')
	然, okB := m.Trigram('如', '果', '然')
	require.True(t, okA && okB, "如果 is a context of the model")
	assert.Less(t, m.Bigram('果', '没'), m.Bigram('果', '然'))
	assert.Greater(t, 没, 然)
	assert.Greater(t, 没, m.Bigram('果', '没'), "the counts raise what running text writes")
	assert.Less(t, 然, m.Bigram('果', '然'), "and lower what it does not")

	// The estimate is a probability: over the Han characters of the
	// vocabulary it sums to what the counts leave to them, which is less
	// than 1 by about the share of the runs that end after 如果.
	sum := 0.0
	for _, r := range m.runes {
		if isHanRune(r) {
			lp, _ := m.Trigram('如', '果', r)
			sum += math.Exp(lp)
		}
	}
	assert.Greater(t, sum, 0.5)
	assert.Less(t, sum, 1.05)

	// A mark meets the counts of the runs that end after a pair: after
	// 结合 (相结合、) they often do, after 如果 hardly ever.
	mark, ok := m.Trigram('结', '合', '、')
	require.True(t, ok)
	assert.Greater(t, mark, m.Bigram('合', '、'))
	mark, ok = m.Trigram('如', '果', '，')
	require.True(t, ok)
	assert.Less(t, mark, m.Bigram('果', '，'))

	// TrigramFrom agrees with Trigram.
	lp, ok := m.TrigramFrom('如', '果', '没', m.Bigram('果', '没'))
	assert.True(t, ok)
	assert.Equal(t, 没, lp)

	for _, tc := range []struct{ a, b, c rune }{
		{'x', '果', '没'}, // not a character of the model
		{'如', 'x', '没'}, // nor this
		{'龥', '龥', '没'}, // a pair running text never writes
	} {
		lp, ok := m.Trigram(tc.a, tc.b, tc.c)
		assert.False(t, ok, "%q%q", tc.a, tc.b)
		assert.Equal(t, m.Bigram(tc.b, tc.c), lp, "without counts the estimate is the bigram one")
	}
	// A character outside the vocabulary after a known pair is one the
	// pair was never seen before.
	lp, ok = m.Trigram('如', '果', 'x')
	assert.True(t, ok)
	assert.Less(t, lp, m.Bigram('果', 'x'))
}

// TestTriplesCounts checks the look-up against the counts of a model
// written here: contexts, successors in order, and a count of 255 or more.
func TestTriplesCounts(t *testing.T) {
	var tr triples
	tr.init(2)
	tr.idx = []byte{3, 0, 9, 1, 1, 0} // context 0: indices 3, 265; context 1: index 1
	tr.cnt = []byte{2, 255, 7}
	tr.large = map[uint32]uint16{1: 300}
	tr.start = append(tr.start, 2)
	tr.add(5, 6, 302, 0)
	tr.start = append(tr.start, 3)
	tr.add(6, 5, 7, 4)
	c0, c1 := tr.find(5, 6), tr.find(6, 5)
	require.Equal(t, 0, c0)
	require.Equal(t, 1, c1)
	assert.Equal(t, -1, tr.find(5, 5))
	assert.Equal(t, 2, tr.countOf(c0, 3))
	assert.Equal(t, 300, tr.countOf(c0, 265))
	assert.Equal(t, 0, tr.countOf(c0, 4))
	assert.Equal(t, 7, tr.countOf(c1, 1))
	assert.Equal(t, 0, tr.countOf(c1, 3))
	assert.InDelta(t, math.Log(302+triPrior), float64(tr.logDen[c0]), 1e-6)
	assert.InDelta(t, math.Log(7+4+triPrior), float64(tr.logDen[c1]), 1e-6, "run ends are continuations too")
	assert.InDelta(t, math.Log((4+triPrior*nonHanShare)/(7+4+triPrior)/nonHanShare), float64(tr.logEnd[c1]), 1e-6)

	var empty triples
	assert.Equal(t, -1, empty.find(1, 2), "a model without triples")
}

func TestParseTriples(t *testing.T) {
	// Two characters, 一 and 丁, the pair 一丁, and the triple 一丁一 seen
	// 3 times.
	model := magic + "\x02\x80\x9c\x01\x01\x01\x01\x01\x01\x01\x01\x01\x01" + "\x01\x01\x01\x05\x00"
	m, err := Parse([]byte(model + "\x01\x01\x01\x01\x03\x00" + "\x00\x00\x03"))
	require.NoError(t, err)
	lp, ok := m.Trigram('一', '丁', '一')
	require.True(t, ok)
	assert.InDelta(t, math.Log((3+triPrior*math.Exp(m.Bigram('丁', '一')))/(3+triPrior)), lp, 1e-6)
	lp, ok = m.Trigram('一', '丁', '。')
	require.True(t, ok)
	assert.InDelta(t, m.Bigram('丁', '。')+math.Log(triPrior*nonHanShare/(3+triPrior)/nonHanShare), lp, 1e-6, "no run ended after 一丁")

	m, err = Parse([]byte(model + "\x00\x00"))
	require.NoError(t, err, "a model without triples")
	_, ok = m.Trigram('一', '丁', '一')
	assert.False(t, ok)

	for name, tail := range map[string]string{
		"no section":         "",
		"truncated arrays":   "\x01\x01\x01\x01\x03\x00" + "\x00\x00",
		"no run ends":        "\x01\x01\x01\x01\x03",
		"context past n·n":   "\x01\x01\x04\x01\x03\x00" + "\x00\x00\x03",
		"rows longer":        "\x01\x01\x01\x02\x03\x00" + "\x00\x00\x03",
		"large count absent": "\x01\x01\x01\x01\xff\x01\x00" + "\x00\x00\xff",
		"large count small":  "\x01\x01\x01\x01\xff\x01\x00" + "\x00\x00\xff\x10",
		"trailing bytes":     "\x00\x00\x00",
	} {
		_, err := Parse([]byte(model + tail))
		assert.ErrorIs(t, err, errFormat, name)
	}
}

func TestLogPlus(t *testing.T) {
	for _, n := range []uint32{0, 1, 1023, 1024, 70000} {
		assert.InDelta(t, math.Log(float64(n)+triPrior), logPlusPrior(n), 1e-12)
		assert.InDelta(t, math.Log(float64(n)+triPrior*nonHanShare), logPlusEnd(n), 1e-12)
	}
}
