package mojibake

import (
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"sync"
	"testing"

	"github.com/hanfix/hanfix/internal/testshared"
)

// TestFindPooledScorer checks that the scorers reused from scorerPool
// carry nothing from one document to the next: Find reports the same
// spans for every input of the development set and the seeds whether the
// documents come in one order, in the reverse order, or on several
// goroutines at once.
func TestFindPooledScorer(t *testing.T) {
	var paths []string
	for _, sub := range []string{"devset/in", "corpus/seeds"} {
		ps, _ := filepath.Glob(filepath.Join(testshared.Dir(t, sub), "*.txt"))
		paths = append(paths, ps...)
	}
	sort.Strings(paths)
	if testing.Short() {
		paths = paths[:len(paths)/4]
	}
	docs := make([]string, len(paths))
	for i, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		docs[i] = string(raw)
	}
	want := make([][]Span, len(docs))
	for i, d := range docs {
		want[i] = Find(d)
	}
	check := func(how string, i int, got []Span) {
		if !reflect.DeepEqual(got, want[i]) {
			t.Errorf("%s: %s: spans differ from those found in order:\n got %v\nwant %v", how, paths[i], got, want[i])
		}
	}
	for i := len(docs) - 1; i >= 0; i-- {
		check("reverse order", i, Find(docs[i]))
	}
	const workers = 4
	var wg sync.WaitGroup
	got := make([][]Span, len(docs))
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each worker takes every workers-th document, from its
			// own offset, so the goroutines interleave the documents.
			for i := w; i < len(docs); i += workers {
				got[i] = Find(docs[i])
			}
		}()
	}
	wg.Wait()
	for i := range docs {
		check("concurrently", i, got[i])
	}
}
