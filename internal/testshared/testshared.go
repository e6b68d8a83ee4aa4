// Package testshared locates the read-only test data that sits beside the
// repository in ../shared (seeds, gold, the development set, OpenCC's
// conformance cases). Tests that use it skip when it is absent, so that a
// plain clone passes go test; when it is present they always run.
package testshared

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Root returns the repository root (the directory that holds go.mod).
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// Dir returns the path of ../shared/sub beside the repository, or skips t
// when it does not exist.
func Dir(t testing.TB, sub string) string {
	t.Helper()
	p := filepath.Join(Root(), "..", "shared", sub)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("%s not present (run beside ../shared to include this test)", p)
	}
	return p
}

// SeedDocs returns n documents cut from the seeds in ../shared/corpus/seeds
// (or skips t when they are absent), as scripts/throughput.sh cuts them:
// each is 10 to 120 consecutive lines of one seed, the seed chosen with
// probability proportional to its size, so that the mix of damage is the
// seeds'. The cuts are the same on every call (a fixed random seed).
func SeedDocs(t testing.TB, n int) [][]byte {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(Dir(t, "corpus"), "seeds", "*.txt"))
	if len(paths) == 0 {
		t.Skip("no seeds in ../shared/corpus/seeds")
	}
	var seeds [][]string
	var weights []int
	total := 0
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		seeds = append(seeds, strings.Split(string(b), "\n"))
		weights = append(weights, len(b))
		total += len(b)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	docs := make([][]byte, 0, n)
	for range n {
		w, k := rng.IntN(total), 0
		for w >= weights[k] {
			w -= weights[k]
			k++
		}
		lines := seeds[k]
		m := 10 + rng.IntN(111)
		start := rng.IntN(max(1, len(lines)-m+1))
		text := strings.Trim(strings.Join(lines[start:min(len(lines), start+m)], "\n"), "\n") + "\n"
		docs = append(docs, []byte(text))
	}
	return docs
}
