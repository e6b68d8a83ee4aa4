package mojibake

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDebugNeg(t *testing.T) {
	dir, cases, _ := readDevset(t)
	debugShift = true
	defer func() { debugShift = false }()
	for _, c := range cases {
		if c.Cat == "c" || c.Cat == "d" || !strings.HasSuffix(c.Input, ".txt") {
			continue
		}
		raw, _ := os.ReadFile(filepath.Join(dir, c.Input))
		Find(string(raw))
	}
	for _, s := range []string{"000_a5d9b8ec73973a47.txt", "002_58a5659c598ff0e5.txt", "003_19cbcc717df6b98e.txt", "004_ca7ee976e50d1c96.txt"} {
		raw, _ := os.ReadFile(filepath.Join(dir, "..", "corpus", "seeds", s))
		Find(string(raw))
	}
}
