package opencc

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// diffRuns returns the runs of differing characters of s and out, which
// have as many characters, compared one by one.
func diffRuns(s, out string) []Run {
	var runs []Run
	for i, j := 0, 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		q, m := utf8.DecodeRuneInString(out[j:])
		if r != q || n != m {
			if k := len(runs) - 1; k >= 0 && int(runs[k].End) == i {
				runs[k].End, runs[k].OutEnd = int32(i+n), int32(j+m)
			} else {
				runs = append(runs, Run{int32(i), int32(i + n), int32(j), int32(j + m)})
			}
		}
		i += n
		j += m
	}
	return runs
}

func TestConvertRuns(t *testing.T) {
	inputs := []string{
		"",
		"abc",
		"我們的頭髮乾了，這裡面積很大。",
		"著名的學者說著話，顯著地走著。後來皇后來了",
		"汉字转换测试 鼠标 软件 计算机 旧字体歴史仮名遣",
		"殢 殢云尤雨 𣨼 𣨼云尤雨",
		"想到自己一緊張就口吃，我就沒胃口吃飯",
		"⿰氵青 ⿱艹 乾隆 後來 皇后",
		"\uF900\uF901豈更 著名 鬥爭",
		"乾乾淨淨的頭髮髮型",
		// Replacements of another length (殢 → 𣨼) after and before ones
		// of the same length: the conversion leaves its in-place mode.
		"這裡的頭髮殢這裡頭髮",
		"頭髮殢云尤雨後來頭髮",
	}
	traced := 0
	for _, name := range Names() {
		for _, conservative := range []bool{false, true} {
			c, err := New(name, Options{Conservative: conservative, IncludeTofu: true})
			require.NoError(t, err)
			var buf []byte
			for _, in := range inputs {
				out, runs, changed, ok := c.ConvertRuns(buf, in, nil)
				if !ok {
					continue
				}
				traced++
				buf = out
				want := c.Convert(in)
				if !changed {
					assert.Equal(t, in, want, "%s %q", name, in)
					assert.Empty(t, runs)
					continue
				}
				require.Equal(t, want, string(out), "%s %q", name, in)
				require.Equal(t, utf8.RuneCountInString(in), utf8.RuneCountInString(want))
				assert.Equal(t, diffRuns(in, want), runs, "%s conservative=%v %q", name, conservative, in)
			}
		}
	}
	assert.NotZero(t, traced, "no configuration traced its runs")
}

func TestConvertRunsRefuses(t *testing.T) {
	c, err := New("t2s", Options{IncludeTofu: true})
	require.NoError(t, err)
	// A normalization step that changes the text (U+F900 → 豈).
	_, _, _, ok := c.ConvertRuns(nil, "\uF900著", nil)
	assert.False(t, ok)
	s2t, err := New("s2twp", Options{IncludeTofu: true})
	require.NoError(t, err)
	// Several steps and segmentation.
	_, _, _, ok = s2t.ConvertRuns(nil, "鼠标软件", nil)
	assert.False(t, ok)
}

// TestConvertRunsRefusesHuge checks that a text of maxTracedLen bytes or
// more is not traced, and that a text just below the bound is (with the
// bound lowered: the real one is 256 MB).
func TestConvertRunsRefusesHuge(t *testing.T) {
	defer func(n int) { maxTracedLen = n }(maxTracedLen)
	maxTracedLen = 1 << 10
	c, err := New("t2s", Options{IncludeTofu: true})
	require.NoError(t, err)
	pad := strings.Repeat("a", maxTracedLen-4)
	_, _, _, ok := c.ConvertRuns(nil, pad+"a著", nil)
	assert.False(t, ok, "a text of maxTracedLen bytes")
	out, runs, changed, ok := c.ConvertRuns(nil, pad+"頭", nil)
	require.True(t, ok, "a text of maxTracedLen-1 bytes")
	assert.True(t, changed)
	n := int32(maxTracedLen)
	require.Equal(t, []Run{{n - 4, n - 1, n - 4, n - 1}}, runs)
	assert.Equal(t, "头", string(out[maxTracedLen-4:]))
}
