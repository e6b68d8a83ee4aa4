package mojibake

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortTopDropEndsSameAsSortFunc checks that sortTopDropEnds leaves in
// the first k places what slices.SortFunc leaves there, ties included,
// on lengths and patterns that take its paths: short, sorted, nearly
// sorted, reversed, few distinct values, many. (The heap sort, for a
// sort that runs out of good pivots, is TestTopHeapSort's.)
func TestSortTopDropEndsSameAsSortFunc(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	byLP := func(x, y dropEndCand) int { return cmp.Compare(y.lp, x.lp) }
	for _, n := range []int{0, 1, 5, 12, 13, 49, 50, 51, 200, 1000, 5000} {
		for pattern := range 6 {
			data := make([]dropEndCand, n)
			for i := range data {
				var lp float64
				switch pattern {
				case 0:
					lp = -float64(rng.IntN(3))
				case 1:
					lp = -float64(rng.IntN(256)) / 10
				case 2:
					lp = -float64(i)
				case 3:
					lp = float64(i)
				case 4:
					lp = -rng.Float64()
				case 5:
					lp = -float64(i / 2)
				}
				data[i] = dropEndCand{uint16(i), lp}
			}
			if pattern == 5 && n > 0 {
				// A few pairs out of order.
				for range 3 {
					i, j := rng.IntN(n), rng.IntN(n)
					data[i], data[j] = data[j], data[i]
				}
			}
			want := slices.Clone(data)
			slices.SortFunc(want, byLP)
			for _, k := range []int{0, min(1, n), min(10, n), n / 2, n} {
				got := slices.Clone(data)
				sortTopDropEnds(got, k)
				if !slices.Equal(got[:k], want[:k]) {
					t.Fatalf("n=%d pattern %d k=%d: first k differ from slices.SortFunc", n, pattern, k)
				}
			}
		}
	}
}

// TestTopHeapSort checks the heap sort that topPdqsort falls back to when
// it runs out of good pivots (limit 0): it sorts, elements unchanged.
func TestTopHeapSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	data := make([]dropEndCand, 300)
	for i := range data {
		data[i] = dropEndCand{uint16(i), -float64(rng.IntN(20))}
	}
	got := slices.Clone(data)
	topPdqsort(got, 0, len(got), 0, len(got))
	if !slices.IsSortedFunc(got, func(x, y dropEndCand) int { return cmp.Compare(y.lp, x.lp) }) {
		t.Fatal("not sorted")
	}
	byCode := func(x, y dropEndCand) int { return cmp.Compare(x.code, y.code) }
	slices.SortFunc(got, byCode)
	if !slices.Equal(got, data) {
		t.Fatal("elements changed")
	}
}
