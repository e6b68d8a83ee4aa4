package mojibake

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestShiftDropBeforeLost garbles lines (written for this test) whose run
// ends in a dropped pair and a lost last byte: 字符串, is D7D6 B7FB B4AE 2C,
// and out of step FB B4 is dropped and AE 2C reads as one "?". The last
// character, 串, is no common character, so the choices after the dropped
// pair must include the model's likeliest successors of 符; and, as for
// the other dropped pairs, the character the pair restores must not cost
// the repair its rank. Before both, the search read 字符, and was sure.
func TestShiftDropBeforeLost(t *testing.T) {
	for _, tc := range []struct{ line, repair string }{
		{"请先阅读说明。输入字符串,然后按回车", "。输入字符串,"},
		{"请先阅读说明。这是一个很长的字符串,它包含", "。这是一个很长的字符串,"},
	} {
		sp := assertRepair(t, tc.line, tc.repair)
		assert.Contains(t, sp.Plan, "drop@")
		assert.Contains(t, sp.Plan, "end=lost:AE+2C")
		assert.Less(t, sp.Confidence, SureConfidence, "the dropped pair and the lost byte are both guessed: %s", sp.Reason)
	}
}

// TestLostPlainSuccessors checks that the choices after a dropped pair
// before a lost byte hold the model's successors of the character before
// the pair: 串 (B4 AE) after 符 (B7 FB), FB B4 being dropped.
func TestLostPlainSuccessors(t *testing.T) {
	s := newShiftScorer()
	lp := s.lostPlainOf(0xB7)
	found := false
	for _, gr := range lp.groups {
		if gr.x != 0xFB {
			continue
		}
		require.Equal(t, '符', gr.c)
		for _, e := range lp.ents[gr.lo:gr.hi] {
			if e.code == 0xB4AE {
				found = true
				assert.Equal(t, s.bg.Bigram('符', '串'), e.b)
				assert.LessOrEqual(t, e.b, gr.bMax)
			}
		}
	}
	assert.True(t, found, "串 is among the choices after 符")
}
