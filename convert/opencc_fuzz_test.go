package convert

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzConvert checks, for any input and configuration, that Convert does
// not panic, keeps valid UTF-8 valid, and that Segments and Ambiguous agree
// with it.
func FuzzConvert(f *testing.F) {
	for _, s := range []string{
		"", "abc", "我们的头发干了", "計算機軟體", "\xff\xfe们", "⿰氵们⿱", "\uF900\uF901",
		"殢云尤雨", "旧字体歴史仮名遣", "发 头发 发 后 以后", "\xe4\xbb", "们\x00们",
	} {
		f.Add(s, uint8(0), false)
	}
	f.Fuzz(func(t *testing.T, s string, which uint8, conservative bool) {
		name := configs[int(which)%len(configs)]
		c, err := NewWithOptions(name, Options{Conservative: conservative})
		if err != nil {
			t.Fatal(err)
		}
		out := c.Convert(s)
		if utf8.ValidString(s) && !utf8.ValidString(out) {
			t.Fatalf("%s: valid input %q gave invalid output %q", name, s, out)
		}
		var b strings.Builder
		last := 0
		c.Segments(s, func(start, end int, repl string) {
			if start < last || end <= start || end > len(s) {
				t.Fatalf("%s: bad segment [%d,%d) after %d in %q", name, start, end, last, s)
			}
			b.WriteString(s[last:start])
			b.WriteString(repl)
			last = end
		})
		b.WriteString(s[last:])
		if b.String() != out {
			t.Fatalf("%s: Segments rebuild %q, Convert %q", name, b.String(), out)
		}
		last = 0
		c.Ambiguous(s, func(start, end int, cands []string) {
			if start < last || end <= start || end > len(s) || len(cands) < 2 {
				t.Fatalf("%s: bad ambiguous [%d,%d) %v in %q", name, start, end, cands, s)
			}
			last = end
		})
	})
}
