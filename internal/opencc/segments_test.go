package opencc

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// applySegments rebuilds the conversion of s from Segments.
func applySegments(t testing.TB, c *Converter, s string) string {
	t.Helper()
	var b strings.Builder
	last := 0
	c.Segments(s, func(start, end int, repl string) {
		require.GreaterOrEqual(t, start, last, "segments in order")
		require.Less(t, start, end)
		require.LessOrEqual(t, end, len(s))
		b.WriteString(s[last:start])
		b.WriteString(repl)
		last = end
	})
	b.WriteString(s[last:])
	return b.String()
}

func TestSegmentsRebuildConvert(t *testing.T) {
	inputs := []string{
		"",
		"abc",
		"我们的头发干了，这里面积很大。",
		"汉字转换测试 鼠标 软件 计算机 旧字体歴史仮名遣",
		"殢 殢云尤雨 𣨼 𣨼云尤雨",
		"想到自己一緊張就口吃，我就沒胃口吃飯",
		"⿰氵青 ⿱艹 \xff\xfe 乾隆 后来 皇后",
		"\uF900\uF901豈更 著名 鬥爭",
	}
	for _, name := range Names() {
		for _, conservative := range []bool{false, true} {
			c, err := New(name, Options{Conservative: conservative, IncludeTofu: true})
			require.NoError(t, err)
			for _, in := range inputs {
				assert.Equal(t, c.Convert(in), applySegments(t, c, in), "%s conservative=%v %q", name, conservative, in)
			}
		}
	}
}

func TestConcurrentUse(t *testing.T) {
	c, err := New("s2twp", Options{IncludeTofu: true, Conservative: true})
	require.NoError(t, err)
	in := strings.Repeat("我们的头发干了，这里面积很大。鼠标软件 发 后", 20)
	want := c.Convert(in)
	done := make(chan struct{})
	for g := 0; g < 6; g++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := 0; i < 30; i++ {
				assert.Equal(t, want, c.Convert(in))
				assert.Equal(t, want, applySegments(t, c, in))
				n := 0
				c.Ambiguous(in, func(start, end int, cands []string) { n++ })
				assert.Positive(t, n)
			}
		}()
	}
	for g := 0; g < 6; g++ {
		<-done
	}
}
