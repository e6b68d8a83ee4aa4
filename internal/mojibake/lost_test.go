package mojibake

import (
	"strings"
	"testing"
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
