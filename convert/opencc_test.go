package convert

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewConfigs(t *testing.T) {
	require.Len(t, Configs(), 16)
	for _, name := range Configs() {
		c, err := New(name)
		require.NoError(t, err, name)
		assert.Equal(t, name, c.Config())
		withSuffix, err := New(name + ".json")
		require.NoError(t, err, name)
		assert.Equal(t, name, withSuffix.Config())
	}
}

func TestNewErrors(t *testing.T) {
	for _, name := range []string{"", "x2y", "s2t.txt", "S2T", "../s2t", "s2t.json.json"} {
		_, err := New(name)
		require.Error(t, err, name)
		assert.Contains(t, err.Error(), "unknown configuration", name)
	}
}

func TestNewCachedSame(t *testing.T) {
	a, err := New("s2t")
	require.NoError(t, err)
	b, err := New("s2t")
	require.NoError(t, err)
	assert.Same(t, a, b)
	assert.Zero(t, testing.AllocsPerRun(100, func() { _, _ = New("s2t") }))
}

func TestConvertTable(t *testing.T) {
	tests := []struct {
		config, in, want string
	}{
		{"s2t", "", ""},
		{"s2t", "hello, world", "hello, world"},
		{"s2t", "我们的头发", "我們的頭髮"},
		{"s2t", "天干物燥", "天乾物燥"},
		{"s2t", "干部", "幹部"},
		{"s2tw", "这里", "這裡"},
		{"s2twp", "鼠标和软件", "滑鼠和軟體"},
		{"s2hk", "这里", "這裏"},
		{"t2s", "計算機軟體", "计算机软体"},
		{"tw2sp", "計算機軟體", "计算机软件"},
		{"t2jp", "舊字體", "旧字体"},
		{"jp2t", "旧字体", "舊字體"},
		{"t2s", "\uF900", "岂"},                  // CJK compatibility ideograph normalised first
		{"s2t", "abc\xff们\xfe", "abc\xff們\xfe"}, // invalid bytes kept as they are
		{"s2t", "⿰氵们", "⿰氵们"},                   // ideographic description sequences are left whole
		{"t2s", "殢", "𣨼"},                       // tofu-risk dictionaries on by default
	}
	for _, tt := range tests {
		c, err := New(tt.config)
		require.NoError(t, err)
		assert.Equal(t, tt.want, c.Convert(tt.in), "%s %q", tt.config, tt.in)
	}
}

func TestConvertAvoidTofu(t *testing.T) {
	c, err := NewWithOptions("t2s", Options{AvoidTofu: true})
	require.NoError(t, err)
	assert.Equal(t, "殢", c.Convert("殢"))
}

func TestConvertUnchangedIsInput(t *testing.T) {
	c, err := New("t2s")
	require.NoError(t, err)
	in := strings.Repeat("这是简体中文。", 100)
	out := c.Convert(in)
	require.Equal(t, in, out)
	assert.Equal(t, unsafe.StringData(in), unsafe.StringData(out), "same string, not a copy")
	if raceEnabled {
		return
	}
	assert.Zero(t, testing.AllocsPerRun(100, func() { _ = c.Convert(in) }))
}

func TestConvertAllocatesOnlyResult(t *testing.T) {
	c, err := New("s2twp")
	require.NoError(t, err)
	in := strings.Repeat("我们的头发干了，这里面积很大。鼠标软件。", 50)
	c.Convert(in)
	if raceEnabled {
		t.Skip("allocation counts are not stable under the race detector")
	}
	assert.Equal(t, 1.0, testing.AllocsPerRun(100, func() { _ = c.Convert(in) }))
}

func TestConvertResultNotShared(t *testing.T) {
	c, err := New("s2t")
	require.NoError(t, err)
	a := c.Convert("头发")
	b := c.Convert("们们")
	assert.Equal(t, "頭髮", a)
	assert.Equal(t, "們們", b)
}

func TestConvertConcurrent(t *testing.T) {
	c, err := New("s2twp")
	require.NoError(t, err)
	in := "我们的头发干了，这里面积很大。鼠标软件。"
	want := c.Convert(in)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 200; i++ {
				assert.Equal(t, want, c.Convert(in))
			}
		}()
	}
	wg.Wait()
}

