package mojibake

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hanfix/hanfix/internal/cputime"
	"github.com/hanfix/hanfix/internal/testshared"
)

func readShared(b *testing.B, sub string, names ...string) string {
	dir := testshared.Dir(b, sub)
	var parts []string
	for _, n := range names {
		raw, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			b.Fatal(err)
		}
		parts = append(parts, string(raw))
	}
	return strings.Join(parts, "\n")
}

// cleanText is clean Simplified and Traditional prose: the gold files of
// the seeds (cleaned by hand), with their legitimate question marks.
func cleanText(b *testing.B) string {
	return readShared(b, "corpus", "gold/000_a5d9b8ec73973a47.txt", "gold/001_a8a28db1f456a665.txt",
		"gold/002_58a5659c598ff0e5.txt", "gold/003_19cbcc717df6b98e.txt", "gold/004_ca7ee976e50d1c96.txt",
		"seeds/000_a5d9b8ec73973a47.txt", "seeds/004_ca7ee976e50d1c96.txt")
}

func benchFind(b *testing.B, s string) {
	Find(s)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	b.ResetTimer()
	t0 := cputime.Now()
	for i := 0; i < b.N; i++ {
		Find(s)
	}
	cputime.ReportRate(b, t0, (len(s))*b.N)
}

// BenchmarkGate is the fast path alone on clean Chinese prose: the lines
// of the clean text that the gate passes, as one text, scanned to the end.
func BenchmarkGate(b *testing.B) {
	var pass []string
	for _, l := range strings.Split(cleanText(b), "\n") {
		if !Suspicious(l) {
			pass = append(pass, l)
		}
	}
	s := strings.Join(pass, "\n")
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	b.ResetTimer()
	t0 := cputime.Now()
	for i := 0; i < b.N; i++ {
		Suspicious(s)
	}
	cputime.ReportRate(b, t0, (len(s))*b.N)
}

// BenchmarkFindClean is Find on clean prose, document by document (the
// way the pipeline calls it).
func BenchmarkFindClean(b *testing.B) {
	docs := strings.Split(cleanText(b), "\n")
	n := 0
	for _, d := range docs {
		n += len(d) + 1
	}
	benchDocs(b, docs, n)
}

// benchDocs runs Find on each of docs in turn, n bytes in all.
func benchDocs(b *testing.B, docs []string, n int) {
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	t0 := cputime.Now()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			Find(d)
		}
	}
	cputime.ReportRate(b, t0, n*b.N)
}

// BenchmarkFindSeed001 is seed 001: 250 KB with 33 misaligned runs.
func BenchmarkFindSeed001(b *testing.B) {
	benchFind(b, readShared(b, "corpus", "seeds/001_a8a28db1f456a665.txt"))
}

// BenchmarkFindDamaged is heavily damaged text: the mojibake inputs of the
// development set (categories c and d) one after the other.
func BenchmarkFindDamaged(b *testing.B) {
	benchFind(b, devsetInputs(b, "[cd]*.txt"))
}

// BenchmarkFindDamagedParallel is BenchmarkFindDamaged on every core at
// once, GOMAXPROCS goroutines each running Find on the input, as a
// pipeline that cleans many documents runs it: MB/s is the total of the
// cores, and MB/cpu-s, the rate per core, shows how well Find scales
// (it shares only read-only models and pooled scratch memory).
func BenchmarkFindDamagedParallel(b *testing.B) {
	s := devsetInputs(b, "[cd]*.txt")
	Find(s)
	b.SetBytes(int64(len(s)))
	b.ReportAllocs()
	b.ResetTimer()
	t0 := cputime.Now()
	// RunParallel shares b.N iterations out among the goroutines.
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			Find(s)
		}
	})
	cputime.ReportRate(b, t0, len(s)*b.N)
}

// BenchmarkFindDamagedDocs is BenchmarkFindDamaged as a pipeline runs it:
// each damaged document of the development set on its own, one after the
// other, so that each analysis starts from what the one before left in
// the pooled caches. (Each document cleaned again and again would find its
// own character pairs in them, and run half as fast again.)
func BenchmarkFindDamagedDocs(b *testing.B) {
	docs := devsetDocs(b, "[cd]*.txt")
	n := 0
	for _, d := range docs {
		Find(d)
		n += len(d)
	}
	benchDocs(b, docs, n)
}

// BenchmarkFindDamagedRecode is the codec-chain mojibake of the
// development set alone (category d, UTF-8 read as windows-1252, GBK or
// Big5 and back), where most of Find's time goes to findRecodes.
func BenchmarkFindDamagedRecode(b *testing.B) {
	benchFind(b, devsetInputs(b, "d*.txt"))
}

// devsetInputs returns the development set's inputs whose names match
// pattern, one after the other.
func devsetInputs(b *testing.B, pattern string) string {
	return strings.Join(devsetDocs(b, pattern), "\n")
}

// devsetDocs returns the development set's inputs whose names match
// pattern.
func devsetDocs(b *testing.B, pattern string) []string {
	dir := testshared.Dir(b, "devset")
	ms, _ := filepath.Glob(filepath.Join(dir, "in", pattern))
	var docs []string
	for _, m := range ms {
		raw, err := os.ReadFile(m)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, string(raw))
	}
	return docs
}

// BenchmarkFindAdversarial is input made to be expensive: question marks
// before rare characters, before pinyin, and runs of mojibake-looking
// Latin-1, 100 KB each.
func BenchmarkFindAdversarial(b *testing.B) {
	s := strings.Repeat("字?秾", 4800) + strings.Repeat("字?zhèn)", 3400) + strings.Repeat("Ã©", 25000) + strings.Repeat("?a", 50000)
	benchFind(b, s)
}

// BenchmarkFindSeedDocs is Find on documents as the CLI sees them: 110
// documents cut from the seeds (about 5 MB, testshared.SeedDocs), each in
// turn.
func BenchmarkFindSeedDocs(b *testing.B) {
	raw := testshared.SeedDocs(b, 110)
	docs := make([]string, len(raw))
	n := 0
	for i, d := range raw {
		docs[i] = string(d)
		n += len(d)
	}
	benchDocs(b, docs, n)
}
