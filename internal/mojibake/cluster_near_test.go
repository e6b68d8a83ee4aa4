package mojibake

import (
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"github.com/hanfix/hanfix/internal/testshared"
)

// TestNearClusters checks that the regions nearClusters finds for random
// windows include those of the scan of the whole text that meet them,
// alike, and in order, on the devset inputs and the seeds (annotated with
// pinyin, some of them).
func TestNearClusters(t *testing.T) {
	dev := testshared.Dir(t, "devset")
	ins, _ := filepath.Glob(filepath.Join(dev, "in", "*.txt"))
	seeds, _ := filepath.Glob(filepath.Join(dev, "..", "corpus", "seeds", "*.txt"))
	if len(seeds) == 0 {
		t.Fatal("no seeds")
	}
	ins = append(ins, seeds...)
	rng := rand.New(rand.NewSource(1))
	for _, p := range ins {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		a := newAnalyzer(text, nil)
		a.sc.ev = collectEvidence(text)
		a.shiftRuns()
		all := a.clusters(&coverCursor{spans: a.spans})
		for try := 0; try < 40; try++ {
			var near []window
			for k := rng.Intn(6); k >= 0; k-- {
				lo := rng.Intn(len(text) + 1)
				near = append(near, window{lo, lo + rng.Intn(64)})
			}
			sort.Slice(near, func(i, j int) bool { return near[i].lo < near[j].lo })
			a.near = near
			var got, want []cluster
			for _, c := range a.clusters(&coverCursor{spans: a.spans}) {
				if meets(near, c.start, c.end) {
					got = append(got, c)
				}
			}
			for _, c := range all {
				if meets(near, c.start, c.end) {
					want = append(want, c)
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s, windows %v: near clusters %v, want %v", filepath.Base(p), near, got, want)
			}
			a.near = nil
		}
	}
}
