package mojibake

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanfix/hanfix/internal/testshared"
)

func benchText(b *testing.B, name string) string {
	dir := testshared.Dir(b, "corpus")
	raw, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		b.Fatal(err)
	}
	return string(raw)
}

// BenchmarkCleanGate: clean Chinese prose through the gate (gold of seed
// 001: Simplified, no mojibake).
func BenchmarkFindClean(b *testing.B) {
	s := benchText(b, "gold/001_a8a28db1f456a665.txt")
	s = strings.ReplaceAll(s, "?", "")
	Find(s)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Find(s)
	}
}

// BenchmarkFindDamaged: seed 001 with its 33 GBK misalignment runs.
func BenchmarkFindDamaged(b *testing.B) {
	s := benchText(b, "seeds/001_a8a28db1f456a665.txt")
	Find(s)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Find(s)
	}
}
