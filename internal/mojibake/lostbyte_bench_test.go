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

// denseLost is Traditional prose (the gold of seed 001, its characters
// that Big5 writes) encoded as Big5 and read by Python's gbk reader with
// errors="replace", about n bytes of it: a page that says nothing of its
// charset read as GBK. That reader fails on GBK's user-defined areas,
// where Big5 keeps its commonest characters (一 is A4 40), so that more
// than a quarter of the characters are U+FFFD: the densest damage the
// lost-byte search meets, and the slowest text for Find per byte.
func denseLost(b *testing.B, n int) string {
	var keep []rune
	for _, r := range readShared(b, "corpus", "gold/001_a8a28db1f456a665.txt") {
		if r == '\n' || r >= 0x80 && big5().enc[r] != 0 {
			keep = append(keep, r)
		}
		if len(keep) >= n/2 {
			break
		}
	}
	return readFailing(b, "gbk", encodeAll(b, "big5", string(keep)))
}

// BenchmarkFindDenseLost is Find on denseLost text, 20 KB.
func BenchmarkFindDenseLost(b *testing.B) {
	benchFind(b, denseLost(b, 20000))
}
