package lm

import (
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseEmbedded(t *testing.T) {
	m, err := Parse(modelData)
	require.NoError(t, err)
	assert.Greater(t, m.Len(), 10000)
	assert.Less(t, len(modelData), 4<<20, "model must stay under 4 MB")
	assert.True(t, m.Contains('的'))
	assert.True(t, m.Contains('發'))
}

func TestParseCorrupt(t *testing.T) {
	cases := map[string][]byte{
		"empty":     nil,
		"magic":     []byte("XXXX\x01"),
		"truncated": modelData[:len(modelData)/2],
		"trailing":  append(append([]byte{}, modelData...), 0),
		"header":    []byte(magic + "\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"),
	}
	for name, data := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Parse(data)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "parse model")
		})
	}
}

func TestDefaultConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	ms := make([]*Model, 8)
	for i := range ms {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			ms[i] = Default()
			_ = ms[i].Score("并发安全")
		}(i)
	}
	wg.Wait()
	for _, m := range ms {
		assert.Same(t, ms[0], m)
	}
}

// TestChineseBeatsMojibake checks that prose scores well above the usual
// kinds of decoding damage.
func TestChineseBeatsMojibake(t *testing.T) {
	m := Default()
	cases := []struct {
		name, good, bad string
	}{
		{"gbk shifted by one byte", "经济社会发展取得了巨大成就", "秾嵤┮庖姟穼ψセ鶎狱h"},
		{"utf-8 read as gbk", "发展战略", "鍙戝睍鎴樼暐"},
		{"utf-8 read as latin-1", "中文", "ä¸\u00adæ\u0096\u0087"},
		{"big5 read as gbk", "經濟發展", "講纗祇甶"},
		{"traditional prose", "臺灣的經濟發展很快", "嚗蝞Ｗ蝬"},
		{"replacement characters", "人民生活", "\ufffd\ufffd\ufffd\ufffd"},
		{"private use", "人民生活", "\ue000\ue001\ue002\ue003"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g, b := m.Score(c.good), m.Score(c.bad)
			t.Logf("good %.2f %q, bad %.2f %q", g, c.good, b, c.bad)
			assert.Greater(t, g, b+3, "prose must score well above mojibake")
		})
	}
}

func TestScoreSanity(t *testing.T) {
	m := Default()
	cases := []struct {
		name     string
		s        string
		min, max float64
	}{
		{"simplified", "中华人民共和国成立以来，经济社会发展取得了巨大成就。", -6, -2},
		{"traditional", "經濟社會發展取得了巨大成就，人民生活水平不斷提高。", -6, -2},
		{"english", "The quick brown fox jumps over the lazy dog.", -4, -2},
		{"japanese", "日本語のテキストです。これはテストです。", -8, -4},
		{"korean", "한국어 텍스트입니다. 이것은 시험입니다.", -8, -4},
		{"box drawing", "┌─┬─┐│└┘", -14, -10},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := m.Score(c.s)
			assert.GreaterOrEqual(t, s, c.min, "score %.2f", s)
			assert.LessOrEqual(t, s, c.max, "score %.2f", s)
		})
	}
}

func TestLogProbDefinition(t *testing.T) {
	m := Default()
	s := "中文abc，Ω\ufffd"
	rs := []rune(s)
	want := m.Unigram(rs[0])
	for i := 1; i < len(rs); i++ {
		want += m.Bigram(rs[i-1], rs[i])
	}
	assert.InDelta(t, want, m.LogProb(s), 1e-9)
	assert.InDelta(t, want/float64(len(rs)), m.Score(s), 1e-9)
	assert.Zero(t, m.Score(""))
	assert.Zero(t, m.LogProb(""))
	// Invalid UTF-8 counts as U+FFFD.
	assert.InDelta(t, m.Unigram(0xFFFD), m.LogProb("\xff"), 1e-9)
}

func TestUnigramFloors(t *testing.T) {
	m := Default()
	order := []rune{'，', '中', 'a', 'ア', '┃', 'ｱ', '\U00020001', '\ue000', '\ufffd'}
	for i := 1; i < len(order); i++ {
		assert.Greater(t, m.Unigram(order[i-1]), m.Unigram(order[i]), "%q vs %q", order[i-1], order[i])
	}
	for _, r := range []rune{-1, 0x110000, 0x20000, 0x10FFFF, 0xD800} {
		lp := m.Unigram(r)
		assert.False(t, math.IsNaN(lp) || math.IsInf(lp, 0))
		assert.Less(t, lp, -10.0, "%U", r)
	}
}

