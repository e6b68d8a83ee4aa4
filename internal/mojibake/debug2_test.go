package mojibake

import (
	"testing"

	"github.com/hanfix/hanfix/internal/lm"
)

func TestDebugLM(t *testing.T) {
	m := lm.Default()
	for _, p := range [][2]rune{{'正', '常'}, {'常', '現'}, {'正', '。'}, {'。', '現'}, {'與', '日'}, {'傳', '上'}, {'日', '常'}, {'常', '考'}, {'日', '。'}, {'。', '考'}, {'上', '海'}, {'海', '口'}, {'上', '。'}, {'。', '口'}, {'生', '活'}, {'的', '生'}, {'活', '態'}, {'的', '深'}, {'深', '態'}} {
		t.Logf("%c%c %.2f  uni %.2f", p[0], p[1], m.Bigram(p[0], p[1]), m.Unigram(p[1]))
	}
}
