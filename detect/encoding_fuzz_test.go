package detect_test

import (
	"math"
	"testing"

	"github.com/hanfix/hanfix/detect"
)

// FuzzEncoding checks that Encoding never panics, answers a name, and keeps
// confidences in [0, 1].
func FuzzEncoding(f *testing.F) {
	for _, s := range []string{"", "abc", "中文", "\xd6\xd0\xce\xc4", "\xa4\xa4\xa4\xe5", "\xff\xfe\x2d\x4e",
		"~{VPND~}", "\x1b$B", "\x84\x31\x95\x33", "\x81\x30\x81\x30", "\x00a\x00b", "\xef\xbb\xbf", "\xd8\x00"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		r := detect.Encoding(b)
		if r.Encoding == "" {
			t.Fatalf("Encoding(%q): empty name", b)
		}
		check := func(c float64) {
			if math.IsNaN(c) || c < 0 || c > 1 {
				t.Fatalf("Encoding(%q): confidence %v", b, c)
			}
		}
		check(r.Confidence)
		for _, c := range r.Candidates {
			check(c.Confidence)
		}
		if r.BOMLen < 0 || r.BOMLen > len(b) {
			t.Fatalf("Encoding(%q): BOMLen %d", b, r.BOMLen)
		}
		prev := r.BOMLen
		for _, s := range r.Segments {
			if s.Start < prev || s.End <= s.Start || s.End > len(b) || s.Encoding == r.Encoding {
				t.Fatalf("Encoding(%q): segment %+v after %d", b, s, prev)
			}
			check(s.Confidence)
			prev = s.End
		}
	})
}