func TestBigramBackoff(t *testing.T) {
	m := Default()
	// A pair seen in words beats the same second character after an
	// unrelated one; an unseen pair of common characters still scores
	// moderately.
	assert.Greater(t, m.Bigram('发', '展'), m.Bigram('鸭', '展'))
	unseen := m.Bigram('的', '国')
	assert.Greater(t, unseen, m.Unigram('国')-1.5)
	assert.Less(t, unseen, m.Unigram('国'))
	// Latin rules: letters follow letters.
	assert.Greater(t, m.Bigram('t', 'h'), m.Unigram('h'))
	assert.Greater(t, m.Bigram('t', 'h'), m.Bigram('t', 'Q'))
}

func TestScriptFreq(t *testing.T) {
	m := Default()
	assert.Greater(t, m.SimplifiedFreq('发'), m.TraditionalFreq('发'))
	assert.Greater(t, m.TraditionalFreq('發'), m.SimplifiedFreq('發'))
	assert.Greater(t, m.SimplifiedFreq('的'), 1e-3)
	assert.Greater(t, m.TraditionalFreq('的'), 1e-3)
	assert.Zero(t, m.SimplifiedFreq('a'))
	assert.Zero(t, m.TraditionalFreq('\ufffd'))
}

func TestClass(t *testing.T) {
	cases := []struct {
		r    rune
		want CharClass
	}{
		{'中', Han}, {'〇', Han}, {'\U00020000', Han}, {'あ', Kana}, {'ア', Kana}, {'ｱ', Kana},
		{'한', Hangul}, {'a', Latin}, {'É', Latin}, {'Ｚ', Latin}, {'Ω', Letter}, {'ㄅ', Letter},
		{'7', Digit}, {'７', Digit}, {'，', Punct}, {'。', Punct}, {'.', Punct}, {' ', Space},
		{'\u3000', Space}, {'\n', Space}, {'┃', Symbol}, {'$', Symbol}, {'\ue000', PrivateUse},
		{'\ufffd', Replacement}, {0x01, Control}, {0x85, Control}, {0x0301, Other}, {-5, Other},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Class(c.r), "%U %q", c.r, c.r)
	}
	assert.Equal(t, "Han", Han.String())
	assert.True(t, strings.HasPrefix(CharClass(200).String(), "CharClass("))
}

func TestNoAllocs(t *testing.T) {
	m := Default()
	s := "中华人民共和国成立以来，经济社会发展取得了巨大成就。abc"
	assert.Zero(t, testing.AllocsPerRun(100, func() { m.LogProb(s) }))
	assert.Zero(t, testing.AllocsPerRun(100, func() { m.Score(s) }))
}

func TestChainMatchesLogProb(t *testing.T) {
	m := Default()
	for _, s := range []string{"", "中", "中文abc，Ω\ufffd𠀀", "The 經濟 of 1990s"} {
		c := m.NewChain()
		for _, r := range s {
			c.Add(r)
		}
		assert.InDelta(t, m.LogProb(s), c.LogProb(), 1e-9, s)
		assert.Equal(t, len([]rune(s)), c.Len())
		c.AddPenalty(-1)
		assert.InDelta(t, m.LogProb(s)-1, c.LogProb(), 1e-9, s)
		c.Reset()
		assert.Zero(t, c.LogProb())
	}
}

// TestFloorBlocks checks that floor is the same throughout each block of
// floorBlocks, which fillFloors relies on, and that fillFloors gives
// floor of every BMP rune.
func TestFloorBlocks(t *testing.T) {
	for _, b := range floorBlocks {
		for r := b.lo; r <= b.hi; r++ {
			if floor(r) != floor(b.lo) {
				t.Fatalf("floor(%U) = %v, floor(%U) = %v", r, floor(r), b.lo, floor(b.lo))
			}
		}
	}
	var u [0x10000]runeEntry
	fillFloors(&u)
	for r := range u {
		if u[r].uni != float32(floor(rune(r))) {
			t.Fatalf("fillFloors: %U: %v, floor: %v", r, u[r].uni, floor(rune(r)))
		}
	}
}
