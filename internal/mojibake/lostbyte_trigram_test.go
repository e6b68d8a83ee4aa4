package mojibake

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/hanfix/hanfix/internal/lm"
)

func TestLostTrigram(t *testing.T) {
	m := lm.Default()
	// After 设备, running text writes 驱 and hardly ever 区.
	tri := func(p2, p1, r rune) float64 { return lostTrigram(m, p2, p1, r, m.Bigram(p1, r)) }
	assert.Greater(t, tri('设', '备', '驱'), tri('设', '备', '区'))
	assert.Zero(t, tri('龥', '龥', '驱'), "no counts after the pair")
}

// TestPairBigram checks the bigram that punctScorer.pair hands to
// lostWindow.logProb for the trigram: the model's bigram, whatever the
// brackets and the sentence, exactly where neither rune is a mark.
func TestPairBigram(t *testing.T) {
	m, pm := lm.Default(), lm.DefaultPunct()
	ps := punctScorer{m: m, pm: pm, open: openBrackets("「（《"), sent: pm.SentenceOf("为什么")}
	text := []rune("设备驱动程序的安装与更新，请按F9说明书（第2版）操作。龥齉丂」\n")
	for i := 1; i < len(text); i++ {
		a, b := text[i-1], text[i]
		_, bg, ok := ps.pair(a, b)
		if marks := pm.IsMark(a) || pm.IsMark(b); ok == marks {
			t.Errorf("pair(%q, %q) has a bigram: %v, want %v", a, b, ok, !marks)
		}
		if ok && bg != m.Bigram(a, b) {
			t.Errorf("pair(%q, %q) bigram = %v, Bigram %v", a, b, bg, m.Bigram(a, b))
		}
	}
}
