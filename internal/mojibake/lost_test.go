package mojibake

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/utf8x"
)

// TestIndexSeq checks indexSeq against strings.Index at every offset of
// texts with near misses: lone lead bytes, U+?FFD characters such as 忽, and
// overlapping candidates.
func TestIndexSeq(t *testing.T) {
	pats := []string{"\uFFFD", "锟", "?", "ab", "\xbf\xbd"}
	texts := []string{"", "a", "\xef", "\xbf\xbd", "x\xbf\xbd\uFFFD", "，，\uFFFD", "忽\uFFFD", "锟斤拷", "a?b", "\xef\xef\xbf\xbd", "aab", "ab", "b", "錒锟"}
	for _, p := range pats {
		for _, s := range texts {
			for k := 0; k <= len(s); k++ {
				if got, want := indexSeq(s[k:], p), strings.Index(s[k:], p); got != want {
					t.Errorf("indexSeq(%q, %q) = %d, want %d", s[k:], p, got, want)
				}
			}
		}
	}
}

// TestSkipClean checks skipClean against the rune-by-rune test it stands
// for (utf8x.Decode3, suspiciousRune, U+FFFD) on every three-byte
// sequence of a lead byte E0–EF and two bytes of any value.
func TestSkipClean(t *testing.T) {
	gateTable()
	for c := 0xE0; c <= 0xEF; c++ {
		for c1 := range 256 {
			for _, c2 := range []byte{0x00, 0x41, 0x80, 0x8A, 0xA5, 0xBD, 0xBF, 0xC0, 0xFF} {
				s := "a" + string([]byte{byte(c), byte(c1), c2}) + "b"
				want := len(s)
				if r, ok := utf8x.Decode3(s, 1); !ok || suspiciousRune(r) || r == utf8.RuneError {
					want = 1
				}
				if got := skipClean(s, 0, len(s)); got != want {
					t.Fatalf("skipClean(%q) = %d, want %d", s, got, want)
				}
			}
		}
	}
	for s, want := range map[string]int{"(": 0, "中(": 3, "中\xe4\xb8": 3, "中\xe4": 3, "中文": 6} {
		if got := skipClean(s, 0, len(s)); got != want {
			t.Errorf("skipClean(%q) = %d, want %d", s, got, want)
		}
	}
}
