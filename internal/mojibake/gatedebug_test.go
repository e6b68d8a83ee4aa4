package mojibake

import (
	"fmt"
	"os"
	"testing"
	"unicode/utf8"

	"github.com/hanfix/hanfix/internal/lm"
)

func TestDebugGate(t *testing.T) {
	f := os.Getenv("GATEFILE")
	if f == "" {
		t.Skip()
	}
	raw, _ := os.ReadFile(f)
	gateTable()
	m := lm.Default()
	cnt := map[rune]int{}
	s := string(raw)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if suspiciousRune(r) || r == '?' {
			cnt[r]++
		}
		i += n
	}
	for r, c := range cnt {
		fmt.Printf("%c %U %d %.1f\n", r, r, c, m.Unigram(r))
	}
}
