package lm

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParsePunctEmbedded(t *testing.T) {
	p, err := ParsePunct(punctData, Default())
	require.NoError(t, err)
	assert.True(t, p.IsMark('。'))
	assert.True(t, p.IsMark('？'))
	assert.False(t, p.IsMark('中'))
	assert.False(t, p.IsMark('.'))
	assert.Same(t, DefaultPunct(), DefaultPunct())
	closeOpen, closeUnopened, endOpen := p.Brackets()
	assert.Greater(t, closeOpen, 2.0, "a closing mark stands almost only where its opener is open")
	assert.Less(t, closeUnopened, -1.0)
	assert.Less(t, endOpen, 0.0)
}

func TestParsePunctCorrupt(t *testing.T) {
	m := Default()
	for name, data := range map[string][]byte{
		"empty":       nil,
		"bad magic":   []byte("HPM0\n，。\n吗\n0 0 0\n\n"),
		"no header":   []byte(punctMagic + "，。\n吗\n"),
		"bad ratios":  []byte(punctMagic + "，。\n吗\nNaN 0 0\nsrc\n\n"),
		"truncated":   punctData[:len(punctData)/2],
		"trailing":    append(append([]byte(nil), punctData...), 1, 2, 3),
		"no counts":   []byte(punctMagic + "，。\n吗\n1 -1 -1\nsrc\n\n\x00\x00\x00\x00\x00\x00\x00\x00\x00"),
		"short lines": []byte(punctMagic + "，。\n\n"),
	} {
		_, err := ParsePunct(data, m)
		assert.ErrorIs(t, err, errFormat, name)
	}
}

// The statistics make the choices that the character model cannot: which
// mark running text puts between two characters, or at a line end.
func TestPunctChoices(t *testing.T) {
	p := DefaultPunct()
	slot := func(prev, mark, next rune, q bool) float64 {
		return p.Before(prev, mark) + p.After(mark, next) + p.Question(mark, q)
	}
	for _, c := range []struct {
		prev, next   rune
		q            bool
		better, than rune
	}{
		{'同', '如', false, '。', '、'},  // 相同。如果, not 相同、如果
		{'框', '\n', false, '。', '—'}, // a line ends with a full stop, not a lone dash
		{'出', '\n', false, '：', '？'}, // 印出： introduces what follows
		{'么', '\n', true, '？', '。'},  // 为什么？
		{'果', '，', false, '」', '。'},  // nothing follows 。 with ，
	} {
		b, w := slot(c.prev, c.better, c.next, c.q), slot(c.prev, c.than, c.next, c.q)
		assert.Greater(t, b, w, "%c%c%c (%.2f) over %c%c%c (%.2f)", c.prev, c.better, c.next, b, c.prev, c.than, c.next, w)
	}
	// Probabilities are on the character model's scale.
	for _, mark := range p.marks {
		for _, ctx := range []rune{'中', '\n', 'a', '0', ' ', '。', 0x4E3D, 0x20001} {
			lp := p.Before(ctx, mark)
			assert.True(t, lp < 0 && !math.IsInf(lp, 0), "Before(%q, %q) = %v", ctx, mark, lp)
			lp = p.After(mark, ctx)
			assert.True(t, lp < 0 && !math.IsInf(lp, 0), "After(%q, %q) = %v", mark, ctx, lp)
		}
	}
	// Not a mark: the character model.
	assert.Equal(t, Default().Bigram('中', '文'), p.Before('中', '文'))
	assert.Equal(t, Default().Bigram('中', '文'), p.After('中', '文'))
	assert.Zero(t, p.Question('中', true))
}

// TestPunctDomainShift checks the bound of the counts of one context
// (punctShiftFloor): documentation rarely writes 、 after 设 (设置), news
// writes 建设、 all the time, and a mark after a character never counted
// after it in the corpus costs at most the bound below the back-off.
func TestPunctDomainShift(t *testing.T) {
	p, m := DefaultPunct(), Default()
	k, _ := p.markIndex('、')
	assert.GreaterOrEqual(t, p.Before('设', '、'), math.Log(p.hanPool[k])-punctShiftFloor-1e-9)
	assert.Greater(t, p.Before('设', '、'), p.Before('设', '」')-1, "建设、 against 建设」")
	for _, next := range []rune{'坚', '组', '县', '企'} {
		assert.GreaterOrEqual(t, p.After('、', next), m.Unigram(next)-punctShiftFloor-1e-9, "、%c", next)
	}
	// 〝〞〟 are rare in Chinese text, far below 、 and 」.
	assert.Less(t, m.Unigram('〝'), m.Unigram('」')-5)
}

func TestSentenceQuestion(t *testing.T) {
	p := DefaultPunct()
	for _, c := range []struct {
		text string
		want bool
	}{
		{"要如何编译 perl", true},
		{"你为什么不来", true},
		{"這是什麼", true},
		{"好吗", true},
		{"把 @INC 阵列印出", false},
		{"这是什么。然后按 F9 键", false}, // the question ended
		{"是什么\n下一行", false},
		{"", false},
		{"\xff\xfe什", false},
	} {
		s := p.SentenceOf(c.text)
		assert.Equal(t, c.want, s.Question(), c.text)
	}
}
