package normalize

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/hanfix/hanfix/internal/testshared"
)

// seedText returns the seed documents joined, as seed-like damaged text.
func seedText(b *testing.B) []byte {
	corpus := testshared.Dir(b, "corpus")
	paths, _ := filepath.Glob(filepath.Join(corpus, "seeds", "*.txt"))
	var all []byte
	for _, p := range paths {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		all = append(append(all, d...), '\n')
	}
	return all
}

// BenchmarkPipelineSeeds measures the whole pipeline with target simp on
// the seed documents, one document per call, raw bytes in.
func BenchmarkPipelineSeeds(b *testing.B) {
	corpus := testshared.Dir(b, "corpus")
	paths, _ := filepath.Glob(filepath.Join(corpus, "seeds", "*.txt"))
	var docs [][]byte
	size := 0
	for _, p := range paths {
		d, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, d)
		size += len(d)
	}
	n, err := New(Options{Target: TargetSimplified})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			if _, _, err := n.Bytes(d); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkPipelineClean measures the pipeline with target auto on clean
// Simplified prose.
func BenchmarkPipelineClean(b *testing.B) {
	text := cleanSample(200 << 10)
	n, err := New(Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := n.String(text); err != nil {
			b.Fatal(err)
		}
	}
}