type seg struct {
	start, end int
	repl       string
}

func collectSegments(c *Converter, s string) []seg {
	var out []seg
	c.Segments(s, func(start, end int, repl string) { out = append(out, seg{start, end, repl}) })
	return out
}

func TestSegments(t *testing.T) {
	tests := []struct {
		config, in string
		want       []seg
	}{
		{"s2t", "abc", nil},
		{"s2t", "我们的头发", []seg{{3, 6, "們"}, {9, 15, "頭髮"}}},
		{"s2twp", "用鼠标", []seg{{3, 9, "滑鼠"}}},
		{"tw2sp", "軟體好", []seg{{0, 6, "软件"}}},
		{"t2s", "\uF900", []seg{{0, 3, "岂"}}},
	}
	for _, tt := range tests {
		c, err := New(tt.config)
		require.NoError(t, err)
		assert.Equal(t, tt.want, collectSegments(c, tt.in), "%s %q", tt.config, tt.in)
	}
}

func TestSegmentsNoAlloc(t *testing.T) {
	c, err := New("s2twp")
	require.NoError(t, err)
	in := strings.Repeat("我们的头发干了，这里面积很大。鼠标软件。", 50)
	n := 0
	fn := func(start, end int, repl string) { n++ }
	c.Segments(in, fn)
	if raceEnabled {
		t.Skip("allocation counts are not stable under the race detector")
	}
	assert.Zero(t, testing.AllocsPerRun(50, func() { c.Segments(in, fn) }))
}

func TestConservative(t *testing.T) {
	c, err := NewWithOptions("s2t", Options{Conservative: true})
	require.NoError(t, err)
	tests := []struct{ in, want string }{
		{"头发", "頭髮"},     // inside a phrase: converted
		{"发", "发"},       // alone: ambiguous (發/髮), left
		{"们", "們"},       // one candidate: converted
		{"他干", "他干"},     // 干: 幹/乾/干/榦
		{"天干物燥", "天乾物燥"}, // phrase
		{"以后 后", "以後 后"}, // phrase, then ambiguous 后
		{"面条 面", "麪條 面"}, // 面 alone: 面/麪
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, c.Convert(tt.in), tt.in)
	}
	var amb []string
	c.Ambiguous("以后 后 他干", func(start, end int, cands []string) {
		amb = append(amb, "以后 后 他干"[start:end]+"="+strings.Join(cands, "/"))
	})
	assert.Equal(t, []string{"后=後/后", "干=幹/乾/干/榦"}, amb)
}

func TestAmbiguousDefaultConverter(t *testing.T) {
	c, err := New("s2t")
	require.NoError(t, err)
	var got []int
	c.Ambiguous("发 头发 发", func(start, end int, cands []string) { got = append(got, start, end) })
	assert.Equal(t, []int{0, 3, 11, 14}, got)
	assert.Equal(t, "發 頭髮 發", c.Convert("发 头发 发"))
}

func TestConvertHugeLine(t *testing.T) {
	c, err := New("s2twp")
	require.NoError(t, err)
	unit := "我们的头发干了，这里面积很大。鼠标软件\xff⿰氵"
	in := strings.Repeat(unit, (4<<20)/len(unit)) // one 4 MB line
	out := c.Convert(in)
	assert.Equal(t, strings.Repeat(c.Convert(unit), (4<<20)/len(unit)), out)
	n := 0
	c.Segments(in, func(start, end int, repl string) { n++ })
	assert.Greater(t, n, 0)
}

func TestAmbiguousOncePerCharacter(t *testing.T) {
	// 只 is ambiguous in STCharacters and again in HKVariants.
	c, err := New("s2hk")
	require.NoError(t, err)
	var got []string
	s := "只 只"
	c.Ambiguous(s, func(start, end int, cands []string) {
		got = append(got, fmt.Sprintf("%d-%d %s", start, end, strings.Join(cands, "/")))
	})
	require.Len(t, got, 2)
	assert.Equal(t, "0-3", got[0][:3])
	assert.Equal(t, "4-7", got[1][:3])
}
