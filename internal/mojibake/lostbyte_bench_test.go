package mojibake

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanfix/hanfix/internal/testshared"
)

// BenchmarkFindLostBytes is Find on the codec-chain mojibake of the
// development set (category d) that holds U+FFFD, document by document:
// the inputs where restoring the bytes behind them (restoreLost) costs
// the most.
func BenchmarkFindLostBytes(b *testing.B) {
	dir := testshared.Dir(b, "devset")
	ms, _ := filepath.Glob(filepath.Join(dir, "in", "d*.txt"))
	var docs []string
	n := 0
	for _, m := range ms {
		raw, err := os.ReadFile(m)
		if err != nil {
			b.Fatal(err)
		}
		if strings.ContainsRune(string(raw), '\uFFFD') {
			docs = append(docs, string(raw))
			n += len(raw)
		}
	}
	if len(docs) == 0 {
		b.Skip("no input holds U+FFFD")
	}
	benchDocs(b, docs, n)
}
