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

// TestPairIsBigramBetweenHan checks what lostWindow.logProb relies on to
// look the bigram up once: between two Han characters that are no marks,
// punctScorer.pair is the model's bigram, whatever the brackets and the
// sentence.
func TestPairIsBigramBetweenHan(t *testing.T) {
	m, pm := lm.Default(), lm.DefaultPunct()
	ps := punctScorer{m: m, pm: pm, open: openBrackets("「（《"), sent: pm.SentenceOf("为什么")}
	text := []rune("设备驱动程序的安装与更新，请按说明书操作。龥齉丂")
	for i := 1; i < len(text); i++ {
		a, b := text[i-1], text[i]
		if !isHan(a) || !isHan(b) || pm.IsMark(a) || pm.IsMark(b) {
			continue
		}
		if got, want := ps.pair(a, b), m.Bigram(a, b); got != want {
			t.Errorf("pair(%c, %c) = %v, Bigram %v", a, b, got, want)
		}
	}
}
