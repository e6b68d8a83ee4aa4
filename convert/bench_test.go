package convert

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/liuzl/gocc"
)

// benchText returns about 128 KB of dense Chinese text for a script:
// OpenCC's golden US constitution (Simplified input, or its s2t output for
// Traditional) repeated; benchmarks skip without the shared data.
func benchText(b *testing.B, traditional bool) string {
	b.Helper()
	name := "us_constitution_zhs.txt"
	if traditional {
		name = "us_constitution_zhs.s2t.txt"
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "shared", "opencc", "golden", name))
	if err != nil {
		b.Skipf("no benchmark text: %v", err)
	}
	return strings.Repeat(string(raw), (128<<10)/len(raw)+1)
}

func benchConvert(b *testing.B, config string, traditional bool) {
	text := benchText(b, traditional)
	c, err := New(config)
	if err != nil {
		b.Fatal(err)
	}
	c.Convert(text) // warm the scratch buffers
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_ = c.Convert(text)
	}
}

var goccCache sync.Map

func benchGocc(b *testing.B, config string, traditional bool) {
	text := benchText(b, traditional)
	v, ok := goccCache.Load(config)
	if !ok {
		cc, err := gocc.New(config)
		if err != nil {
			b.Fatal(err)
		}
		goccCache.Store(config, cc)
		v = cc
	}
	cc := v.(*gocc.OpenCC)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := cc.Convert(text); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkConvertS2T(b *testing.B)   { benchConvert(b, "s2t", false) }
func BenchmarkConvertT2S(b *testing.B)   { benchConvert(b, "t2s", true) }
func BenchmarkConvertS2TWP(b *testing.B) { benchConvert(b, "s2twp", false) }
func BenchmarkConvertTW2SP(b *testing.B) { benchConvert(b, "tw2sp", true) }

// BenchmarkConvertUnchanged converts text that the configuration leaves as
// it is: Simplified text through t2s.
func BenchmarkConvertUnchanged(b *testing.B) { benchConvert(b, "t2s", false) }

func BenchmarkGoccS2T(b *testing.B)   { benchGocc(b, "s2t", false) }
func BenchmarkGoccT2S(b *testing.B)   { benchGocc(b, "t2s", true) }
func BenchmarkGoccS2TWP(b *testing.B) { benchGocc(b, "s2twp", false) }

// BenchmarkNewCached measures New of a configuration already built.
func BenchmarkNewCached(b *testing.B) {
	if _, err := New("s2twp"); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New("s2twp"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSegments measures Segments with a no-op callback.
func BenchmarkSegments(b *testing.B) {
	text := benchText(b, false)
	c, err := New("s2twp")
	if err != nil {
		b.Fatal(err)
	}
	fn := func(start, end int, repl string) {}
	c.Segments(text, fn)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		c.Segments(text, fn)
	}
}
